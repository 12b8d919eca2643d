// The findings model: what a rule reports, shared by every reporter and the editor.
import type { Span } from './model';

/** How serious a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** A severity setting in a policy: a severity, or `off` to disable the rule. */
export type SeveritySetting = Severity | 'off';

/** Every severity, most serious first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** One text replacement. `file` defaults to the finding's file; a missing file is created. */
export interface TextEdit {
  file?: string;
  span: Span;
  newText: string;
}

/** A fix a user can apply (editor quick fix); `isPreferred` marks the obvious one. */
export interface Fix {
  title: string;
  kind: 'replace' | 'suppress' | 'create-test' | 'other';
  edits: TextEdit[];
  isPreferred?: boolean;
}

/** A suppression that applied to a finding. */
export interface SuppressionInfo {
  reason: string;
  span: Span;
}

/** One problem found in one file. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Path relative to the check's root, with `/` separators. */
  file: string;
  span: Span;
  message: string;
  fixes?: Fix[];
  /** Set when an inline suppression with a reason covers the finding. */
  suppression?: SuppressionInfo;
  /** Rule-specific facts (module name, policy entry) for reporters and quick fixes. */
  data?: Record<string, string>;
}

/** A file the check did not analyze, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** Orders findings by file, position and rule for stable output. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.span.startLine - b.span.startLine ||
    a.span.startColumn - b.span.startColumn ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** Locale-independent string comparison for deterministic output. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts findings per severity, leaving out suppressed ones. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) {
    if (!finding.suppression) counts[finding.severity] += 1;
  }
  return counts;
}
