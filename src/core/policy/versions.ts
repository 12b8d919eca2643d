// Version ranges in policies: semver syntax plus the Python (PEP 440) and PowerShell forms analysts write.
import * as semver from 'semver';

/**
 * Turns a Python or PowerShell version into semver: `2.31` -> `2.31.0`, `2.12.0.1` -> `2.12.0` (a fourth
 * part is dropped), `v1.2.3` -> `1.2.3`, `2.0.0rc1` -> `2.0.0-rc.1`, `1.0.post2` -> `1.0.0`; `undefined` if unusable.
 */
export function coerceVersion(text: string): string | undefined {
  const match = /^\s*[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)*(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview|dev)[-_.]?(\d*))?(?:[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:\+[\w.]+)?\s*$/i.exec(text);
  if (!match) return undefined;
  const [, major, minor = '0', patch = '0', pre, preNumber] = match;
  const base = `${Number(major)}.${Number(minor)}.${Number(patch)}`;
  if (!pre) return base;
  const label = { a: 'alpha', b: 'beta', c: 'rc', pre: 'rc', preview: 'rc' }[pre.toLowerCase()] ?? pre.toLowerCase();
  return `${base}-${label}.${preNumber === undefined || preNumber === '' ? '0' : preNumber}`;
}

/**
 * Normalizes a policy version range to a semver range, or `undefined` when it is not a valid range.
 * Accepts semver (`>=2.31.0 <3`, `^2.0`, `2.x`, `*`) and PEP 440 (`>=2.31,<3`, `==2.31.0`, `~=2.31`, `==2.*`).
 * `!=` is not supported: a range says what is allowed.
 */
export function toSemverRange(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/~=|==|!=|,|\d+\.\d+\.\d+\.\d/.test(trimmed)) {
    const direct = semver.validRange(trimmed);
    if (direct !== null) return direct;
  }
  const alternatives: string[] = [];
  for (const alternative of trimmed.split('||')) {
    const comparators = alternative
      .replace(/(~=|===|==|!=|<=|>=|<|>|=|\^|~)\s+/g, '$1')
      .split(/[\s,]+/)
      .filter((token) => token !== '');
    if (comparators.length === 0) return undefined;
    const converted: string[] = [];
    for (const comparator of comparators) {
      const result = convertComparator(comparator);
      if (result === undefined) return undefined;
      converted.push(result);
    }
    alternatives.push(converted.join(' '));
  }
  return semver.validRange(alternatives.join(' || ')) ?? undefined;
}

/** Whether a version (coerced as in `coerceVersion`) satisfies a policy range (normalized as in `toSemverRange`). */
export function satisfiesRange(version: string, range: string): boolean {
  const coerced = coerceVersion(version);
  const normalized = toSemverRange(range);
  if (coerced === undefined || normalized === undefined) return false;
  return semver.satisfies(coerced, normalized, { includePrerelease: false });
}

function convertComparator(comparator: string): string | undefined {
  const match = /^(~=|===|==|<=|>=|<|>|=|\^|~)?(.+)$/.exec(comparator);
  if (!match) return undefined;
  const operator = match[1] ?? '';
  const version = match[2] ?? '';
  if (version === '*' || /^[xX*]$/.test(version)) return operator === '' || operator === '==' || operator === '=' ? '*' : undefined;
  if (/\.\*$|\.[xX]$/.test(version)) {
    // `==2.*` / `2.31.*`: a wildcard range.
    if (operator !== '' && operator !== '==' && operator !== '=' && operator !== '===') return undefined;
    const prefix = version.replace(/\.[*xX]$/, '');
    return /^\d+(\.\d+)?$/.test(prefix) ? `${prefix}.x` : undefined;
  }
  const coerced = coerceVersion(version);
  if (coerced === undefined) return undefined;
  switch (operator) {
    case '~=': {
      // PEP 440 compatible release: `~=2.31` = `>=2.31, ==2.*`; `~=2.31.4` = `>=2.31.4, ==2.31.*`.
      const parts = version.replace(/^[vV]/, '').split('.').filter((part) => /^\d+/.test(part));
      if (parts.length < 2) return undefined;
      const kept = parts.slice(0, -1).map((part) => parseInt(part, 10));
      kept[kept.length - 1]! += 1;
      while (kept.length < 3) kept.push(0);
      return `>=${coerced} <${kept.slice(0, 3).join('.')}`;
    }
    case '':
    case '=':
    case '==':
    case '===':
      return operator === '' && !/^\d+\.\d+\.\d+/.test(version) ? semver.validRange(version) ?? undefined : `=${coerced}`;
    default:
      return `${operator}${coerced}`;
  }
}
