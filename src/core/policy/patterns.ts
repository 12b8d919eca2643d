// Pattern matching shared by rules and the policy: module/command names, host names, path globs.
import { Minimatch } from 'minimatch';

const moduleRegExps = new Map<string, RegExp>();
const hostRegExps = new Map<string, RegExp>();
const globs = new Map<string, Minimatch>();

/** Options for `matchesModulePattern`. */
export interface ModulePatternOptions {
  /** PowerShell module and command names are case-insensitive; Python names are not. */
  caseInsensitive?: boolean;
}

/**
 * Whether a dotted name (module, call, command) matches a policy pattern: the name itself, anything
 * below it at a dot boundary (`azure.identity` covers `azure.identity.aio`, not `azure.identityx`), or a
 * glob where `*` is any run of characters within one dotted segment and `**` crosses dots
 * (`azure.mgmt.*` covers `azure.mgmt.compute` and, by the rule above, `azure.mgmt.compute.models`).
 */
export function matchesModulePattern(name: string, pattern: string, options: ModulePatternOptions = {}): boolean {
  const caseInsensitive = options.caseInsensitive === true;
  if (!/[*?]/.test(pattern)) {
    const n = caseInsensitive ? name.toLowerCase() : name;
    const p = caseInsensitive ? pattern.toLowerCase() : pattern;
    return n === p || n.startsWith(`${p}.`);
  }
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  let regExp = moduleRegExps.get(key);
  if (!regExp) {
    regExp = new RegExp(`^${globToRegExpSource(pattern, '[^.]')}(?:\\..*)?$`, caseInsensitive ? 'i' : '');
    moduleRegExps.set(key, regExp);
  }
  return regExp.test(name);
}

/**
 * Whether a host name matches a `network.allow` pattern, case-insensitively: exact names, `*.contoso.com`
 * (any depth of subdomain, not `contoso.com` itself and never `contoso.com.evil.io`), `*` within a label
 * (`api-*.contoso.com`), or `*` alone for any host. A trailing dot and a `:port` on the host are ignored.
 */
export function matchesHostPattern(host: string, pattern: string): boolean {
  const h = host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const p = pattern.trim().toLowerCase().replace(/\.$/, '');
  if (p === '*') return h !== '';
  if (!/[*?]/.test(p)) return h === p;
  let regExp = hostRegExps.get(p);
  if (!regExp) {
    const source = p.startsWith('*.') ? `(?:[^.]+\\.)+${globToRegExpSource(p.slice(2), '[^.]')}` : globToRegExpSource(p, '[^.]');
    regExp = new RegExp(`^${source}$`);
    hostRegExps.set(p, regExp);
  }
  return regExp.test(h);
}

/** Whether a `/`-separated path relative to the policy root matches a policy glob (minimatch, `dot: true`). */
export function matchesGlob(relativePath: string, glob: string): boolean {
  let matcher = globs.get(glob);
  if (!matcher) {
    matcher = new Minimatch(stripDotSlash(glob), { dot: true });
    globs.set(glob, matcher);
  }
  return matcher.match(stripDotSlash(relativePath));
}

/** Whether a path matches any of the globs. */
export function matchesAnyGlob(relativePath: string, patterns: readonly string[]): boolean {
  return patterns.some((glob) => matchesGlob(relativePath, glob));
}

function stripDotSlash(path: string): string {
  return path.replace(/^(\.\/)+/, '');
}

/** Regular-expression source for a glob over names: `**` any text, `*` any run of `segmentChar`, `?` one. */
function globToRegExpSource(glob: string, segmentChar: string): string {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') source += `${segmentChar}*`;
    else if (char === '?') source += segmentChar;
    else source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return source;
}
