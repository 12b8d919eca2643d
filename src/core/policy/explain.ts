// `socguard policy explain` and problem output: the effective policy for a file with the origin of each setting.
import { isInside, relativePath } from '../paths';
import { PACK_PREFIX } from './defaults';
import { POLICY_FIELDS } from './merge';
import { matchesAnyGlob } from './patterns';
import { childPointer, displayPointer, valueAtPointer } from './pointer';
import type { ExplainEntry, PolicyProblem, ResolvedPolicy, RuleSetting, SettingOrigin } from './types';

/**
 * The effective settings, one entry per scalar, list item and map entry, in schema order. With
 * `relativeFile` (relative to `resolved.root`), matching overrides are applied to `rules` and the
 * overrides themselves are not listed.
 */
export function explainPolicy(resolved: ResolvedPolicy, relativeFile?: string): ExplainEntry[] {
  const { policy, origins } = resolved;
  const entries: ExplainEntry[] = [];
  const add = (pointer: string, value: unknown, origin = origins.get(pointer)): void => {
    entries.push(origin ? { pointer, value: JSON.stringify(value ?? null), origin } : { pointer, value: JSON.stringify(value ?? null) });
  };
  for (const field of POLICY_FIELDS) {
    const value = valueAtPointer(policy, field.pointer);
    if (field.kind === 'rules') {
      explainRules(resolved, relativeFile, add);
    } else if (field.kind === 'overrides' && relativeFile !== undefined) {
      continue;
    } else if (Array.isArray(value)) {
      if (value.length === 0) add(field.pointer, []);
      value.forEach((item, index) => add(childPointer(field.pointer, index), item));
    } else if (field.kind === 'map') {
      const entriesOfMap = Object.entries(value as Record<string, unknown>);
      if (entriesOfMap.length === 0) add(field.pointer, {});
      for (const [key, item] of entriesOfMap) add(childPointer(field.pointer, key), item);
    } else {
      add(field.pointer, value);
    }
  }
  return entries;
}

function explainRules(resolved: ResolvedPolicy, relativeFile: string | undefined, add: (pointer: string, value: unknown, origin?: SettingOrigin) => void): void {
  const { policy, origins } = resolved;
  const effective = new Map<string, { setting: RuleSetting; origin: SettingOrigin | undefined }>();
  const apply = (id: string, setting: RuleSetting, origin: SettingOrigin | undefined): void => {
    const previous = effective.get(id)?.setting ?? {};
    const merged: RuleSetting = { ...previous };
    if (setting.severity !== undefined) merged.severity = setting.severity;
    if (setting.options !== undefined) merged.options = { ...previous.options, ...setting.options };
    effective.set(id, { setting: merged, origin });
  };
  for (const [id, setting] of Object.entries(policy.rules)) apply(id, setting, origins.get(childPointer('/rules', id)));
  if (relativeFile !== undefined) {
    policy.overrides.forEach((override, index) => {
      if (!matchesAnyGlob(relativeFile, override.files)) return;
      for (const [id, setting] of Object.entries(override.rules)) {
        apply(id, setting, origins.get(childPointer(childPointer(childPointer('/overrides', index), 'rules'), id)));
      }
    });
  }
  if (effective.size === 0) add('/rules', {});
  for (const [id, { setting, origin }] of [...effective].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const value = setting.options === undefined && setting.severity !== undefined ? setting.severity : setting;
    add(childPointer('/rules', id), value, origin);
  }
}

/** Text for `socguard policy explain`: one aligned line per setting, `path:line:column` of its origin or `(default)`. */
export function formatExplanation(entries: readonly ExplainEntry[], root: string): string {
  const rows = entries.map((entry) => [displayPointer(entry.pointer), entry.value, entry.origin ? formatOrigin(entry.origin, root) : '(default)'] as const);
  const width = Math.min(48, Math.max(0, ...rows.map(([pointer]) => pointer.length)));
  const valueWidth = Math.min(40, Math.max(0, ...rows.map(([, value]) => value.length)));
  return rows.map(([pointer, value, origin]) => `${pointer.padEnd(width)}  ${value.padEnd(valueWidth)}  ${origin}`.trimEnd()).join('\n');
}

/** `path:line:column` of an origin, the path relative to `root` when inside it. */
export function formatOrigin(origin: SettingOrigin, root: string): string {
  return `${displaySource(origin.source, root)}:${origin.span.startLine}:${origin.span.startColumn}`;
}

/** `path/.socguard.yaml:12:5: error: unknown key ...` (the path relative to `root` when inside it). */
export function formatPolicyProblem(problem: PolicyProblem, root: string): string {
  return `${displaySource(problem.file, root)}:${problem.span.startLine}:${problem.span.startColumn}: error: ${problem.message}`;
}

/** A policy source for people: `socguard:baseline`, a path relative to `root`, or the absolute path. */
export function displaySource(source: string, root: string): string {
  if (source.startsWith(PACK_PREFIX) || !isInside(source, root)) return source;
  return relativePath(root, source) || source;
}
