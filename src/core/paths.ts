// Tiny helpers for the absolute, `/`-separated paths core works with (`/repo/a.py`, `C:/repo/a.py`).

/** The root prefix of a `/`-separated path (`/`, `C:/`, `//server/share/`), or `''` for a relative one. */
function rootOf(path: string): string {
  const unc = /^\/\/[^/]+\/[^/]+(\/|$)/.exec(path);
  if (unc) return unc[0].endsWith('/') ? unc[0] : `${unc[0]}/`;
  if (/^[A-Za-z]:(\/|$)/.test(path)) return `${path.slice(0, 2)}/`;
  return path.startsWith('/') ? '/' : '';
}

/** Replaces `\` with `/`. */
export function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Whether a path is absolute (`/x`, `C:/x`, `//server/share`); backslashes count as separators. */
export function isAbsolute(path: string): boolean {
  return rootOf(toSlashes(path)) !== '';
}

/** Collapses `.`, `..` and repeated separators; drops a trailing separator (except at the root). */
export function normalizePath(path: string): string {
  const slashed = toSlashes(path);
  const root = rootOf(slashed);
  const parts: string[] = [];
  for (const part of slashed.slice(root.length).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (root === '') parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = root + parts.join('/');
  return joined === '' ? '.' : joined;
}

/** Joins path segments and normalizes the result. */
export function joinPath(...parts: string[]): string {
  return normalizePath(parts.filter((part) => part !== '').join('/'));
}

/** Resolves `path` against the absolute directory `base` (an absolute `path` wins). */
export function resolvePath(base: string, path: string): string {
  return isAbsolute(path) ? normalizePath(path) : joinPath(base, path);
}

/** The directory part of a path; the root is its own parent. */
export function dirname(path: string): string {
  const normalized = normalizePath(path);
  const root = rootOf(normalized);
  if (normalized === root) return root;
  const index = normalized.lastIndexOf('/');
  if (index < root.length) return root === '' ? '.' : root;
  return normalized.slice(0, index);
}

/** The last segment of a path. */
export function basename(path: string): string {
  const normalized = normalizePath(path);
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}

/** The lower-cased extension of a path with its dot (`.ps1`), or `''` (dot files have none). */
export function extname(path: string): string {
  const name = basename(path);
  const index = name.lastIndexOf('.');
  return index <= 0 ? '' : name.slice(index).toLowerCase();
}

/** Whether `path` is `dir` or lies below it. */
export function isInside(path: string, dir: string): boolean {
  const p = normalizePath(path);
  const d = normalizePath(dir);
  if (p === d) return true;
  return p.startsWith(d.endsWith('/') ? d : `${d}/`);
}

/** The `/`-separated path from directory `from` to `to` (`../b/c.py`); `''` when they are equal. */
export function relativePath(from: string, to: string): string {
  const a = normalizePath(from);
  const b = normalizePath(to);
  if (a === b) return '';
  if (rootOf(a) !== rootOf(b)) return b;
  const aParts = a.slice(rootOf(a).length).split('/').filter(Boolean);
  const bParts = b.slice(rootOf(b).length).split('/').filter(Boolean);
  let common = 0;
  while (common < aParts.length && common < bParts.length && aParts[common] === bParts[common]) common++;
  return [...aParts.slice(common).map(() => '..'), ...bParts.slice(common)].join('/');
}

/** `start` and its ancestors, nearest first, ending with `stop` (inclusive) or the root when `stop` is not an ancestor. */
export function ancestorDirectories(start: string, stop?: string): string[] {
  const result: string[] = [];
  let dir = normalizePath(start);
  const end = stop === undefined ? undefined : normalizePath(stop);
  for (;;) {
    result.push(dir);
    if (dir === end) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return result;
}
