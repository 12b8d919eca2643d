// The `socguard` command line: argv in, exit code out (0 clean, 1 findings, 2 usage/policy, 3 bug).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CheckResult, Host, ReportInput } from '../core';
import {
  ALL_RULE_METAS,
  buildInventory,
  Checker,
  countBySeverity,
  explainPolicy,
  formatExplanation,
  formatInventoryText,
  formatPolicyProblem,
  getReporter,
  KNOWN_RULE_IDS,
  loadPolicy,
  policyLabel,
  REPORT_FORMATS,
} from '../core';
import { ruleDocUrl, TOOL_HOMEPAGE, TOOL_VERSION } from './meta';
import { createNodeHost, toCorePath } from './node-host';

/** Exit codes, as documented in the README. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

/** Where the CLI writes; replaced in tests. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

class UsageError extends Error {}

const USAGE = `Usage: socguard <command> [options]

Commands:
  check [paths…]             check scripts against the policy (default: .)
  inventory [paths…]         list every module reference found
  policy validate [file]     validate a policy file (default: the one that applies here)
  policy explain <file>      show the effective policy for a file and where each setting came from

Options for check:
  --policy <file>            use this policy instead of discovering .socguard.yaml
  --format <fmt>             text | json | sarif | junit | github (default: text)
  --output <file>            write the report to a file instead of stdout
  --max-warnings <n>         exit 1 when there are more than n warnings
  --max-file-size <size>     skip larger files (bytes, or 512KB / 2MB; default: policy maxFileSize, 2MB)
  --color / --no-color       force or disable colors (default: on for a terminal)

General:
  -h, --help                 show this help
  -v, --version              print the version

Exit codes: 0 no error findings, 1 error findings (or too many warnings), 2 bad usage or
a broken policy, 3 internal error.`;

/** Runs the CLI and returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`socguard: ${error.message}\nRun \`socguard --help\` for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(`socguard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nThis is a bug in SOC Guardrails; please report it with the command you ran.\n`);
    return EXIT.internal;
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  const host = createNodeHost();
  switch (command) {
    case 'check':
      return runCheck(rest, io, host);
    case 'inventory':
      return runInventory(rest, io, host);
    case 'policy':
      return runPolicy(rest, io, host);
    default:
      throw new UsageError(`unknown command \`${command}\``);
  }
}

function parse(args: string[], options: ParseArgsConfig['options']): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({ args, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/^TypeError \[\w+\]: /, '') : String(error));
  }
}

const CHECK_OPTIONS = {
  policy: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  'max-warnings': { type: 'string' },
  'max-file-size': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const;

async function runCheck(args: string[], io: CliIO, host: Host): Promise<number> {
  const { values, positionals } = parse(args, CHECK_OPTIONS);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }
  const format = stringOption(values.format) ?? 'text';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format \`${format}\` (choose one of ${REPORT_FORMATS.join(', ')})`);
  }
  const maxWarnings = parseCount(stringOption(values['max-warnings']), '--max-warnings');
  const maxFileSize = parseSize(stringOption(values['max-file-size']));
  const started = Date.now();
  const checked = await checkWith(host, io, positionals, stringOption(values.policy), maxFileSize);
  if (typeof checked === 'number') return checked;
  const { result } = checked;

  const output = stringOption(values.output);
  const color = values['no-color'] ? false : values.color ? true : io.isTTY && output === undefined && !io.env.NO_COLOR;
  const input: ReportInput = {
    findings: result.findings,
    skipped: result.skipped,
    rules: [...ALL_RULE_METAS],
    toolVersion: TOOL_VERSION,
    policyLabel: result.policies.map((p) => policyLabel(p.policy)).join(', ') || 'none',
    filesChecked: result.files.length,
    files: result.files.map((file) => file.file),
    toolInformationUri: TOOL_HOMEPAGE,
    durationMs: Date.now() - started,
    root: result.root,
    ruleDocUrl,
  };
  const report = getReporter(format as (typeof REPORT_FORMATS)[number])(input, { color });
  if (output !== undefined) {
    writeFileAtomic(path.resolve(io.cwd, output), report);
    const counts = countBySeverity(result.findings);
    io.stderr(`socguard: wrote ${format} report to ${output} (${counts.error} errors, ${counts.warning} warnings)\n`);
  } else {
    io.stdout(report);
  }
  const counts = countBySeverity(result.findings);
  if (counts.error > 0) return EXIT.findings;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    io.stderr(`socguard: ${counts.warning} warnings exceed --max-warnings ${maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

async function runInventory(args: string[], io: CliIO, host: Host): Promise<number> {
  const { values, positionals } = parse(args, { policy: { type: 'string' }, format: { type: 'string' }, output: { type: 'string' }, 'max-file-size': { type: 'string' } });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }
  const format = stringOption(values.format) ?? 'json';
  if (format !== 'json' && format !== 'text') throw new UsageError(`unknown inventory format \`${format}\` (choose json or text)`);
  const checked = await checkWith(host, io, positionals, stringOption(values.policy), parseSize(stringOption(values['max-file-size'])));
  if (typeof checked === 'number') return checked;
  const records = buildInventory(checked.result);
  const text = format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : formatInventoryText(records);
  const output = stringOption(values.output);
  if (output !== undefined) writeFileAtomic(path.resolve(io.cwd, output), text);
  else io.stdout(text);
  return EXIT.ok;
}

async function runPolicy(args: string[], io: CliIO, host: Host): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest, { policy: { type: 'string' } });
  const cwd = toCorePath(io.cwd);
  if (sub === 'validate') {
    const target = positionals[0] ?? stringOption(values.policy);
    const checker = new Checker(host, { root: cwd, ...(target !== undefined ? { policyFile: toCorePath(path.resolve(io.cwd, target)) } : {}) });
    if (target !== undefined && !(await host.stat(toCorePath(path.resolve(io.cwd, target))))?.isFile) {
      throw new UsageError(`policy file \`${target}\` not found`);
    }
    const loaded = await checker.policyFor(`${cwd}/.`);
    if (!loaded.resolved) return reportPolicyProblems(loaded.problems, io, cwd);
    io.stdout(`✔ ${displaySource(loaded.resolved.source, cwd)} is valid: policy ${policyLabel(loaded.resolved.policy)}\n`);
    return EXIT.ok;
  }
  if (sub === 'explain') {
    const target = positionals[0];
    if (target === undefined) throw new UsageError('`policy explain` needs a file: socguard policy explain <file>');
    const absolute = toCorePath(path.resolve(io.cwd, target));
    const policyFile = stringOption(values.policy);
    const checker = new Checker(host, { root: cwd, ...(policyFile !== undefined ? { policyFile: toCorePath(path.resolve(io.cwd, policyFile)) } : {}) });
    const loaded = await checker.policyFor(absolute);
    if (!loaded.resolved) return reportPolicyProblems(loaded.problems, io, cwd);
    const relative = path.relative(path.resolve(loaded.resolved.root), path.resolve(io.cwd, target)).split(path.sep).join('/');
    io.stdout(`Effective policy for ${target}: ${policyLabel(loaded.resolved.policy)} (from ${displaySource(loaded.resolved.source, cwd)})\n\n`);
    io.stdout(formatExplanation(explainPolicy(loaded.resolved, relative), cwd));
    return EXIT.ok;
  }
  throw new UsageError(sub === undefined ? '`policy` needs a subcommand: validate or explain' : `unknown policy subcommand \`${sub}\``);
}

/** Runs a check over paths; on a broken policy prints every problem and returns exit 2. */
async function checkWith(host: Host, io: CliIO, positionals: string[], policy: string | undefined, maxFileSize: number | undefined): Promise<{ result: CheckResult } | number> {
  const cwd = toCorePath(io.cwd);
  let policyFile: string | undefined;
  if (policy !== undefined) {
    policyFile = toCorePath(path.resolve(io.cwd, policy));
    if (!(await host.stat(policyFile))?.isFile) throw new UsageError(`policy file \`${policy}\` not found`);
    const loaded = await loadPolicy(host, policyFile, { knownRules: KNOWN_RULE_IDS });
    if (!loaded.resolved) return reportPolicyProblems(loaded.problems, io, cwd);
  }
  const checker = new Checker(host, { root: cwd, ...(policyFile !== undefined ? { policyFile } : {}), ...(maxFileSize !== undefined ? { maxFileSize } : {}) });
  const targets = (positionals.length > 0 ? positionals : ['.']).map((p) => toCorePath(path.resolve(io.cwd, p)));
  const result = await checker.checkPaths(targets);
  if (result.policyProblems.length > 0) return reportPolicyProblems(result.policyProblems, io, cwd);
  return { result };
}

function reportPolicyProblems(problems: readonly Parameters<typeof formatPolicyProblem>[0][], io: CliIO, cwd: string): number {
  for (const problem of problems) io.stderr(`${formatPolicyProblem(problem, cwd)}\n`);
  io.stderr(`socguard: the policy has ${problems.length} problem${problems.length === 1 ? '' : 's'}; fix ${problems.length === 1 ? 'it' : 'them'} and run again (nothing was checked)\n`);
  return EXIT.usage;
}

function displaySource(source: string, cwd: string): string {
  return source.startsWith('/') ? path.relative(cwd, source) || source : source;
}

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} needs a whole number, got \`${value}\``);
  return Number(value);
}

function parseSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?$/i.exec(value.trim());
  if (!match) throw new UsageError(`--max-file-size needs a size like 500000, 512KB or 2MB, got \`${value}\``);
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1;
  return Math.round(Number(match[1]) * factor);
}

/** Writes a report through a temporary file and a rename, so readers never see half a file. */
function writeFileAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`socguard: internal error: ${String(error)}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
