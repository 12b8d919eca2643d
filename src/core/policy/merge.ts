// Merges the policies of an `extends` chain (parents first) and fills defaults, recording where each setting came from.
import { DEFAULTS } from './defaults';
import { spanAt } from './parse';
import type { ParsedPolicy } from './parse';
import { childPointer, isRecord, pointerSegments, valueAtPointer } from './pointer';
import type { CallDenyEntry, ChecklistItem, DenyEntry, Override, Policy, RuleSetting, SettingOrigin } from './types';

/** How values of one setting combine along `extends`. */
export type MergeKind =
  /** Taken from the nearest policy file only (`name`, `version`): a child never inherits its parent's identity. */
  | 'identity'
  /** The child's value replaces the parent's. */
  | 'scalar'
  /** Lists add up, parents first, without duplicates. */
  | 'list'
  /** The child's list replaces the parent's (`review.reviewers`: adding could only widen who may approve). */
  | 'replace-list'
  /** Deny entries add up; a child's entry for the same name replaces the parent's (reason, alternative). */
  | 'deny-list'
  /** Like `deny-list`, keyed by name and condition (`argument`, `value`, `unlessArgument`). */
  | 'call-list'
  /** Maps merge key by key; the child wins per key. */
  | 'map'
  /** Rule settings merge per rule: a child's severity replaces, options merge key by key. */
  | 'rules'
  /** Overrides add up, parents first; later overrides win when applied. */
  | 'overrides'
  /** Checklist items add up by `id`; a child's item with the same id replaces the parent's text. */
  | 'checklist';

/** One mergeable setting of a policy. */
export interface PolicyField {
  pointer: string;
  kind: MergeKind;
  /** For deny lists: the key naming the entry in the file (`module` for module lists, else `name`). */
  nameKey?: string;
  /** For call lists: the condition keys in the file (`argument`/`unlessArgument`, `parameter`/`unlessParameter`). */
  argumentKey?: string;
  unlessKey?: string;
  /** Names compare case-insensitively (PowerShell). */
  caseInsensitive?: boolean;
}

/** Every setting of a policy, in the order `explain` lists them. */
export const POLICY_FIELDS: readonly PolicyField[] = [
  { pointer: '/name', kind: 'identity' },
  { pointer: '/version', kind: 'identity' },
  { pointer: '/files/include', kind: 'list' },
  { pointer: '/files/exclude', kind: 'list' },
  { pointer: '/maxFileSize', kind: 'scalar' },
  { pointer: '/python/imports/default', kind: 'scalar' },
  { pointer: '/python/imports/stdlib', kind: 'scalar' },
  { pointer: '/python/imports/allow', kind: 'list' },
  { pointer: '/python/imports/deny', kind: 'deny-list', nameKey: 'module' },
  { pointer: '/python/dependencies/pinned', kind: 'scalar' },
  { pointer: '/python/dependencies/allow', kind: 'map' },
  { pointer: '/python/dependencies/deny', kind: 'deny-list', nameKey: 'name' },
  { pointer: '/python/distributions', kind: 'map' },
  { pointer: '/python/calls/deny', kind: 'call-list', argumentKey: 'argument', unlessKey: 'unlessArgument' },
  { pointer: '/powershell/modules/default', kind: 'scalar' },
  { pointer: '/powershell/modules/stdlib', kind: 'scalar' },
  { pointer: '/powershell/modules/allow', kind: 'list', caseInsensitive: true },
  { pointer: '/powershell/modules/deny', kind: 'deny-list', nameKey: 'module', caseInsensitive: true },
  { pointer: '/powershell/modules/versions', kind: 'map', caseInsensitive: true },
  { pointer: '/powershell/commands/deny', kind: 'call-list', argumentKey: 'parameter', unlessKey: 'unlessParameter', caseInsensitive: true },
  { pointer: '/kql/tables/default', kind: 'scalar' },
  { pointer: '/kql/tables/allow', kind: 'list' },
  { pointer: '/kql/tables/deny', kind: 'deny-list', nameKey: 'name' },
  { pointer: '/kql/plugins/deny', kind: 'deny-list', nameKey: 'name', caseInsensitive: true },
  { pointer: '/kql/workspaces/allow', kind: 'list' },
  { pointer: '/kql/timeFilter', kind: 'scalar' },
  { pointer: '/network/allow', kind: 'list', caseInsensitive: true },
  { pointer: '/tests/python', kind: 'list' },
  { pointer: '/tests/powershell', kind: 'list' },
  { pointer: '/tests/kql', kind: 'list' },
  { pointer: '/tests/coverage', kind: 'list' },
  { pointer: '/rules', kind: 'rules' },
  { pointer: '/unsuppressible', kind: 'list' },
  { pointer: '/overrides', kind: 'overrides' },
  { pointer: '/review/operational', kind: 'list' },
  { pointer: '/review/checklist', kind: 'checklist' },
  { pointer: '/review/reviewers', kind: 'replace-list' },
  { pointer: '/review/expiresAfterDays', kind: 'scalar' },
  { pointer: '/review/separationOfDuties', kind: 'scalar' },
];

/** One schema-valid policy file of a chain. */
export interface PolicyUnit {
  source: string;
  parsed: ParsedPolicy;
}

/** The merged policy and the origin of each setting, list item and map entry. */
export interface MergeResult {
  policy: Policy;
  origins: Map<string, SettingOrigin>;
}

/** Merges schema-valid units, parents first and the nearest policy last, then fills defaults from `DEFAULTS`. */
export function mergePolicies(units: readonly PolicyUnit[]): MergeResult {
  const values = new Map<string, unknown>();
  const origins = new Map<string, SettingOrigin>();
  const top = units[units.length - 1];
  for (const unit of units) {
    const originAt = (rawPointer: string): SettingOrigin => ({ source: unit.source, span: spanAt(unit.parsed, rawPointer) });
    for (const field of POLICY_FIELDS) {
      const raw = valueAtPointer(unit.parsed.value, field.pointer);
      if (raw === undefined) continue;
      if (field.kind === 'identity' && unit !== top) continue;
      mergeField(field, raw, values, origins, originAt);
    }
  }
  const policy = structuredClone(DEFAULTS) as Policy;
  for (const field of POLICY_FIELDS) {
    if (values.has(field.pointer)) setAtPointer(policy, field.pointer, values.get(field.pointer));
  }
  if (policy.review.expiresAfterDays === 0) delete policy.review.expiresAfterDays;
  if (!values.has('/version')) policy.version = '';
  return { policy, origins };
}

function mergeField(
  field: PolicyField,
  raw: unknown,
  values: Map<string, unknown>,
  origins: Map<string, SettingOrigin>,
  originAt: (rawPointer: string) => SettingOrigin,
): void {
  const { pointer } = field;
  switch (field.kind) {
    case 'identity':
    case 'scalar':
      values.set(pointer, pointer === '/maxFileSize' ? parseSize(raw) : raw);
      origins.set(pointer, originAt(pointer));
      return;
    case 'replace-list': {
      const items = (raw as unknown[]).filter((item, index, all) => all.indexOf(item) === index);
      clearOrigins(origins, pointer);
      values.set(pointer, items);
      items.forEach((item, index) => origins.set(childPointer(pointer, index), originAt(childPointer(pointer, (raw as unknown[]).indexOf(item)))));
      return;
    }
    case 'list':
    case 'deny-list':
    case 'call-list':
    case 'checklist':
    case 'overrides': {
      const list = (values.get(pointer) as unknown[] | undefined) ?? [];
      const keys = list.map((item) => itemKey(field, item));
      (raw as unknown[]).forEach((rawItem, rawIndex) => {
        const item = normalizeItem(field, rawItem);
        const key = itemKey(field, item);
        const existing = keys.indexOf(key);
        const index = existing >= 0 ? existing : list.length;
        if (existing >= 0 && (field.kind === 'list' || field.kind === 'overrides')) return;
        list[index] = item;
        keys[index] = key;
        const rawPointer = childPointer(pointer, rawIndex);
        const target = childPointer(pointer, index);
        clearOrigins(origins, target);
        origins.set(target, originAt(rawPointer));
        if (field.kind === 'overrides') recordOverrideOrigins(rawItem, rawPointer, target, origins, originAt);
      });
      values.set(pointer, list);
      return;
    }
    case 'map': {
      const map = (values.get(pointer) as Record<string, string> | undefined) ?? {};
      for (const [key, value] of Object.entries(raw as Record<string, string>)) {
        const existing = field.caseInsensitive ? Object.keys(map).find((name) => name.toLowerCase() === key.toLowerCase()) : undefined;
        if (existing !== undefined && existing !== key) {
          delete map[existing];
          origins.delete(childPointer(pointer, existing));
        }
        map[key] = value;
        origins.set(childPointer(pointer, key), originAt(childPointer(pointer, key)));
      }
      values.set(pointer, map);
      return;
    }
    case 'rules': {
      const rules = (values.get(pointer) as Record<string, RuleSetting> | undefined) ?? {};
      for (const [id, setting] of Object.entries(raw as Record<string, unknown>)) {
        rules[id] = combineRuleSettings(rules[id], normalizeRuleSetting(setting));
        origins.set(childPointer(pointer, id), originAt(childPointer(pointer, id)));
      }
      values.set(pointer, rules);
      return;
    }
  }
}

function recordOverrideOrigins(
  rawItem: unknown,
  rawPointer: string,
  target: string,
  origins: Map<string, SettingOrigin>,
  originAt: (rawPointer: string) => SettingOrigin,
): void {
  if (!isRecord(rawItem)) return;
  if (Array.isArray(rawItem.files)) {
    rawItem.files.forEach((_, index) => origins.set(childPointer(childPointer(target, 'files'), index), originAt(childPointer(childPointer(rawPointer, 'files'), index))));
  }
  if (isRecord(rawItem.rules)) {
    for (const id of Object.keys(rawItem.rules)) {
      origins.set(childPointer(childPointer(target, 'rules'), id), originAt(childPointer(childPointer(rawPointer, 'rules'), id)));
    }
  }
}

function clearOrigins(origins: Map<string, SettingOrigin>, pointer: string): void {
  for (const key of [...origins.keys()]) if (key === pointer || key.startsWith(`${pointer}/`)) origins.delete(key);
}

/** The identity of a list item for de-duplication and replacement. */
function itemKey(field: PolicyField, item: unknown): string {
  const fold = (text: string): string => (field.caseInsensitive ? text.toLowerCase() : text);
  switch (field.kind) {
    case 'deny-list':
      return fold((item as DenyEntry).name);
    case 'call-list': {
      const entry = item as CallDenyEntry;
      return JSON.stringify([fold(entry.name), entry.argument === undefined ? null : fold(entry.argument), entry.value, entry.unlessArgument === undefined ? null : fold(entry.unlessArgument)]);
    }
    case 'checklist':
      return (item as ChecklistItem).id;
    case 'overrides':
      return JSON.stringify(item);
    default:
      return typeof item === 'string' ? fold(item) : JSON.stringify(item);
  }
}

/** Converts a file's item to the `Policy` shape (`module` -> `name`, `parameter` -> `argument`, severity strings -> settings). */
function normalizeItem(field: PolicyField, raw: unknown): unknown {
  switch (field.kind) {
    case 'deny-list':
      return normalizeDeny(raw, field.nameKey ?? 'name');
    case 'call-list': {
      const entry: CallDenyEntry = normalizeDeny(raw, 'name');
      if (isRecord(raw)) {
        const argument = raw[field.argumentKey ?? 'argument'];
        const unless = raw[field.unlessKey ?? 'unlessArgument'];
        if (typeof argument === 'string') entry.argument = argument;
        if (Object.prototype.hasOwnProperty.call(raw, 'value')) entry.value = raw.value as CallDenyEntry['value'];
        if (typeof unless === 'string') entry.unlessArgument = unless;
      }
      return entry;
    }
    case 'checklist':
      return { ...(raw as ChecklistItem) };
    case 'overrides': {
      const override = raw as { files: string[]; rules: Record<string, unknown> };
      const rules: Record<string, RuleSetting> = {};
      for (const [id, setting] of Object.entries(override.rules)) rules[id] = normalizeRuleSetting(setting);
      return { files: [...override.files], rules } satisfies Override;
    }
    default:
      return raw;
  }
}

function normalizeDeny(raw: unknown, nameKey: string): DenyEntry {
  if (typeof raw === 'string') return { name: raw };
  const record = raw as Record<string, unknown>;
  const entry: DenyEntry = { name: String(record[nameKey]) };
  if (typeof record.reason === 'string') entry.reason = record.reason;
  if (typeof record.alternative === 'string') entry.alternative = record.alternative;
  return entry;
}

function normalizeRuleSetting(raw: unknown): RuleSetting {
  if (typeof raw === 'string') return { severity: raw as RuleSetting['severity'] };
  const record = raw as RuleSetting;
  const setting: RuleSetting = {};
  if (record.severity !== undefined) setting.severity = record.severity;
  if (record.options !== undefined) setting.options = { ...record.options };
  return setting;
}

function combineRuleSettings(parent: RuleSetting | undefined, child: RuleSetting): RuleSetting {
  if (!parent) return child;
  const merged: RuleSetting = { ...parent };
  if (child.severity !== undefined) merged.severity = child.severity;
  if (child.options !== undefined) merged.options = { ...parent.options, ...child.options };
  return merged;
}

/** Bytes for `maxFileSize`: a number, or `2 MB` / `512KB` / `1.5 MiB` (K, M, G are powers of 1024). */
export function parseSize(value: unknown): number {
  if (typeof value === 'number') return value;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(String(value));
  if (!match) return Number.NaN;
  const power = ['', 'k', 'm', 'g'].indexOf((match[2] ?? '').toLowerCase());
  return Math.round(Number(match[1]) * 1024 ** power);
}

function setAtPointer(target: object, pointer: string, value: unknown): void {
  const segments = pointerSegments(pointer);
  let current = target as Record<string, unknown>;
  for (const segment of segments.slice(0, -1)) current = current[segment] as Record<string, unknown>;
  current[segments[segments.length - 1]!] = value;
}
