// Loads a policy file and its `extends` chain: read, parse, validate, resolve parents, merge.
import type { ValidateFunction } from 'ajv';
import type { Host } from '../host';
import { dirname, isAbsolute, isInside, joinPath, normalizePath, relativePath, toSlashes } from '../paths';
import { decodeText } from '../text';
import { BASELINE_SOURCE, MAX_EXTENDS_DEPTH, MAX_POLICY_FILE_SIZE, PACK_PREFIX, SHIPPED_PACKS } from './defaults';
import { findRepositoryRoot } from './discover';
import { mergePolicies } from './merge';
import type { PolicyUnit } from './merge';
import { parsePolicyText, policyFormat, spanAt } from './parse';
import type { ParsedPolicy } from './parse';
import { childPointer, isRecord } from './pointer';
import { semanticProblems } from './semantic';
import type { LoadPolicyOptions, PolicyLoadResult, PolicyProblem } from './types';
import { loadSchemaValidator, schemaProblems, suggest } from './validate';

/** Where an `extends` entry was written, for problems about its target. */
interface ExtendsSite {
  parsed: ParsedPolicy;
  pointer: string;
  entry: string;
}

/**
 * Loads the policy in `file` (absolute, `/`-separated), or the embedded baseline when `file` is
 * undefined. Never throws for bad content: every problem in the file and its `extends` chain is
 * returned, and then `resolved` is absent.
 */
export async function loadPolicy(host: Host, file: string | undefined, options: LoadPolicyOptions = {}): Promise<PolicyLoadResult> {
  const validate = await loadSchemaValidator(host);
  const source = file === undefined ? BASELINE_SOURCE : normalizePath(file);
  let containment: string | undefined;
  if (file !== undefined) {
    containment =
      options.repositoryRoot !== undefined && isInside(source, options.repositoryRoot)
        ? normalizePath(options.repositoryRoot)
        : await findRepositoryRoot(host, dirname(source));
  }
  const loader = new ChainLoader(host, validate, containment, options.knownRules);
  await loader.visit(source, [], undefined);
  if (loader.problems.length > 0) return { problems: sortProblems(loader.problems) };
  const { policy, origins } = mergePolicies(loader.order);
  const root = file === undefined ? normalizePath(options.repositoryRoot ?? '/') : dirname(source);
  return { resolved: { policy, source, root, origins }, problems: [] };
}

/** Walks an `extends` graph depth-first, parents before children, each file once. */
class ChainLoader {
  readonly problems: PolicyProblem[] = [];
  /** Every file of the graph, parents first (a depth-first post-order), each once. */
  readonly order: PolicyUnit[] = [];
  private readonly visited = new Set<string>();
  /** Problems that only point at a broken extended policy; not counted again further up the chain. */
  private readonly notes = new Set<PolicyProblem>();

  constructor(
    private readonly host: Host,
    private readonly validate: ValidateFunction,
    private readonly repositoryRoot: string | undefined,
    private readonly knownRules: ReadonlySet<string> | undefined,
  ) {}

  async visit(source: string, chain: readonly string[], site: ExtendsSite | undefined): Promise<void> {
    if (site && chain.includes(source)) {
      const cycle = [...chain.slice(chain.indexOf(source)), source].map((item) => this.label(item)).join(' → ');
      this.report(site.parsed, site.pointer, `\`extends\` cycle: ${cycle}`);
      return;
    }
    if (site && chain.length > MAX_EXTENDS_DEPTH) {
      this.report(site.parsed, site.pointer, `\`extends\` chain is deeper than ${MAX_EXTENDS_DEPTH} levels: ${[...chain, source].map((item) => this.label(item)).join(' → ')}`);
      return;
    }
    if (this.visited.has(source)) return;
    this.visited.add(source);

    const parsed = await this.read(source, site);
    if (!parsed) return;
    this.problems.push(...parsed.problems);
    if (parsed.value !== undefined) {
      this.problems.push(...schemaProblems(this.validate, parsed));
      this.problems.push(...semanticProblems(parsed, this.knownRules));
    }

    for (const { entry, pointer } of extendsEntries(parsed.value)) {
      const target = await this.resolve(entry, source, parsed, pointer);
      if (target === undefined) continue;
      const before = this.problems.length;
      await this.visit(target, [...chain, source], { parsed, pointer, entry });
      const found = this.problems.slice(before).filter((problem) => !this.notes.has(problem)).length;
      if (found > 0) {
        this.report(parsed, pointer, `the extended policy \`${entry}\` is broken (${found} ${found === 1 ? 'problem' : 'problems'})`);
        this.notes.add(this.problems[this.problems.length - 1]!);
      }
    }
    this.order.push({ source, parsed });
  }

  /** The absolute path or pack name an `extends` entry names, or `undefined` after reporting why it cannot be used. */
  private async resolve(entry: string, from: string, parsed: ParsedPolicy, pointer: string): Promise<string | undefined> {
    if (entry.startsWith(PACK_PREFIX)) {
      const name = entry.slice(PACK_PREFIX.length);
      if (Object.prototype.hasOwnProperty.call(SHIPPED_PACKS, name)) return entry;
      const packs = Object.keys(SHIPPED_PACKS).map((pack) => `${PACK_PREFIX}${pack}`);
      const suggestion = suggest(entry, packs);
      this.report(parsed, pointer, `unknown policy pack \`${entry}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (shipped packs: ${packs.join(', ')})`);
      return undefined;
    }
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(entry)) {
      this.report(parsed, pointer, `\`extends\` cannot fetch \`${entry}\`: policies are read from the repository only`);
      return undefined;
    }
    if (from.startsWith(PACK_PREFIX)) {
      this.report(parsed, pointer, `a shipped pack can extend only other shipped packs (got \`${entry}\`)`);
      return undefined;
    }
    if (isAbsolute(entry)) {
      this.report(parsed, pointer, `\`extends\` refuses absolute paths (\`${entry}\`); use a path relative to this file inside the repository`);
      return undefined;
    }
    const target = joinPath(dirname(from), toSlashes(entry));
    if (this.repositoryRoot !== undefined && !isInside(target, this.repositoryRoot)) {
      this.report(parsed, pointer, `\`${entry}\` is outside the repository (${this.repositoryRoot}); \`extends\` cannot leave it`);
      return undefined;
    }
    const stat = await this.host.stat(target);
    if (!stat?.isFile) {
      this.report(parsed, pointer, `cannot find the extended policy \`${entry}\` (looked for ${this.label(target)})`);
      return undefined;
    }
    return target;
  }

  private async read(source: string, site: ExtendsSite | undefined): Promise<ParsedPolicy | undefined> {
    const start = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
    let bytes: Uint8Array | undefined;
    if (source.startsWith(PACK_PREFIX)) {
      const asset = SHIPPED_PACKS[source.slice(PACK_PREFIX.length)] ?? '';
      bytes = await this.host.readAsset(asset);
    } else {
      const stat = await this.host.stat(source);
      if (stat && stat.size > MAX_POLICY_FILE_SIZE) {
        this.problems.push({ file: source, span: start, pointer: '', message: `the policy file is larger than ${MAX_POLICY_FILE_SIZE / 1024} KB` });
        return undefined;
      }
      bytes = await this.host.readFile(source);
    }
    if (bytes === undefined) {
      if (site) this.report(site.parsed, site.pointer, `cannot read the extended policy \`${site.entry}\``);
      else this.problems.push({ file: source, span: start, pointer: '', message: 'cannot read the policy file' });
      return undefined;
    }
    const decoded = decodeText(bytes);
    if (decoded.hadInvalidUtf8) {
      this.problems.push({ file: source, span: start, pointer: '', message: 'the policy file is not valid UTF-8' });
      return undefined;
    }
    const format = source.startsWith(PACK_PREFIX) ? policyFormat(SHIPPED_PACKS[source.slice(PACK_PREFIX.length)] ?? '') : policyFormat(source);
    return parsePolicyText(decoded.text, source, format);
  }

  private report(parsed: ParsedPolicy, pointer: string, message: string): void {
    this.problems.push({ file: parsed.source, span: spanAt(parsed, pointer), pointer, message });
  }

  /** A file as shown in chains and messages: relative to the repository root when inside it. */
  private label(source: string): string {
    if (source.startsWith(PACK_PREFIX) || this.repositoryRoot === undefined || !isInside(source, this.repositoryRoot)) return source;
    return relativePath(this.repositoryRoot, source);
  }
}

/** The `extends` entries of policy data with their pointers (a single string counts as a one-entry list). */
function extendsEntries(data: unknown): { entry: string; pointer: string }[] {
  if (!isRecord(data)) return [];
  const value = data.extends;
  if (typeof value === 'string') return value === '' ? [] : [{ entry: value, pointer: '/extends' }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, index) => (typeof entry === 'string' && entry !== '' ? [{ entry, pointer: childPointer('/extends', index) }] : []));
}

/** Problems grouped by file (in the order files were read), then by position. */
function sortProblems(problems: readonly PolicyProblem[]): PolicyProblem[] {
  const fileOrder = new Map<string, number>();
  for (const problem of problems) if (!fileOrder.has(problem.file)) fileOrder.set(problem.file, fileOrder.size);
  return [...problems].sort(
    (a, b) =>
      fileOrder.get(a.file)! - fileOrder.get(b.file)! ||
      a.span.startLine - b.span.startLine ||
      a.span.startColumn - b.span.startColumn ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
