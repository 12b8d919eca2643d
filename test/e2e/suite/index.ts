// Entry point of the end-to-end suite: the `run()` that VS Code's extension host calls (test-electron's contract).
//
// It runs every `*.e2e.js` beside this file with mocha (TDD interface) and prints the reporter's
// lines with a `[test] ` prefix, so the launchers can tell them apart from workbench noise. The
// counts also go to the file named by SOCGUARD_E2E_RESULT_FILE for the launcher's closing line.
import * as fs from 'node:fs';
import { findSourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';

const PREFIX = '[test] ';

/** Counts of one run, as the launchers read them. */
export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
}

function print(text: string): void {
  for (const line of text.split('\n')) console.log(`${PREFIX}${line}`);
}

/** A spec-like reporter whose every line carries the prefix (mocha's own reporters write unprefixed). */
class PrefixedSpecReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const { EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
    let depth = 0;
    const indent = (): string => '  '.repeat(depth);
    const failures: Array<{ test: Mocha.Test; error: unknown }> = [];
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.root) return;
      print(`${indent()}${suite.title}`);
      depth++;
    });
    runner.on(EVENT_SUITE_END, (suite: Mocha.Suite) => {
      if (!suite.root) depth--;
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => print(`${indent()}✓ ${test.title} (${test.duration ?? 0} ms)`));
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => print(`${indent()}- ${test.title} (skipped)`));
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, error: unknown) => {
      failures.push({ test, error });
      print(`${indent()}✗ ${failures.length}) ${test.title}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const stats = this.stats;
      print('');
      print(`${stats.passes} passing, ${stats.failures} failing, ${stats.pending} pending (${stats.duration ?? 0} ms)`);
      failures.forEach(({ test, error }, index) => {
        print('');
        print(`${index + 1}) ${test.fullTitle()}`);
        print(describeError(error));
      });
    });
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ? toSourceLocations(error.stack) : `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Rewrites `file.js:line:column` frames to the TypeScript source through the inline source maps.
 * The extension host installs its own Error.prepareStackTrace, so Node's built-in mapping never applies.
 */
function toSourceLocations(stack: string): string {
  return stack.replace(/(\/[^\s():]+\.js):(\d+):(\d+)/g, (frame, file: string, line: string, column: string) => {
    const origin = findSourceMap(file)?.findOrigin(Number(line), Number(column));
    if (!origin || !('fileName' in origin)) return frame;
    const source = origin.fileName.startsWith('file:') ? fileURLToPath(origin.fileName) : path.resolve(path.dirname(file), origin.fileName);
    return `${source}:${origin.lineNumber}:${origin.columnNumber}`;
  });
}

// End-to-end test files end in `.e2e.js` so that the unit runner's `*.test.js` glob over out/ never picks them up.
function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.e2e.js'))
    .sort()
    .map((file) => path.join(dir, file));
}

function writeResult(result: SuiteResult): void {
  const file = process.env.SOCGUARD_E2E_RESULT_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify(result));
}

/** Runs the suite; resolves when every test passed, rejects otherwise. */
export async function run(): Promise<void> {
  // Keeps the inline source maps of the test files loaded from here on, for toSourceLocations.
  process.setSourceMapsEnabled(true);
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, slow: 10_000, reporter: PrefixedSpecReporter });
  const grep = process.env.SOCGUARD_E2E_GREP;
  if (grep) mocha.grep(grep);

  let result: SuiteResult;
  try {
    for (const file of testFiles(__dirname)) mocha.addFile(file);
    result = await new Promise<SuiteResult>((resolve) => {
      const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
    });
  } catch (error) {
    // A test file that throws while loading fails the run instead of silently running nothing.
    print(`the suite could not start: ${describeError(error)}`);
    result = { passed: 0, failed: 1, pending: 0 };
  }
  writeResult(result);
  if (result.failed > 0) throw new Error(`${result.failed} end-to-end test(s) failed`);
  if (result.passed === 0) throw new Error('no end-to-end test ran');
}
