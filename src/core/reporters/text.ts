// The `text` reporter: eslint-stylish-like output grouped by file, for people reading a terminal.
import type { Finding, Severity } from '../findings';
import { createStyles, type Style, type Styles } from './ansi';
import { singleLine, sortedFindings, sortedSkipped, summaryParts } from './shared';
import type { ReportInput, ReporterOptions } from './types';

/**
 * Renders findings grouped by file (`  12:8  error  message  rule-id`, aligned per file), skipped files
 * with their reason, and a summary line. Suppressed findings are only counted.
 */
export function formatText(input: ReportInput, options: ReporterOptions = {}): string {
  const styles = createStyles(options.color === true);
  const blocks: string[] = [];

  const policyProblems = input.policyProblems ?? [];
  if (policyProblems.length > 0) {
    blocks.push([styles.bold('Policy problems'), ...policyProblems.map((problem) => `  ${styles.red(singleLine(problem))}`)].join('\n'));
  }

  for (const [file, findings] of groupByFile(sortedFindings(input.findings).filter((finding) => !finding.suppression))) {
    blocks.push([styles.underline(singleLine(file)), ...formatRows(findings, styles)].join('\n'));
  }

  const skipped = sortedSkipped(input.skipped);
  if (skipped.length > 0) {
    const files = skipped.map((entry) => singleLine(entry.file));
    const width = Math.max(...files.map(displayWidth));
    const rows = skipped.map((entry, i) => `  ${padEnd(files[i]!, width)}  ${styles.dim(singleLine(entry.reason))}`);
    blocks.push([styles.bold(`Skipped ${skipped.length === 1 ? '1 file' : `${skipped.length} files`}`), ...rows].join('\n'));
  }

  blocks.push(formatSummary(input, styles));
  return `${blocks.join('\n\n')}\n`;
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}

function formatRows(findings: readonly Finding[], styles: Styles): string[] {
  const cells = findings.map((finding) => ({
    line: String(finding.span.startLine),
    column: String(finding.span.startColumn),
    severity: finding.severity,
    message: singleLine(finding.message),
    ruleId: singleLine(finding.ruleId),
  }));
  const lineWidth = Math.max(...cells.map((cell) => cell.line.length));
  const columnWidth = Math.max(...cells.map((cell) => cell.column.length));
  const severityWidth = Math.max(...cells.map((cell) => cell.severity.length));
  const messageWidth = Math.max(...cells.map((cell) => displayWidth(cell.message)));
  return cells.map((cell) => {
    const position = `${cell.line.padStart(lineWidth)}:${cell.column.padEnd(columnWidth)}`;
    const severity = severityStyle(cell.severity, styles)(cell.severity.padEnd(severityWidth));
    return `  ${styles.dim(position)}  ${severity}  ${padEnd(cell.message, messageWidth)}  ${styles.dim(cell.ruleId)}`;
  });
}

function formatSummary(input: ReportInput, styles: Styles): string {
  const parts = summaryParts(input);
  const color = parts.symbol === '✔' ? styles.green : parts.worst ? severityStyle(parts.worst, styles) : styles.red;
  return [styles.bold(color(`${parts.symbol} ${parts.head}`)), ...parts.tail].join(' · ');
}

function severityStyle(severity: Severity, styles: Styles): Style {
  return severity === 'error' ? styles.red : severity === 'warning' ? styles.yellow : styles.blue;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Terminal columns a string takes: combining marks take none, wide East Asian characters and emoji two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (/\p{M}/u.test(char) || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
