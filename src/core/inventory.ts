// The inventory: every module reference found, one record each, for team leads' allowlist decisions.
import type { CheckResult } from './engine';
import { compareStrings } from './findings';
import { networkEndpoints } from './endpoints';
import type { ImportKind, Language, Span } from './model';

/** What an inventory record is: a module reference (import kinds), an endpoint or a KQL resource. */
export type InventoryKind = ImportKind | 'endpoint' | 'kql-table' | 'kql-plugin' | 'kql-cross-resource';

/** One module reference, dependency, network endpoint or KQL resource found in a checked file. */
export interface InventoryRecord {
  file: string;
  line: number;
  column: number;
  language: Language;
  kind: InventoryKind;
  /** The module, distribution, URL, table, plugin or cross-resource target. */
  module: string;
  /** The version constraint as written, when there is one. */
  version?: string;
}

/** Lists every module reference, endpoint and KQL resource of the checked files in file/position order. */
export function buildInventory(result: CheckResult): InventoryRecord[] {
  const records: InventoryRecord[] = [];
  for (const file of result.files) {
    for (const ref of file.model.imports) {
      const module = ref.level > 0 ? `${'.'.repeat(ref.level)}${ref.module}` : ref.module;
      records.push({
        file: file.file,
        line: ref.span.startLine,
        column: ref.span.startColumn,
        language: file.language,
        kind: ref.kind,
        module,
        ...(ref.version ? { version: ref.version.text } : {}),
      });
    }
    const add = (kind: InventoryKind, module: string, span: Span): void => {
      records.push({ file: file.file, line: span.startLine, column: span.startColumn, language: file.language, kind, module });
    };
    for (const endpoint of networkEndpoints(file.model)) add('endpoint', endpoint.url, endpoint.span);
    for (const query of file.model.kql?.queries ?? []) {
      for (const table of query.tables) add('kql-table', table.name, table.span);
      for (const plugin of query.plugins) add('kql-plugin', plugin.name, plugin.span);
      for (const target of query.crossResource) add('kql-cross-resource', `${target.kind}("${target.target}")`, target.span);
    }
  }
  return records.sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.kind, b.kind));
}

/** Renders the inventory as text lines, with a count of distinct entries. */
export function formatInventoryText(records: readonly InventoryRecord[]): string {
  const lines = records.map((r) => `${r.file}:${r.line}:${r.column}  ${r.language}  ${r.kind}  ${r.module}${r.version ? ` ${r.version}` : ''}`);
  const distinct = new Set(records.map((r) => `${r.language}:${r.kind}:${r.module}`)).size;
  lines.push(`${records.length} records, ${distinct} distinct`);
  return `${lines.join('\n')}\n`;
}
