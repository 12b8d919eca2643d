// Corpus test: realistic Sentinel rules, hunting queries, .kql files and Markdown parse cleanly, with spans inside the document and stable results.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Analyzer } from '../../src/core/analyzers/analyzer';
import { loadKqlAnalyzer } from '../../src/core/analyzers/kql';
import { isKqlCandidate } from '../../src/core/analyzers/kql-sources';
import type { ScriptModel } from '../../src/core/model';
import { repoRoot, testHost } from '../helpers';
import { assertSpansInside, textAt } from './kql-helpers';

const corpusDir = path.join(repoRoot, 'test', 'fixtures', 'kql-corpus');
const files = fs.readdirSync(corpusDir).filter((name) => /\.(kql|kusto|csl|ya?ml|md)$/.test(name)).sort();

let analyzer: Analyzer;

before(async () => {
  analyzer = await loadKqlAnalyzer(testHost());
});

/** The `expect-unbounded: A, B` (or `none`) marker each corpus file carries in a comment. */
function expectedUnbounded(text: string, name: string): string[] {
  const marker = /expect-unbounded:\s*([^\r\n]*?)\s*(?:-->)?\s*$/m.exec(text);
  assert.ok(marker?.[1] !== undefined, `${name} has no expect-unbounded marker`);
  return marker[1] === 'none' ? [] : marker[1].split(',').map((item) => item.trim()).sort();
}

function analyzeFile(name: string): { text: string; model: ScriptModel } {
  const text = fs.readFileSync(path.join(corpusDir, name), 'utf8');
  return { text, model: analyzer.analyze(text, { path: `/corpus/${name}` }) };
}

describe('kql corpus', () => {
  it('is a large, varied sample', () => {
    assert.ok(files.length >= 30, `only ${files.length} corpus files`);
    for (const extension of ['.yaml', '.kql', '.md']) assert.ok(files.some((name) => name.endsWith(extension)), `no ${extension} file`);
  });

  for (const name of files) {
    it(name, () => {
      const { text, model } = analyzeFile(name);
      assert.ok(isKqlCandidate(`/corpus/${name}`, text), 'is a KQL candidate');
      assert.deepEqual(model.syntaxErrors, [], 'valid queries have no syntax errors');
      assertSpansInside(text, model, name);
      const queries = model.kql?.queries ?? [];
      assert.ok(queries.length > 0, 'has a query');
      for (const query of queries) {
        assert.ok(query.tables.length > 0 || query.crossResource.length > 0, 'reads something');
        for (const table of query.tables) {
          const written = textAt(text, table.span);
          assert.ok(written === table.name || written.includes(table.name), `table ${table.name} is written as ${written}`);
        }
      }
      const unbounded = [...new Set(queries.flatMap((query) => query.unboundedTables.map((table) => table.name)))].sort();
      assert.deepEqual(unbounded, expectedUnbounded(text, name), 'unbounded tables');
      if (name.endsWith('.yaml')) {
        const scheduled = /^(queryFrequency|kind: (Scheduled|NRT))/m.test(text);
        assert.deepEqual(queries.map((query) => query.origin), [scheduled ? 'scheduled-rule' : 'hunting']);
      }
      assert.deepEqual(analyzer.analyze(text, { path: `/corpus/${name}` }), model, 'a second run gives the same model');
    });
  }
});
