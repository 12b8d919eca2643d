// CLI tests: the built dist/cli.js on small projects, asserting output and exit codes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'cli');

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

test('--version prints the package version', () => {
  const { code, stdout } = run(['--version'], repoRoot);
  assert.equal(code, 0);
  assert.equal(stdout.trim(), (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
});

test('a clean project exits 0 and says so', () => {
  const { code, stdout } = run(['check'], path.join(fixtures, 'clean'));
  assert.equal(code, 0, stdout);
  assert.match(stdout, /No problems in 1 file/);
  assert.match(stdout, /Clean project 0\.1\.0/);
});

test('error findings exit 1 with file, position, rule and message', () => {
  const { code, stdout } = run(['check', '.'], path.join(fixtures, 'findings'));
  assert.equal(code, 1);
  assert.match(stdout, /hunt\.py/);
  assert.match(stdout, /1:8\s+error\s+`pickle` is denied by policy Findings project 1\.2\.0: .*denied-import/);
  assert.match(stdout, /2:8\s+warning\s+`reqeusts` is not on the approved list \(policy Findings project 1\.2\.0\) — did you mean `requests`\?\s+unapproved-import/);
  assert.match(stdout, /3 problems \(1 error, 2 warnings\)/);
});

test('--max-warnings fails the build on too many warnings', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socguard-cli-'));
  fs.writeFileSync(path.join(dir, '.socguard.yaml'), 'name: W\nversion: 1.0.0\nextends: [socguard:baseline]\nrules: { unapproved-import: warning }\n');
  fs.writeFileSync(path.join(dir, 'a.py'), 'import scapy\nimport nmap\n');
  assert.equal(run(['check'], dir).code, 0);
  assert.equal(run(['check', '--max-warnings', '2'], dir).code, 0);
  const over = run(['check', '--max-warnings', '1'], dir);
  assert.equal(over.code, 1);
  assert.match(over.stderr, /2 warnings exceed --max-warnings 1/);
});

test('json output is machine-readable and complete', () => {
  const { code, stdout } = run(['check', '--format', 'json'], path.join(fixtures, 'findings'));
  assert.equal(code, 1);
  const report = JSON.parse(stdout) as { findings: { ruleId: string; file: string; line: number; column: number }[] };
  assert.deepEqual(
    report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`),
    ['hunt.py:1:8 denied-import', 'hunt.py:2:8 unapproved-import', 'hunt.py:3:8 unapproved-import'],
  );
});

test('--output writes the report to a file', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'socguard-out-')), 'reports', 'socguard.sarif');
  const { code, stdout, stderr } = run(['check', '--format', 'sarif', '--output', out], path.join(fixtures, 'findings'));
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /wrote sarif report/);
  const sarif = JSON.parse(fs.readFileSync(out, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0]!.results.length, 3);
});

test('a broken policy exits 2 and lists every problem with file, line and column', () => {
  const { code, stdout, stderr } = run(['check'], path.join(fixtures, 'broken-policy'));
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  const problems = stderr.split('\n').filter((line) => line.startsWith('.socguard.yaml:'));
  assert.ok(problems.length >= 4, stderr);
  assert.match(stderr, /\.socguard\.yaml:2:\d+: .*version/);
  assert.match(stderr, /\.socguard\.yaml:3:\d+: .*outside\.yaml/);
  assert.match(stderr, /\.socguard\.yaml:6:\d+: .*default/);
  assert.match(stderr, /\.socguard\.yaml:7:\d+: .*alow/);
  assert.match(stderr, /\.socguard\.yaml:9:\d+: .*unapproved-imports.*unapproved-import/);
});

test('policy validate reports problems (exit 2) or success (exit 0)', () => {
  assert.equal(run(['policy', 'validate'], path.join(fixtures, 'broken-policy')).code, 2);
  const ok = run(['policy', 'validate', '.socguard.yaml'], path.join(fixtures, 'clean'));
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /is valid: policy Clean project 0\.1\.0/);
});

test('policy explain shows effective settings and where they came from', () => {
  const { code, stdout } = run(['policy', 'explain', 'hunt.py'], path.join(fixtures, 'findings'));
  assert.equal(code, 0);
  assert.match(stdout, /Findings project 1\.2\.0/);
  assert.match(stdout, /requests/);
  assert.match(stdout, /\.socguard\.yaml:\d+/);
  assert.match(stdout, /socguard:baseline/);
});

test('inventory lists every module reference as JSON records', () => {
  const { code, stdout } = run(['inventory', 'hunt.py'], path.join(fixtures, 'findings'));
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout), [
    { file: 'hunt.py', line: 1, column: 8, language: 'python', kind: 'import', module: 'pickle' },
    { file: 'hunt.py', line: 2, column: 8, language: 'python', kind: 'import', module: 'reqeusts' },
    { file: 'hunt.py', line: 3, column: 8, language: 'python', kind: 'import', module: 'scapy.all' },
  ]);
});

test('binary, over-size and invalid UTF-8 files: skipped with a reason or checked leniently', () => {
  const { code, stdout } = run(['check', '--max-file-size', '1KB'], path.join(fixtures, 'skips'));
  assert.match(stdout, /binary\.py.*binary file/s);
  assert.match(stdout, /big\.py.*larger than the 1 KB limit/s);
  assert.match(stdout, /latin1\.py[\s\S]*3:8\s+error\s+`scapy` is not on the approved list/);
  assert.equal(code, 1);
});

test('bad usage exits 2 with a hint', () => {
  for (const args of [['frobnicate'], ['check', '--format', 'xml'], ['check', '--max-warnings', 'many'], ['check', '--bogus'], ['check', '--policy', 'missing.yaml']]) {
    const { code, stderr } = run(args, repoRoot);
    assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
    assert.match(stderr, /^socguard: /);
  }
});

test('the bundled examples show real findings', () => {
  const { code, stdout } = run(['check', 'examples'], repoRoot);
  assert.equal(code, 1);
  for (const expected of ['`scapy.all` is denied', 'did you mean `requests`?', '`shelve` is denied']) assert.ok(stdout.includes(expected), `${expected}\n${stdout}`);
});
