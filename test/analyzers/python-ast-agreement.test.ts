// Differential test: on a corpus of real-looking scripts the Python analyzer finds exactly the imports and
// function definitions that CPython's own `ast` module finds (test/tools/python-ast-facts.py is the oracle).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Analyzer } from '../../src/core/analyzers/analyzer';
import { loadPythonAnalyzer } from '../../src/core/analyzers/python';
import { PYTHON_STDLIB_BY_VERSION, PYTHON_VERSIONS, type PythonVersion } from '../../src/core/analyzers/python-stdlib';
import { repoRoot, testHost } from '../helpers';

const corpusDir = path.join(repoRoot, 'test', 'fixtures', 'python-corpus');
const oracle = path.join(repoRoot, 'test', 'tools', 'python-ast-facts.py');
const MIN_CORPUS_FILES = 40;

/** What the oracle prints per file. */
interface AstFacts {
  imports?: [line: number, module: string, level: number, kind: string][];
  functions?: [line: number, name: string][];
  error?: string;
}

function listPython(dir: string): string[] {
  const files: string[] = [];
  const pending = [dir];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.name.endsWith('.py')) files.push(full);
    }
  }
  return files.sort();
}

/** Runs the oracle once over every file; `undefined` with a reason when python3 is not available. */
function runOracle(files: string[]): { facts?: Record<string, AstFacts>; skip?: string } {
  const probe = spawnSync('python3', ['-c', 'import sys; print(sys.version_info >= (3, 10))'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return { skip: `python3 is not installed (${probe.error?.message ?? probe.stderr.trim()}); the AST agreement test needs it as its oracle` };
  }
  if (probe.stdout.trim() !== 'True') return { skip: 'python3 is older than 3.10 and cannot parse the corpus (`match` statements)' };
  const result = spawnSync('python3', [oracle, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, `the oracle failed: ${result.stderr}`);
  return { facts: JSON.parse(result.stdout) as Record<string, AstFacts> };
}

const sortKeys = (keys: string[]): string[] => [...keys].sort();

describe('python analyzer agrees with CPython ast', () => {
  const files = listPython(corpusDir);
  const { facts, skip } = runOracle(files);
  let analyzer: Analyzer;

  before(async () => {
    analyzer = await loadPythonAnalyzer(testHost());
  });

  it(`the corpus holds at least ${MIN_CORPUS_FILES} files`, () => {
    assert.ok(files.length >= MIN_CORPUS_FILES, `only ${files.length} files in ${corpusDir}`);
  });

  for (const file of files) {
    const name = path.relative(corpusDir, file).split(path.sep).join('/');
    it(name, { skip }, () => {
      const expected = facts?.[file];
      assert.ok(expected, `the oracle said nothing about ${name}`);
      assert.equal(expected.error, undefined, `CPython cannot parse the corpus file ${name}: ${expected.error}`);
      const model = analyzer.analyze(fs.readFileSync(file, 'utf8'));

      assert.deepEqual(model.syntaxErrors, [], 'a file CPython accepts has no syntax errors');
      assert.deepEqual(
        sortKeys(model.imports.map((ref) => `${ref.span.startLine} ${ref.kind} ${'.'.repeat(ref.level)}${ref.module}`)),
        sortKeys((expected.imports ?? []).map(([line, module, level, kind]) => `${line} ${kind} ${'.'.repeat(level)}${module}`)),
        'imports (line of the module name, kind, dots + module)',
      );
      assert.deepEqual(
        sortKeys(model.functions.map((fn) => `${fn.nameSpan.startLine} ${fn.name}`)),
        sortKeys((expected.functions ?? []).map(([line, fnName]) => `${line} ${fnName}`)),
        'function definitions (line of the name, name)',
      );
    });
  }
});

describe('python standard library list agrees with the installed python3', () => {
  const probe = spawnSync('python3', ['-c', 'import json, sys; print(json.dumps([f"{sys.version_info[0]}.{sys.version_info[1]}", sorted(getattr(sys, "stdlib_module_names", []))]))'], { encoding: 'utf8' });
  const parsed = probe.error || probe.status !== 0 ? undefined : (JSON.parse(probe.stdout) as [string, string[]]);
  const version = parsed && (PYTHON_VERSIONS as readonly string[]).includes(parsed[0]) ? (parsed[0] as PythonVersion) : undefined;
  const skip =
    parsed === undefined
      ? 'python3 is not installed'
      : version === undefined || parsed[1].length === 0
        ? `python3 ${parsed[0]} has no sys.stdlib_module_names for a listed version`
        : undefined;
  it(`sys.stdlib_module_names of python3 ${parsed?.[0] ?? '?'} equals the static list for that version`, { skip }, () => {
    assert.ok(parsed && version);
    assert.deepEqual([...(PYTHON_STDLIB_BY_VERSION.get(version) ?? [])].sort(), parsed[1]);
  });
});
