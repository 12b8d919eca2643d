// A table-driven rule tester: each case is a tiny project on disk, checked through the real engine.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { toCorePath } from '../../src/cli/node-host';
import { Checker } from '../../src/core';
import type { Finding } from '../../src/core';
import { testHost } from '../helpers';

/** One expected finding of the rule under test. */
export interface ExpectedFinding {
  /** The exact message, or a pattern it must match. */
  message?: string | RegExp;
  /** The source text the finding's span covers. */
  text?: string;
  line?: number;
  severity?: Finding['severity'];
  /** The text of the first fix's first edit, when the finding must carry a fix. */
  fix?: string;
  suppressed?: boolean;
}

/** One case: a script (plus optional policy and extra project files) and what the rule must report. */
export interface RuleCase {
  name?: string;
  code: string;
  /** File name of the script (default by language: check.py, check.ps1, check.kql). */
  file?: string;
  /** Extra policy YAML appended below `extends: [socguard:baseline]`. */
  policy?: string;
  /** Other files of the project, path -> content. */
  files?: Record<string, string>;
  errors?: ExpectedFinding[];
}

const DEFAULT_FILE = { python: 'check.py', powershell: 'check.ps1', kql: 'check.kql' } as const;

/** Writes a case's project into a fresh temporary repository and returns its root. */
export function writeProject(language: keyof typeof DEFAULT_FILE, testCase: RuleCase): { root: string; script: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'socguard-rule-'));
  fs.mkdirSync(path.join(root, '.git'));
  const policy = `name: Test policy\nversion: 1.0.0\nextends: [socguard:baseline]\n${testCase.policy ?? ''}`;
  fs.writeFileSync(path.join(root, '.socguard.yaml'), policy);
  const script = path.join(root, testCase.file ?? DEFAULT_FILE[language]);
  for (const [name, content] of Object.entries(testCase.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.writeFileSync(script, testCase.code);
  return { root, script };
}

/** Checks a case's script and returns the findings of one rule. */
export async function findingsFor(ruleId: string, language: keyof typeof DEFAULT_FILE, testCase: RuleCase): Promise<{ findings: Finding[]; code: string }> {
  const { root, script } = writeProject(language, testCase);
  try {
    const checker = new Checker(testHost(), { root: toCorePath(root) });
    const result = await checker.checkPaths([toCorePath(script)]);
    assert.deepEqual(result.policyProblems, [], 'the test policy must be valid');
    return { findings: result.findings.filter((f) => f.ruleId === ruleId), code: testCase.code };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The text a span covers in `code`. */
export function coveredText(code: string, finding: Finding): string {
  const lines = code.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const { startLine, startColumn, endLine, endColumn } = finding.span;
  if (startLine === endLine) return (lines[startLine - 1] ?? '').slice(startColumn - 1, endColumn - 1);
  const parts = [(lines[startLine - 1] ?? '').slice(startColumn - 1), ...lines.slice(startLine, endLine - 1), (lines[endLine - 1] ?? '').slice(0, endColumn - 1)];
  return parts.join('\n');
}

/** Registers node:test cases: `valid` cases must produce no finding of the rule, `invalid` ones exactly `errors`. */
export function ruleTests(ruleId: string, language: keyof typeof DEFAULT_FILE, cases: { valid: (string | RuleCase)[]; invalid: RuleCase[] }): void {
  for (const [index, raw] of cases.valid.entries()) {
    const testCase = typeof raw === 'string' ? { code: raw } : raw;
    test(`${ruleId} [${language}] valid #${index + 1}: ${testCase.name ?? firstLine(testCase.code)}`, async () => {
      const { findings } = await findingsFor(ruleId, language, testCase);
      assert.deepEqual(findings.filter((f) => !f.suppression).map((f) => `${f.span.startLine}: ${f.message}`), []);
    });
  }
  for (const [index, testCase] of cases.invalid.entries()) {
    test(`${ruleId} [${language}] invalid #${index + 1}: ${testCase.name ?? firstLine(testCase.code)}`, async () => {
      const { findings, code } = await findingsFor(ruleId, language, testCase);
      const expected = testCase.errors ?? [];
      assert.equal(findings.length, expected.length, `expected ${expected.length} findings, got:\n${findings.map((f) => `  ${f.span.startLine}:${f.span.startColumn} ${f.message}`).join('\n')}`);
      findings.forEach((finding, i) => {
        const want = expected[i]!;
        if (want.message instanceof RegExp) assert.match(finding.message, want.message);
        else if (want.message !== undefined) assert.equal(finding.message, want.message);
        if (want.text !== undefined) assert.equal(coveredText(code, finding), want.text);
        if (want.line !== undefined) assert.equal(finding.span.startLine, want.line);
        if (want.severity !== undefined) assert.equal(finding.severity, want.severity);
        if (want.fix !== undefined) assert.equal(finding.fixes?.[0]?.edits[0]?.newText, want.fix);
        assert.equal(Boolean(finding.suppression), want.suppressed ?? false, 'suppression state');
      });
    });
  }
}

function firstLine(code: string): string {
  return code.split('\n')[0]!.slice(0, 60);
}
