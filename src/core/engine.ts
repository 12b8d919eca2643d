// The check engine: files and a policy in, findings out. Shared by the CLI and the extension.
import { getAnalyzer, isKqlContainer, languageForPath } from './analyzers';
import type { Finding, Severity, SkippedFile } from './findings';
import { compareFindings } from './findings';
import type { Host } from './host';
import type { Language, ScriptModel, Span } from './model';
import { pointSpan } from './model';
import { basename, isInside, joinPath, relativePath } from './paths';
import type { PolicyLoadResult } from './policy';
import { discoverPolicyFile, findRepositoryRoot, isExcluded, isIncluded, loadPolicy, policyLabel, ruleSettingFor } from './policy';
import type { PolicyProblem, ResolvedPolicy } from './policy/types';
import { ProjectIndex } from './project';
import type { Rule, RuleMeta } from './rules';
import { ENGINE_RULES, KNOWN_RULE_IDS, RULES, formatMessage } from './rules';
import { parseSuppressions } from './suppressions';
import { closestMatch, decodeText, looksBinary, splitLines } from './text';

/** Options for a Checker. */
export interface CheckerOptions {
  /** Directory that finding paths are relative to (the CLI's working directory, a workspace folder). */
  root: string;
  /** A policy file that overrides discovery (`--policy`). */
  policyFile?: string;
  /** Overrides the policy's `maxFileSize` (bytes). */
  maxFileSize?: number;
  /** Rules to run; defaults to every registered rule. */
  rules?: readonly Rule[];
}

/** The result of checking one file. */
export interface FileResult {
  /** Path relative to the checker's root. */
  file: string;
  absolutePath: string;
  language: Language;
  findings: Finding[];
  model: ScriptModel;
  policy: ResolvedPolicy;
}

/** The result of checking a set of paths. */
export interface CheckResult {
  root: string;
  findings: Finding[];
  skipped: SkippedFile[];
  files: FileResult[];
  policyProblems: PolicyProblem[];
  /** Every distinct policy that applied. */
  policies: ResolvedPolicy[];
}

/** What happened to one path: checked, skipped (with the reason), or not a file we check. */
export type FileOutcome = { kind: 'checked'; result: FileResult } | { kind: 'skipped'; skipped: SkippedFile } | { kind: 'ignored' } | { kind: 'policy-error'; problems: PolicyProblem[] };

const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
const ALWAYS_SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.socguard', '__pycache__', '.hg', '.svn']);
const ENGINE_RULE_META = new Map<string, RuleMeta>(ENGINE_RULES.map((meta) => [meta.name, meta]));

/**
 * Checks files against their policies. Caches policies per directory and analyzers per language, so
 * one Checker serves a whole CLI run or an editor session (call `invalidatePolicies` when a policy changes).
 */
export class Checker {
  private readonly policyCache = new Map<string, Promise<PolicyLoadResult>>();
  private readonly policyFileCache = new Map<string, Promise<string | undefined>>();
  private repositoryRoot: Promise<string> | undefined;
  private project: ProjectIndex | undefined;
  private readonly rules: readonly Rule[];

  constructor(
    private readonly host: Host,
    private readonly options: CheckerOptions,
  ) {
    this.rules = options.rules ?? RULES;
  }

  /** The checker's root directory. */
  get root(): string {
    return this.options.root;
  }

  /** Forgets cached policies (after a policy file was created, edited or deleted). */
  invalidatePolicies(): void {
    this.policyCache.clear();
    this.policyFileCache.clear();
  }

  /** The repository root: the nearest ancestor of the root holding `.git`, else the root. */
  getRepositoryRoot(): Promise<string> {
    this.repositoryRoot ??= findRepositoryRoot(this.host, this.options.root);
    return this.repositoryRoot;
  }

  /** The policy that governs a file: `--policy`, else the nearest policy file, else the baseline. */
  async policyFor(absolutePath: string): Promise<PolicyLoadResult> {
    const repositoryRoot = await this.getRepositoryRoot();
    const file = this.options.policyFile ?? (await this.discover(absolutePath, repositoryRoot));
    const key = file ?? 'socguard:baseline';
    let result = this.policyCache.get(key);
    if (!result) {
      const policyRoot = file === undefined ? repositoryRoot : await findRepositoryRoot(this.host, file.slice(0, file.lastIndexOf('/')) || '/');
      result = loadPolicy(this.host, file, { repositoryRoot: policyRoot, knownRules: KNOWN_RULE_IDS });
      this.policyCache.set(key, result);
    }
    return result;
  }

  private async discover(absolutePath: string, repositoryRoot: string): Promise<string | undefined> {
    const dir = absolutePath.slice(0, absolutePath.lastIndexOf('/')) || '/';
    let found = this.policyFileCache.get(dir);
    if (!found) {
      found = discoverPolicyFile(this.host, dir, isInside(dir, repositoryRoot) ? repositoryRoot : undefined);
      this.policyFileCache.set(dir, found);
    }
    return found;
  }

  /** Checks files and directories (recursively), honouring each policy's include/exclude globs. */
  async checkPaths(paths: readonly string[]): Promise<CheckResult> {
    const result: CheckResult = { root: this.options.root, findings: [], skipped: [], files: [], policyProblems: [], policies: [] };
    const seenProblems = new Set<string>();
    const seenPolicies = new Set<ResolvedPolicy>();
    const seenFiles = new Set<string>();
    for (const path of paths) {
      const stat = await this.host.stat(path);
      if (!stat) {
        result.skipped.push({ file: this.relative(path), reason: 'not found' });
        continue;
      }
      const files = stat.isDirectory ? await this.walk(path, result) : [path];
      for (const file of files) {
        if (seenFiles.has(file)) continue;
        seenFiles.add(file);
        const outcome = await this.checkFile(file, { isExplicit: !stat.isDirectory });
        if (outcome.kind === 'checked') {
          result.files.push(outcome.result);
          result.findings.push(...outcome.result.findings);
          if (!seenPolicies.has(outcome.result.policy)) {
            seenPolicies.add(outcome.result.policy);
            result.policies.push(outcome.result.policy);
          }
        } else if (outcome.kind === 'skipped') {
          result.skipped.push(outcome.skipped);
        } else if (outcome.kind === 'policy-error') {
          for (const problem of outcome.problems) {
            const key = `${problem.file}:${problem.span.startLine}:${problem.span.startColumn}:${problem.message}`;
            if (!seenProblems.has(key)) {
              seenProblems.add(key);
              result.policyProblems.push(problem);
            }
          }
        }
      }
    }
    result.findings.sort(compareFindings);
    return result;
  }

  /** Lists the files under a directory that a policy might govern (skipping VCS and dependency folders). */
  private async walk(dir: string, result: CheckResult): Promise<string[]> {
    const files: string[] = [];
    const stack = [dir];
    while (stack.length > 0) {
      const current = stack.pop()!;
      const entries = await this.host.readDirectory(current);
      if (!entries) {
        result.skipped.push({ file: this.relative(current), reason: 'directory cannot be read' });
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const full = joinPath(current, entry.name);
        // Symbolic links to directories are not followed: they can loop and leave the repository.
        if (entry.isDirectory && !entry.isSymbolicLink) {
          if (!ALWAYS_SKIPPED_DIRECTORIES.has(entry.name)) stack.push(full);
        } else if ((entry.isFile || entry.isSymbolicLink) && languageForPath(entry.name) !== undefined) {
          files.push(full);
        }
      }
    }
    return files.sort();
  }

  /**
   * Checks one file from disk. Files named explicitly are checked even when the policy's `include`
   * globs do not list them, but `exclude` always wins.
   */
  async checkFile(absolutePath: string, options: { isExplicit?: boolean } = {}): Promise<FileOutcome> {
    const language = languageForPath(absolutePath);
    if (!language) return { kind: 'ignored' };
    const policyResult = await this.policyFor(absolutePath);
    if (!policyResult.resolved) return { kind: 'policy-error', problems: policyResult.problems };
    const resolved = policyResult.resolved;
    const policyRelative = this.policyRelative(resolved, absolutePath);
    const file = this.relative(absolutePath);
    const included = isIncluded(resolved, policyRelative);
    if (!included) {
      if (!options.isExplicit) return { kind: 'ignored' };
      if (isExcluded(resolved, policyRelative)) return { kind: 'skipped', skipped: { file, reason: 'excluded by the policy' } };
    }
    const stat = await this.host.stat(absolutePath);
    if (!stat?.isFile) return { kind: 'skipped', skipped: { file, reason: 'not a regular file' } };
    const maxFileSize = this.options.maxFileSize ?? resolved.policy.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    if (stat.size > maxFileSize) {
      return { kind: 'skipped', skipped: { file, reason: `larger than the ${formatBytes(maxFileSize)} limit (${formatBytes(stat.size)}); raise maxFileSize or --max-file-size to check it` } };
    }
    const bytes = await this.host.readFile(absolutePath);
    if (!bytes) return { kind: 'skipped', skipped: { file, reason: 'cannot be read (permissions?)' } };
    if (looksBinary(bytes)) return { kind: 'skipped', skipped: { file, reason: 'binary file' } };
    const { text } = decodeText(bytes);
    if (isKqlContainer(absolutePath) && !(await isKqlCandidate(absolutePath, text))) return { kind: 'ignored' };
    const result = await this.checkText(absolutePath, text, language, resolved);
    return { kind: 'checked', result };
  }

  /** Checks text (an open editor document or a file's decoded content) under a resolved policy. */
  async checkText(absolutePath: string, text: string, language: Language, resolved: ResolvedPolicy): Promise<FileResult> {
    const file = this.relative(absolutePath);
    const findings: Finding[] = [];
    let model: ScriptModel;
    try {
      const analyzer = await getAnalyzer(this.host, language);
      model = analyzer.analyze(text, { path: absolutePath });
    } catch (error) {
      this.host.log?.('error', `analyzer ${language} failed on ${absolutePath}: ${describeError(error, true)}`);
      model = { language, imports: [], functions: [], calls: [], strings: [], comments: [], syntaxErrors: [], lineCount: splitLines(text).length };
      findings.push(this.engineFinding('internal-error', 'crashed', { what: `the ${language} analyzer`, error: describeError(error) }, file, pointSpan(1, 1), resolved, absolutePath)!);
    }
    this.project ??= new ProjectIndex(this.host, await this.getRepositoryRoot());
    await this.project.prepare(absolutePath, model);
    findings.push(...this.runRules(model, text, file, absolutePath, resolved));
    this.applySuppressions(model, findings, file, absolutePath, resolved);
    findings.sort(compareFindings);
    return { file, absolutePath, language, findings, model, policy: resolved };
  }

  private runRules(model: ScriptModel, text: string, file: string, absolutePath: string, resolved: ResolvedPolicy): Finding[] {
    const findings: Finding[] = [];
    const policyRelative = this.policyRelative(resolved, absolutePath);
    const label = policyLabel(resolved.policy);
    for (const rule of this.rules) {
      if (!rule.meta.languages.includes(model.language)) continue;
      const setting = ruleSettingFor(resolved, rule.meta.name, policyRelative);
      const severity = setting.severity ?? rule.meta.defaultSeverity;
      if (severity === 'off') continue;
      try {
        rule.check({
          model,
          file,
          absolutePath,
          text,
          policy: resolved.policy,
          policyLabel: label,
          options: { ...rule.meta.defaultOptions, ...setting.options },
          project: this.project!,
          report: (report) => {
            const template = rule.meta.messages[report.messageId];
            if (template === undefined) throw new Error(`rule ${rule.meta.name} reported unknown messageId ${report.messageId}`);
            findings.push({
              ruleId: rule.meta.name,
              severity: report.severity ?? severity,
              file,
              span: report.span,
              message: formatMessage(template, report.data),
              ...(report.fixes && report.fixes.length > 0 ? { fixes: report.fixes } : {}),
              ...(report.data ? { data: report.data } : {}),
            });
          },
        });
      } catch (error) {
        this.host.log?.('error', `rule ${rule.meta.name} failed on ${absolutePath}: ${describeError(error, true)}`);
        findings.push(this.engineFinding('internal-error', 'crashed', { what: `rule \`${rule.meta.name}\``, error: describeError(error) }, file, pointSpan(1, 1), resolved, absolutePath)!);
      }
    }
    return findings;
  }

  /** Marks findings covered by a justified suppression; reports suppressions that cannot apply. */
  private applySuppressions(model: ScriptModel, findings: Finding[], file: string, absolutePath: string, resolved: ResolvedPolicy): void {
    const extra: Finding[] = [];
    const report = (messageId: string, data: Record<string, string>, span: Span): void => {
      const finding = this.engineFinding('invalid-suppression', messageId, data, file, span, resolved, absolutePath);
      if (finding) extra.push(finding);
    };
    const today = new Date().toISOString().slice(0, 10);
    for (const suppression of parseSuppressions(model.comments)) {
      const rules = suppression.rules.join(', ') || '<rule>';
      if (suppression.rules.length === 0 || suppression.reason === '') {
        report('noReason', { rules }, suppression.span);
        continue;
      }
      if (suppression.until !== undefined && suppression.until < today) {
        report('expired', { rules, until: suppression.until }, suppression.span);
        continue;
      }
      for (const rule of suppression.rules) {
        if (!KNOWN_RULE_IDS.has(rule)) {
          const near = closestMatch(rule, KNOWN_RULE_IDS);
          report('unknownRule', { rule, hint: near ? ` (did you mean \`${near}\`?)` : '' }, suppression.span);
          continue;
        }
        if (resolved.policy.unsuppressible.includes(rule)) {
          report('unsuppressible', { rule, policy: policyLabel(resolved.policy) }, suppression.span);
          continue;
        }
        for (const finding of findings) {
          if (finding.ruleId === rule && finding.span.startLine === suppression.targetLine && !finding.suppression) {
            finding.suppression = { reason: suppression.reason, span: suppression.span };
          }
        }
      }
    }
    findings.push(...extra);
  }

  /** A finding the engine reports itself; `undefined` when the policy turned that rule off (internal errors cannot be). */
  private engineFinding(ruleId: string, messageId: string, data: Record<string, string>, file: string, span: Span, resolved: ResolvedPolicy, absolutePath: string): Finding | undefined {
    const meta = ENGINE_RULE_META.get(ruleId)!;
    const setting = ruleSettingFor(resolved, ruleId, this.policyRelative(resolved, absolutePath));
    if (setting.severity === 'off' && ruleId !== 'internal-error') return undefined;
    const severity: Severity = setting.severity === undefined || setting.severity === 'off' ? meta.defaultSeverity : setting.severity;
    return { ruleId, severity, file, span, message: formatMessage(meta.messages[messageId] ?? messageId, data), data };
  }

  /** A path relative to the checker's root, `/`-separated. */
  relative(absolutePath: string): string {
    return relativePath(this.options.root, absolutePath);
  }

  private policyRelative(resolved: ResolvedPolicy, absolutePath: string): string {
    return isInside(absolutePath, resolved.root) ? relativePath(resolved.root, absolutePath) : basename(absolutePath);
  }
}

async function isKqlCandidate(path: string, text: string): Promise<boolean> {
  const { isKqlCandidate: check } = await import('./analyzers/kql-sources');
  return check(path, text);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}

function describeError(error: unknown, withStack = false): string {
  if (error instanceof Error) return withStack && error.stack ? error.stack : error.message;
  return String(error);
}
