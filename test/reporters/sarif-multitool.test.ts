// Validates SARIF output with Microsoft's SARIF Multitool (`validate`), the reference SARIF checker.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatSarif } from '../../src/core/reporters/sarif';
import { repoRoot } from '../helpers';
import { cleanInput, edgeInput, sampleInput } from './sample-input';

/** The self-contained Linux executable from the npm package `@microsoft/sarif-multitool-linux`. */
const multitool = path.join(repoRoot, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');
/** Turns off SARIF2006, which makes HTTP requests. */
const config = path.join(repoRoot, 'test', 'tools', 'sarif-validate.config.xml');

/**
 * Warnings accepted, with the reason. SARIF2004 says an `artifacts` array holding only locations could be
 * dropped; the rule itself allows keeping it to record every analyzed file, which is why socguard writes it.
 */
const ACCEPTED_WARNINGS = new Set(['SARIF2004']);

/** Why the multitool cannot run here, or undefined when it can. */
function unavailableReason(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `the SARIF Multitool package is linux-x64 only (this is ${process.platform}-${process.arch})`;
  if (!fs.existsSync(multitool)) return `${path.relative(repoRoot, multitool)} is missing: run npm install`;
  try {
    fs.accessSync(multitool, fs.constants.X_OK);
  } catch {
    return `${path.relative(repoRoot, multitool)} is not executable: its postinstall script (chmod u+x) did not run; allow it in package.json "allowScripts"`;
  }
  const probe = spawnSync(multitool, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error || probe.status !== 0) return `the SARIF Multitool does not run here: ${probe.error?.message ?? probe.stderr}`;
  return undefined;
}

interface ValidationResult {
  ruleId: string;
  level?: string;
  ruleIndex?: number;
  message: { text?: string; id?: string; arguments?: string[] };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
}
interface ValidationLog {
  runs: {
    tool: { driver: { rules?: { id: string; defaultConfiguration?: { level?: string } }[] } };
    invocations?: { executionSuccessful?: boolean; toolExecutionNotifications?: { level?: string; message: { text?: string } }[] }[];
    results?: ValidationResult[];
  }[];
}

/** One validation problem: file, rule, effective level, and a readable description. */
interface Problem {
  file: string;
  ruleId: string;
  level: string;
  text: string;
}

/** Runs `Sarif.Multitool validate` over files and returns every reported problem with its effective level. */
function validate(files: string[], outDir: string): Problem[] {
  const output = path.join(outDir, 'validation.sarif');
  const run = spawnSync(multitool, ['validate', ...files, '--output', output, '--log', 'ForceOverwrite', '--config', config, '--rule-kind', 'Sarif;Ghas', '--quiet'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  // The exit code says whether the tool ran; it stays 0 when the logs have errors, so the output is what counts.
  assert.equal(run.status, 0, `Sarif.Multitool validate exited with ${run.status}: ${run.stdout}\n${run.stderr}`);
  const log = JSON.parse(fs.readFileSync(output, 'utf8').replace(/^\uFEFF/, '')) as ValidationLog;
  const problems: Problem[] = [];
  for (const sarifRun of log.runs) {
    for (const invocation of sarifRun.invocations ?? []) {
      assert.notEqual(invocation.executionSuccessful, false, 'the validation run did not succeed');
      for (const notification of invocation.toolExecutionNotifications ?? []) {
        if (notification.level === 'error') problems.push({ file: '', ruleId: 'tool', level: 'error', text: notification.message.text ?? '' });
      }
    }
    const rules = sarifRun.tool.driver.rules ?? [];
    for (const result of sarifRun.results ?? []) {
      const rule = result.ruleIndex === undefined ? rules.find((candidate) => candidate.id === result.ruleId) : rules[result.ruleIndex];
      problems.push({
        file: path.basename(decodeURIComponent(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '')),
        ruleId: result.ruleId,
        level: result.level ?? rule?.defaultConfiguration?.level ?? 'warning',
        text: result.message.text ?? `${result.message.id ?? ''} ${(result.message.arguments ?? []).join(' | ')}`,
      });
    }
  }
  return problems;
}

void describe('sarif output against the SARIF Multitool validator', () => {
  const reason = unavailableReason();
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socguard-sarif-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  void it('finds no errors and only accepted warnings in the sample, clean and edge logs', { skip: reason }, () => {
    const files = (
      [
        ['sample', sampleInput],
        ['clean', cleanInput],
        ['edge', edgeInput],
      ] as const
    ).map(([name, build]) => {
      const file = path.join(dir, `${name}.sarif`);
      fs.writeFileSync(file, formatSarif(build()));
      return file;
    });
    const problems = validate(files, dir);
    const listProblems = (list: Problem[]): string => list.map((p) => `${p.file}: ${p.level} ${p.ruleId}: ${p.text}`).join('\n');
    const errors = problems.filter((problem) => problem.level === 'error');
    assert.deepEqual(errors, [], `validation errors:\n${listProblems(errors)}`);
    const unexpected = problems.filter((problem) => problem.level === 'warning' && !ACCEPTED_WARNINGS.has(problem.ruleId));
    assert.deepEqual(unexpected, [], `unexpected validation warnings:\n${listProblems(unexpected)}`);
  });

  void it('reports errors in a broken log (the check can fail)', { skip: reason }, () => {
    const log = JSON.parse(formatSarif(sampleInput())) as { runs: { results: { ruleIndex: number; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    log.runs[0]!.results[0]!.ruleIndex = 99;
    log.runs[0]!.results[1]!.locations[0]!.physicalLocation.region.startLine = 0;
    const file = path.join(dir, 'broken.sarif');
    fs.writeFileSync(file, JSON.stringify(log));
    const errors = validate([file], dir).filter((problem) => problem.level === 'error');
    assert.ok(errors.some((problem) => problem.ruleId === 'SARIF1009'), JSON.stringify(errors));
    assert.ok(errors.some((problem) => problem.ruleId === 'JSON1008'), JSON.stringify(errors));
  });
});
