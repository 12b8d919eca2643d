#!/usr/bin/env node
// Runs the same end-to-end suite in VS Code desktop through @vscode/test-electron, for machines that can download VS Code.
//
// It needs the VS Code download (cached in .vscode-test/) and, on Linux without a display, Xvfb:
// `xvfb-run -a node test/e2e/run-electron.js`. Tests that drive the page through `[ui]` skip here.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const E2E_DIR = __dirname;
const REPO_ROOT = path.resolve(E2E_DIR, '..', '..');

const USAGE = `usage: node test/e2e/run-electron.js [options]
  --extension <dir>   extension development path (default: the repository root)
  --tests <file>      compiled suite index (default: out/test/e2e/suite/index.js)
  --workspace <dir>   fixture workspace, copied per run (default: test/e2e/fixtures/workspace)
  --vscode <version>  VS Code version to download (default: 1.139.1, the one code-server bundles; VSCODE_TEST_VERSION)
  --grep <pattern>    run only the tests whose full title matches (SOCGUARD_E2E_GREP)`;

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        extension: { type: 'string', default: REPO_ROOT },
        tests: { type: 'string', default: path.join(REPO_ROOT, 'out', 'test', 'e2e', 'suite', 'index.js') },
        workspace: { type: 'string', default: path.join(E2E_DIR, 'fixtures', 'workspace') },
        vscode: { type: 'string', default: process.env.VSCODE_TEST_VERSION || '1.139.1' },
        grep: { type: 'string', default: process.env.SOCGUARD_E2E_GREP || '' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`e2e: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // Resolved from the repository root, where @vscode/test-electron is a devDependency.
  const { runTests } = require(require.resolve('@vscode/test-electron', { paths: [REPO_ROOT] }));

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socguard-e2e-electron-'));
  const workspace = path.join(runDir, 'workspace');
  const userData = path.join(runDir, 'user-data');
  const resultFile = path.join(runDir, 'result.json');
  fs.cpSync(path.resolve(values.workspace), workspace, { recursive: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.copyFileSync(path.join(E2E_DIR, 'workbench-settings.json'), path.join(userData, 'User', 'settings.json'));

  let failure;
  try {
    await runTests({
      version: values.vscode,
      extensionDevelopmentPath: path.resolve(values.extension),
      extensionTestsPath: path.resolve(values.tests),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userData}`],
      extensionTestsEnv: {
        SOCGUARD_E2E: '1',
        SOCGUARD_E2E_RESULT_FILE: resultFile,
        ...(values.grep ? { SOCGUARD_E2E_GREP: values.grep } : {}),
      },
    });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }

  const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
  fs.rmSync(runDir, { recursive: true, force: true });
  if (!result && !failure) failure = 'the suite reported no result';
  if (failure) console.error(`e2e: ${failure}`);
  const passed = result ? Number(result.passed) || 0 : 0;
  const pending = result ? Number(result.pending) || 0 : 0;
  let failed = result ? Number(result.failed) || 0 : 0;
  if (failure && failed === 0) failed = 1;
  console.log(`${passed} passed, ${failed} failed${pending > 0 ? `, ${pending} skipped` : ''}`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
