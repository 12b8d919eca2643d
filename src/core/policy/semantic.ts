// Checks a schema cannot express: semver versions and ranges, globs, host patterns, import names, rule ids.
import * as semver from 'semver';
import { spanAt, keySpanAt } from './parse';
import type { ParsedPolicy } from './parse';
import { parseSize } from './merge';
import { childPointer, displayPointer, isRecord, valueAtPointer } from './pointer';
import type { PolicyProblem } from './types';
import { describeValue, suggest } from './validate';
import { toSemverRange } from './versions';

/** Pointers of every glob list in a policy (overrides are added per entry). */
const GLOB_LISTS = ['/files/include', '/files/exclude', '/tests/python', '/tests/powershell', '/tests/kql', '/tests/coverage', '/review/operational'];

/** Semantic problems in (possibly schema-invalid) policy data; values of the wrong type are skipped. */
export function semanticProblems(parsed: ParsedPolicy, knownRules?: ReadonlySet<string>): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const data = parsed.value;
  const report = (pointer: string, message: string, preferKey = false): void => {
    problems.push({ file: parsed.source, pointer, span: preferKey ? keySpanAt(parsed, pointer) : spanAt(parsed, pointer), message });
  };
  const where = (pointer: string): string => `\`${displayPointer(pointer, data)}\``;

  const version = valueAtPointer(data, '/version');
  if (typeof version === 'string' && semver.valid(version) !== version) {
    report('/version', `\`version\` must be a semantic version such as \`2.3.0\` (got ${describeValue(version)})`);
  }

  const size = valueAtPointer(data, '/maxFileSize');
  if (typeof size === 'string' && /\d/.test(size) && !(parseSize(size) >= 1)) {
    report('/maxFileSize', `\`maxFileSize\` must be at least 1 byte (got ${describeValue(size)})`);
  }

  for (const mapPointer of ['/python/dependencies/allow', '/powershell/modules/versions']) {
    forEachEntry(data, mapPointer, (pointer, name, range) => {
      if (typeof range === 'string' && toSemverRange(range) === undefined) {
        report(pointer, `${where(pointer)}: ${describeValue(range)} is not a version range for \`${name}\` (use \`>=2.31.0 <3\`, \`^2.0\`, \`~=2.31\` or \`*\`)`);
      }
    });
  }

  const globLists = [...GLOB_LISTS];
  forEachItem(data, '/overrides', (pointer) => globLists.push(childPointer(pointer, 'files')));
  for (const listPointer of globLists) {
    forEachItem(data, listPointer, (pointer, glob) => {
      const problem = typeof glob === 'string' ? globProblem(glob) : undefined;
      if (problem) report(pointer, `${where(pointer)}: ${problem}`);
    });
  }

  forEachItem(data, '/network/allow', (pointer, host) => {
    const problem = typeof host === 'string' ? hostPatternProblem(host) : undefined;
    if (problem) report(pointer, `${where(pointer)}: ${problem}`);
  });

  for (const listPointer of ['/python/imports/allow', '/python/imports/deny']) {
    forEachItem(data, listPointer, (pointer, item) => {
      const name = isRecord(item) ? item.module : item;
      const at = isRecord(item) ? childPointer(pointer, 'module') : pointer;
      if (typeof name === 'string' && name !== '' && !PYTHON_IMPORT_PATTERN.test(name)) {
        report(at, `${describeValue(name)} is not a Python import name (import names use dots and underscores, such as \`azure.identity\`; distribution names belong under \`python.dependencies\`)`);
      }
    });
  }

  if (knownRules) {
    const known = [...knownRules];
    const checkRule = (pointer: string, id: string, isKey: boolean): void => {
      if (knownRules.has(id) || !RULE_ID_PATTERN.test(id)) return;
      const suggestion = suggest(id, known);
      report(pointer, `unknown rule \`${id}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`, isKey);
    };
    forEachEntry(data, '/rules', (pointer, id) => checkRule(pointer, id, true));
    forEachItem(data, '/overrides', (overridePointer) => {
      forEachEntry(data, childPointer(overridePointer, 'rules'), (pointer, id) => checkRule(pointer, id, true));
    });
    forEachItem(data, '/unsuppressible', (pointer, id) => {
      if (typeof id === 'string') checkRule(pointer, id, false);
    });
  }

  const checklistIds = new Map<string, number>();
  forEachItem(data, '/review/checklist', (pointer, item) => {
    if (!isRecord(item) || typeof item.id !== 'string') return;
    const first = checklistIds.get(item.id);
    if (first !== undefined) report(childPointer(pointer, 'id'), `duplicate checklist id \`${item.id}\` (also item ${first + 1})`);
    else checklistIds.set(item.id, Number(pointer.slice(pointer.lastIndexOf('/') + 1)));
  });
  return problems;
}

/** Kebab-case rule ids; other keys already get a schema problem. */
const RULE_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Import names with optional glob characters: `azure.identity`, `azure.mgmt.*`. */
const PYTHON_IMPORT_PATTERN = /^[A-Za-z_*?][\w*?]*(\.[\w*?]+)*$/;

/** Why a path glob is not usable, or `undefined` when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() !== glob || glob === '') return 'globs must not be empty or start or end with spaces';
  if (glob.includes('\\')) return 'use `/` in globs, not `\\`';
  if (/^([A-Za-z]:)?\//.test(glob)) return 'globs are relative to the policy root; drop the leading `/`';
  if (glob.split('/').includes('..')) return 'globs cannot leave the policy root (`..`)';
  if (glob.startsWith('!')) return 'negated globs are not supported; list the path under `exclude`';
  if (glob.startsWith('#')) return 'a glob starting with `#` matches nothing';
  if (count(glob, '{') !== count(glob, '}')) return 'unbalanced `{` `}`';
  if (count(glob, '[') !== count(glob, ']')) return 'unbalanced `[` `]`';
  return undefined;
}

/** Why a host pattern is not usable, or `undefined` when it is fine. */
export function hostPatternProblem(pattern: string): string | undefined {
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(pattern);
  if (url) return `use a host name, not a URL (\`${url[1] ?? ''}\`)`;
  if (/[/?#]/.test(pattern)) return 'use a host name without a path';
  if (/\s/.test(pattern) || pattern === '') return 'host names contain no spaces';
  if (/:\d+$/.test(pattern)) return 'use a host name without a port';
  if (pattern === '*') return undefined;
  const labels = pattern.replace(/\.$/, '').split('.');
  if (labels.some((label) => label === '')) return 'empty label (`..`) in host name';
  const fixed = labels.slice(-2);
  if (labels.length < 2 || fixed.some((label) => label.includes('*'))) {
    return 'the wildcard is too broad; name at least the domain (`*.contoso.com`)';
  }
  return undefined;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function forEachItem(data: unknown, pointer: string, visit: (itemPointer: string, item: unknown) => void): void {
  const list = valueAtPointer(data, pointer);
  if (Array.isArray(list)) list.forEach((item, index) => visit(childPointer(pointer, index), item));
}

function forEachEntry(data: unknown, pointer: string, visit: (entryPointer: string, key: string, value: unknown) => void): void {
  const map = valueAtPointer(data, pointer);
  if (isRecord(map)) for (const [key, value] of Object.entries(map)) visit(childPointer(pointer, key), key, value);
}
