// Keeps the registry, rule files, docs, tests, README and architecture boundaries consistent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ALL_RULE_METAS, RULES } from '../../src/core';
import { repoRoot } from '../helpers';

const rulesDir = path.join(repoRoot, 'src', 'core', 'rules');
const HEADINGS = ['## What it does', '## Why it matters', '## Example', '## Options'];

test('every rule has a kebab-case id, a source file and a doc page with the fixed headings', () => {
  for (const meta of ALL_RULE_METAS) {
    assert.match(meta.name, /^[a-z]+(-[a-z]+)*$/, meta.name);
    const doc = path.join(rulesDir, `${meta.name}.md`);
    assert.ok(fs.existsSync(doc), `missing ${doc}`);
    const text = fs.readFileSync(doc, 'utf8');
    assert.ok(text.startsWith(`# ${meta.name}\n`), `${meta.name}.md must start with its title`);
    let last = -1;
    for (const heading of HEADINGS) {
      const at = text.indexOf(`\n${heading}\n`);
      assert.ok(at > last, `${meta.name}.md needs "${heading}" in order`);
      last = at;
    }
    if (meta.fixable) assert.ok(text.includes('\n## Fix safety\n'), `${meta.name}.md is fixable and needs "## Fix safety"`);
    for (const message of Object.values(meta.messages)) assert.doesNotMatch(message, /\.$/, `${meta.name}: messages have no trailing period`);
  }
});

test('every rule source file is registered and every registered rule has its file, table test and golden fixture', () => {
  const registered = new Set(RULES.map((rule) => rule.meta.name));
  const docs = fs.readdirSync(rulesDir).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3));
  const known = new Set(ALL_RULE_METAS.map((meta) => meta.name));
  for (const doc of docs) assert.ok(known.has(doc), `${doc}.md documents no registered rule`);
  for (const name of registered) {
    assert.ok(fs.existsSync(path.join(rulesDir, `${name}.ts`)), `missing src/core/rules/${name}.ts`);
    assert.ok(fs.existsSync(path.join(repoRoot, 'test', 'rules', `${name}.test.ts`)), `missing table test test/rules/${name}.test.ts`);
    assert.ok(fs.existsSync(path.join(repoRoot, 'test', 'fixtures', 'rules', name)), `missing golden fixture test/fixtures/rules/${name}/`);
  }
});

test('the README rule index lists every rule', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  for (const meta of ALL_RULE_METAS) assert.ok(readme.includes(`[\`${meta.name}\`](src/core/rules/${meta.name}.md)`), `README misses ${meta.name}`);
});

test('core stays pure: no vscode, node I/O, process or console in src/core', () => {
  const offenders: string[] = [];
  (function scan(dir: string): void {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) scan(full);
      else if (entry.name.endsWith('.ts')) {
        const text = fs.readFileSync(full, 'utf8');
        if (/from ['"](vscode|node:fs|fs|node:child_process|child_process|node:path|path|node:os|os)['"]/.test(text)) offenders.push(full);
        if (/\b(process\.(env|cwd|exit|argv)|console\.(log|error|warn))\b/.test(text)) offenders.push(full);
      }
    }
  })(path.join(repoRoot, 'src', 'core'));
  assert.deepEqual(offenders, []);
});

test('the CLI and the extension never import each other', () => {
  const check = (dir: string, forbidden: RegExp): void => {
    for (const name of fs.readdirSync(path.join(repoRoot, 'src', dir))) {
      const text = fs.readFileSync(path.join(repoRoot, 'src', dir, name), 'utf8');
      assert.doesNotMatch(text, forbidden, `src/${dir}/${name}`);
    }
  };
  check('cli', /from ['"](\.\.\/extension|vscode)/);
  check('extension', /from ['"]\.\.\/cli/);
});

test('the CLI bundle does not treat vscode as external, so a stray vscode import in core breaks the build', () => {
  const build = fs.readFileSync(path.join(repoRoot, 'esbuild.js'), 'utf8');
  const cliBuild = build.slice(build.indexOf("'src/cli/main.ts'"), build.indexOf("'src/extension/extension.ts'"));
  assert.ok(cliBuild.length > 0);
  assert.doesNotMatch(cliBuild, /'vscode'/);
  assert.doesNotMatch(fs.readFileSync(path.join(repoRoot, 'dist', 'cli.js'), 'utf8'), /require\(["']vscode["']\)/);
});
