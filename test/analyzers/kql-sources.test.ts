// Tests for finding KQL in files: which files hold KQL, and the character-exact map from query text back to the file.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractKql, extractKqlSources, isKqlCandidate, type KqlSource } from '../../src/core/analyzers/kql-sources';
import { textAt } from './kql-helpers';

/** Asserts that every non-blank character of the query text comes from the file text at its mapped span. */
function assertCharacterMap(file: string, source: KqlSource, label: string): void {
  for (let i = 0; i < source.text.length; i++) {
    const char = source.text[i] ?? '';
    if (char === ' ' || char === '\n' || char === '\t') continue;
    const written = textAt(file, source.spanOf(i, i + 1));
    const isEscape = written.startsWith('\\') || written === "''";
    assert.ok(written === char || isEscape, `${label}: character ${i} ${JSON.stringify(char)} maps to ${JSON.stringify(written)}`);
  }
  assert.equal(textAt(file, source.spanOf(0, source.text.length)).replace(/\s+/g, ''), textAt(file, source.span).replace(/\s+/g, ''), `${label}: whole span`);
}

describe('kql sources: which files hold KQL', () => {
  const rows: [string, string, boolean][] = [
    ['/q/a.kql', '', true],
    ['/q/a.KUSTO', 'T', true],
    ['/q/a.csl', 'T', true],
    ['/r/rule.yaml', 'id: 1\nquery: |\n  SigninLogs\n', true],
    ['/r/rule.yml', 'query: SigninLogs | take 1\n', true],
    ['/r/policy.yaml', 'name: team\nrules:\n  query: x\n', false],
    ['/r/list.yaml', '- query: x\n', false],
    ['/r/broken.yaml', 'query: [\n', false],
    ['/d/readme.md', '# x\n\n```kql\nT\n```\n', true],
    ['/d/readme.md', '# x\n\n```kusto\nT\n```\n', true],
    ['/d/readme.md', '# x\n\n```sql\nT\n```\n', false],
    ['/d/readme.md', 'inline `kql` only', false],
    ['/s/script.py', 'query = "T | take 1"', false],
  ];
  for (const [path, text, expected] of rows) {
    it(`${path}: ${JSON.stringify(text).slice(0, 40)}`, () => assert.equal(isKqlCandidate(path, text), expected));
  }
});

describe('kql sources: YAML scalars map back character by character', () => {
  const rows: { name: string; yaml: string; query: string }[] = [
    { name: 'literal', yaml: 'id: x\nquery: |\n  T\n  | where a == "b" // c\n\n  | take 1\nkind: Scheduled\n', query: 'T\n| where a == "b" // c\n\n| take 1\n' },
    { name: 'literal strip, deeper indentation kept', yaml: 'query: |-\n    T\n      | take 1\n', query: 'T\n  | take 1' },
    { name: 'literal with indentation indicator and comment', yaml: 'query: |2- # the query, T first\n   T\n  | take 1\n', query: ' T\n| take 1' },
    { name: 'folded', yaml: 'query: >\n  T\n  | take 1\n\n  | count\n', query: 'T | take 1\n| count\n' },
    { name: 'double quoted with escapes', yaml: 'query: "T | where a == \\"x\\"\\n| where b == \'\\u00e9\\t\\\\\'"\n', query: 'T | where a == "x"\n| where b == \'\u00e9\t\\\'' },
    { name: 'double quoted over lines', yaml: 'query: "T\n  | where a ==\\\n  1"\n', query: 'T | where a ==1' },
    { name: 'single quoted', yaml: "query: 'T | where a == ''x''\n\n  | take 1'\n", query: "T | where a == 'x'\n| take 1" },
    { name: 'plain over lines', yaml: 'query: T | where a == 1\n  | take 1\nname: n\n', query: 'T | where a == 1 | take 1' },
    { name: 'CRLF literal', yaml: 'query: |\r\n  T\r\n  | take 1\r\n', query: 'T\n| take 1\n' },
    { name: 'BOM and CRLF folded', yaml: '\uFEFFquery: >-\r\n  T\r\n  | take 1\r\n', query: 'T | take 1' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const { sources, problems } = extractKql(row.yaml, '/r/rule.yaml');
      assert.deepEqual(problems, []);
      const [source] = sources;
      assert.ok(source && sources.length === 1);
      assert.equal(source.text, row.query);
      assertCharacterMap(row.yaml, source, row.name);
    });
  }

  it('points at the first character of a literal block query', () => {
    const yaml = 'name: n\nquery: |\n  SigninLogs\n  | take 1\n';
    const [source] = extractKqlSources(yaml, '/r/rule.yaml');
    assert.ok(source);
    assert.deepEqual(source.spanOf(0, 10), { startLine: 3, startColumn: 3, endLine: 3, endColumn: 13 });
    assert.deepEqual(source.span, { startLine: 3, startColumn: 3, endLine: 4, endColumn: 11 });
    assert.equal(source.spanOf(source.text.length, source.text.length).startLine, 5, "after the kept final line break");
  });

  it('reads every document of a multi-document YAML', () => {
    const yaml = 'query: A | take 1\n---\nquery: B | take 1\nqueryPeriod: 1d\n';
    const sources = extractKqlSources(yaml, '/r/rules.yaml');
    assert.deepEqual(sources.map((source) => [source.text, source.origin, source.span.startLine]), [
      ['A | take 1', 'hunting', 1],
      ['B | take 1', 'scheduled-rule', 3],
    ]);
  });
});

describe('kql sources: Markdown fences and whole files', () => {
  it('strips the fence indentation and maps each line', () => {
    const md = 'Intro\n\n  ```kql\n  T\n    | take 1\n  ```\n';
    const [source] = extractKqlSources(md, '/d/a.md');
    assert.ok(source);
    assert.equal(source.text, 'T\n  | take 1');
    assertCharacterMap(md, source, 'indented fence');
  });

  it('reads an empty fence as an empty query at the fence', () => {
    const [source] = extractKqlSources('```kql\n```\n', '/d/a.md');
    assert.ok(source);
    assert.equal(source.text, '');
    assert.equal(source.span.startLine, 2);
  });

  it('reads a .kql file whole, without its BOM', () => {
    const text = '\uFEFFT\r\n| take 1';
    const [source] = extractKqlSources(text, '/q/a.kql');
    assert.ok(source);
    assert.equal(source.text, 'T\r\n| take 1');
    assert.deepEqual(source.spanOf(0, 1), { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 });
    assert.deepEqual(source.spanOf(3, 4), { startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 });
  });
});
