// Helpers shared by the reporters: stable ordering, counts, the one-line summary, safe single-line text.
import { compareFindings, compareStrings, type Finding, type Severity, type SkippedFile } from '../findings';
import type { Span } from '../model';
import type { ReportInput } from './types';

/** Counts that every format reports. */
export interface ReportSummary {
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
  filesChecked: number;
  skipped: number;
}

/** The findings in stable output order (file, position, rule, message), without mutating the input. */
export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** The skipped files ordered by path, then reason. */
export function sortedSkipped(skipped: readonly SkippedFile[]): SkippedFile[] {
  return [...skipped].sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.reason, b.reason));
}

/** Counts findings by severity (suppressed ones apart) and files. */
export function summarize(input: ReportInput): ReportSummary {
  const summary: ReportSummary = {
    errors: 0,
    warnings: 0,
    infos: 0,
    suppressed: 0,
    filesChecked: input.filesChecked,
    skipped: input.skipped.length,
  };
  for (const finding of input.findings) {
    if (finding.suppression) summary.suppressed += 1;
    else if (finding.severity === 'error') summary.errors += 1;
    else if (finding.severity === 'warning') summary.warnings += 1;
    else summary.infos += 1;
  }
  return summary;
}

/** `1 error`, `2 errors`; `plural` defaults to the noun plus `s`. */
export function pluralize(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

/** The parts of the summary line, so the text reporter can color them. */
export interface SummaryParts {
  /** `✖` when anything needs attention, else `✔`. */
  symbol: '✖' | '✔';
  /** The worst severity among unsuppressed findings (policy problems count as errors), if any. */
  worst?: Severity;
  /** `3 problems (2 errors, 1 warning) in 4 files`, `No problems in 12 files`, or `2 policy problems`. */
  head: string;
  /** Further ` · `-separated facts: the findings (after policy problems), suppressed, skipped, the policy. */
  tail: string[];
}

/** Builds the summary line's parts from the counts. */
export function summaryParts(input: ReportInput): SummaryParts {
  const s = summarize(input);
  const total = s.errors + s.warnings + s.infos;
  const files = pluralize(s.filesChecked, 'file');
  const counts = [pluralize(s.errors, 'error'), pluralize(s.warnings, 'warning')];
  if (s.infos > 0) counts.push(pluralize(s.infos, 'info'));
  const problems = total > 0 ? `${pluralize(total, 'problem')} (${counts.join(', ')}) in ${files}` : `No problems in ${files}`;
  const policyProblems = input.policyProblems?.length ?? 0;
  // A broken policy is the headline: the findings were produced under it.
  const head = policyProblems > 0 ? pluralize(policyProblems, 'policy problem') : problems;
  const tail: string[] = policyProblems > 0 ? [problems] : [];
  if (s.suppressed > 0) tail.push(`${s.suppressed} suppressed`);
  if (s.skipped > 0) tail.push(`${s.skipped} skipped`);
  tail.push(`policy ${singleLine(input.policyLabel)}`);
  const worst: Severity | undefined = s.errors > 0 || policyProblems > 0 ? 'error' : s.warnings > 0 ? 'warning' : s.infos > 0 ? 'info' : undefined;
  const symbol = total > 0 || policyProblems > 0 ? '✖' : '✔';
  return worst ? { symbol, worst, head, tail } : { symbol, head, tail };
}

/** The summary line without colors: `✖ 3 problems (2 errors, 1 warning) in 4 files · policy Contoso SOC 2.3.0`. */
export function summaryLine(input: ReportInput): string {
  const parts = summaryParts(input);
  return [`${parts.symbol} ${parts.head}`, ...parts.tail].join(' · ');
}

// C0 and C1 controls (incl. ESC and DEL) except tab, line feed and carriage return; bidirectional
// formatting characters (they can make text read differently from what it is: "Trojan Source"); lone surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `\u001B` for a code unit: how unprintable characters are shown in text output. */
export function escapeCodeUnit(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Text that is safe to print on one terminal line: line breaks and tabs become spaces; other control
 * characters (an ESC from a scanned file could drive the terminal), bidi controls and lone surrogates
 * become `\uXXXX`.
 */
export function singleLine(text: string): string {
  return escapeUnsafeChars(text.replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' '));
}

/** Shows control characters other than tab, CR and LF, bidi controls and lone surrogates as `\uXXXX`. */
export function escapeUnsafeChars(text: string): string {
  return text.replace(UNSAFE_CHARS, escapeCodeUnit);
}

/** Replaces lone surrogates (not encodable as UTF-8) with U+FFFD. */
export function toWellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A span with every position at least 1 and the end not before the start (defends the output formats). */
export function clampSpan(span: Span): Span {
  const startLine = Math.max(1, Math.trunc(span.startLine) || 1);
  const startColumn = Math.max(1, Math.trunc(span.startColumn) || 1);
  const endLine = Math.max(startLine, Math.trunc(span.endLine) || startLine);
  let endColumn = Math.max(1, Math.trunc(span.endColumn) || 1);
  if (endLine === startLine && endColumn < startColumn) endColumn = startColumn;
  return { startLine, startColumn, endLine, endColumn };
}

/** Display names of the analyzed languages. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = { python: 'Python', powershell: 'PowerShell', kql: 'KQL' };

/** `rule-id` → `RuleId` (SARIF `reportingDescriptor.name`). */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** Ends a message fragment with a period (SARIF asks for sentences) unless it already ends a sentence. */
export function withPeriod(fragment: string): string {
  const trimmed = fragment.trimEnd();
  return trimmed === '' || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Makes a description fragment a sentence: first letter upper case, final period. */
export function toSentence(fragment: string): string {
  const trimmed = fragment.trim();
  return withPeriod(/^[a-z]/.test(trimmed) ? trimmed[0]!.toUpperCase() + trimmed.slice(1) : trimmed);
}
