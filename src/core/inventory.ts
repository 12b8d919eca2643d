// The inventory: every module reference found, one record each, for team leads' allowlist decisions.
import type { CheckResult } from './engine';
import { compareStrings } from './findings';
import type { ImportKind, Language } from './model';

/** One module reference or dependency found in a checked file. */
export interface InventoryRecord {
  file: string;
  line: number;
  column: number;
  language: Language;
  kind: ImportKind;
  module: string;
  /** The version constraint as written, when there is one. */
  version?: string;
}

/** Lists every module reference of the checked files in file/position order. */
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
  }
  return records.sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column);
}

/** Renders the inventory as aligned text lines, with a count of distinct modules. */
export function formatInventoryText(records: readonly InventoryRecord[]): string {
  const lines = records.map((r) => `${r.file}:${r.line}:${r.column}  ${r.language}  ${r.kind}  ${r.module}${r.version ? ` ${r.version}` : ''}`);
  const distinct = new Set(records.map((r) => `${r.language}:${r.module}`)).size;
  lines.push(`${records.length} references to ${distinct} modules`);
  return `${lines.join('\n')}\n`;
}
