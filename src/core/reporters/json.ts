// The `json` reporter: a stable, pretty-printed JSON document for scripts and dashboards.
import { compareStrings, type Finding, type Fix } from '../findings';
import type { Span } from '../model';
import { sortedFindings, sortedSkipped, summarize } from './shared';
import type { ReportInput } from './types';

/** A span as flat JSON fields. */
interface JsonRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function range(span: Span): JsonRange {
  return { line: span.startLine, column: span.startColumn, endLine: span.endLine, endColumn: span.endColumn };
}

function formatFix(fix: Fix, findingFile: string): Record<string, unknown> {
  return {
    title: fix.title,
    kind: fix.kind,
    ...(fix.isPreferred === undefined ? {} : { isPreferred: fix.isPreferred }),
    edits: fix.edits.map((edit) => ({ file: edit.file ?? findingFile, ...range(edit.span), newText: edit.newText })),
  };
}

function formatFinding(finding: Finding): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    file: finding.file,
    ...range(finding.span),
    message: finding.message,
  };
  if (finding.suppression) {
    entry.suppressed = true;
    entry.suppression = { reason: finding.suppression.reason, ...range(finding.suppression.span) };
  }
  if (finding.fixes && finding.fixes.length > 0) entry.fixes = finding.fixes.map((fix) => formatFix(fix, finding.file));
  if (finding.data && Object.keys(finding.data).length > 0) {
    const data = finding.data;
    entry.data = Object.fromEntries(Object.keys(data).sort(compareStrings).map((key) => [key, data[key]]));
  }
  return entry;
}

/**
 * Renders `{ version, policy, summary, findings, skipped }` (plus `policyProblems` when there are any, and
 * `summary.durationMs` when the input has a duration).
 * Findings are in file/position order; suppressed ones carry `suppressed: true` and their suppression.
 */
export function formatJson(input: ReportInput): string {
  const summary = summarize(input);
  const document = {
    version: input.toolVersion,
    policy: input.policyLabel,
    summary: { ...summary, ...(input.durationMs === undefined ? {} : { durationMs: input.durationMs }) },
    ...(input.policyProblems && input.policyProblems.length > 0 ? { policyProblems: input.policyProblems } : {}),
    findings: sortedFindings(input.findings).map(formatFinding),
    skipped: sortedSkipped(input.skipped).map((entry) => ({ file: entry.file, reason: entry.reason })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
