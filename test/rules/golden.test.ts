// Golden fixtures per rule: real scripts with `expect:` markers, checked by the real engine.
// Markers (`# expect: rule-id[, rule-id]`, `// expect: …` in KQL) must match finding lines exactly;
// the full findings are also compared with `expected.txt`, rewritten only with UPDATE_GOLDENS=1.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { toCorePath } from '../../src/cli/node-host';
import { Checker } from '../../src/core';
import { repoRoot, testHost } from '../helpers';

const goldenRoot = path.join(repoRoot, 'test', 'fixtures', 'rules');

function markers(text: string): string[] {
  const found: string[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, index) => {
    const match = /(?:#|\/\/|<#)\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/.exec(line);
    if (match) for (const rule of match[1]!.split(/\s*,\s*/)) found.push(`${index + 1} ${rule}`);
  });
  return found;
}

for (const name of fs.existsSync(goldenRoot) ? fs.readdirSync(goldenRoot).sort() : []) {
  const dir = path.join(goldenRoot, name);
  if (!fs.statSync(dir).isDirectory()) continue;
  test(`golden: ${name}`, async () => {
    const checker = new Checker(testHost(), { root: toCorePath(dir) });
    const result = await checker.checkPaths([toCorePath(dir)]);
    assert.deepEqual(result.policyProblems, []);
    for (const file of result.files) {
      const text = fs.readFileSync(file.absolutePath, 'utf8');
      const actual = file.findings.filter((f) => !f.suppression).map((f) => `${f.span.startLine} ${f.ruleId}`).sort();
      assert.deepEqual(actual, markers(text).sort(), `markers in ${file.file}`);
    }
    const rendered = result.findings
      .map((f) => `${f.file}:${f.span.startLine}:${f.span.startColumn}-${f.span.endLine}:${f.span.endColumn} ${f.severity} ${f.ruleId}${f.suppression ? ' (suppressed)' : ''}: ${f.message}`)
      .join('\n');
    const expectedFile = path.join(dir, 'expected.txt');
    if (process.env.UPDATE_GOLDENS === '1') fs.writeFileSync(expectedFile, `${rendered}\n`);
    assert.equal(`${rendered}\n`, fs.readFileSync(expectedFile, 'utf8'), `golden ${expectedFile} (run \`npm run test:update-goldens\` and review the diff)`);
  });
}
