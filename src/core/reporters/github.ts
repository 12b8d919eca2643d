// The `github` reporter: GitHub Actions workflow commands, which become annotations on the pull request.
import type { Severity } from '../findings';
import { clampSpan, escapeUnsafeChars, sortedFindings, sortedSkipped, summaryLine } from './shared';
import type { ReportInput } from './types';

type Command = 'error' | 'warning' | 'notice';

const COMMANDS: Readonly<Record<Severity, Command>> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * Escapes a command's message as the Actions runner expects (`%`, CR, LF); other control characters (an
 * ESC from a scanned file) are shown as `\uXXXX` rather than written to the log.
 */
export function escapeGithubData(text: string): string {
  return escapeUnsafeChars(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property value: the data escapes plus `:` and `,`, which delimit properties. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: Command, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeGithubProperty(String(value))}`)
    .join(',');
  return `::${name}${props === '' ? '' : ` ${props}`}::${escapeGithubData(message)}`;
}

/**
 * Renders one `::error`/`::warning`/`::notice` command per unsuppressed finding (info → notice), a warning
 * per skipped file, an error per policy problem, and the summary line. Columns are given only for
 * single-line spans (GitHub ignores them otherwise); `endColumn` is converted to GitHub's inclusive end.
 */
export function formatGithub(input: ReportInput): string {
  const lines: string[] = [];
  for (const problem of input.policyProblems ?? []) lines.push(command('error', { title: 'socguard policy' }, problem));
  for (const finding of sortedFindings(input.findings)) {
    if (finding.suppression) continue;
    const span = clampSpan(finding.span);
    const oneLine = span.startLine === span.endLine;
    lines.push(
      command(
        COMMANDS[finding.severity],
        {
          file: finding.file,
          line: span.startLine,
          col: oneLine ? span.startColumn : undefined,
          endLine: span.endLine,
          endColumn: oneLine ? Math.max(span.startColumn, span.endColumn - 1) : undefined,
          title: finding.ruleId,
        },
        finding.message,
      ),
    );
  }
  for (const entry of sortedSkipped(input.skipped)) {
    lines.push(command('warning', { file: entry.file, title: 'socguard: not checked' }, entry.reason));
  }
  lines.push(summaryLine(input));
  return `${lines.join('\n')}\n`;
}
