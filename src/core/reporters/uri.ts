// Percent-encoding of paths into RFC 3986 URI references (SARIF artifact locations, file: URIs).
import { toWellFormed } from './shared';

/** Percent-encodes each `/`-separated segment of a relative path (`a b/c#1.py` → `a%20b/c%231.py`). */
export function encodePathUri(path: string): string {
  return toWellFormed(path)
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * The `file:` URI of a directory, with a trailing slash: `/work/soc repo` → `file:///work/soc%20repo/`,
 * `c:/repo` → `file:///c:/repo/`.
 */
export function directoryFileUri(dir: string): string {
  const drive = /^[A-Za-z]:/.exec(dir)?.[0];
  const rest = drive ? dir.slice(drive.length) : dir;
  const encoded = encodePathUri(rest.replace(/^\/+|\/+$/g, ''));
  const path = [drive, encoded].filter((part) => part !== undefined && part !== '').join('/');
  return path === '' ? 'file:///' : `file:///${path}/`;
}
