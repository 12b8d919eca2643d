// Inline suppression comments: `socguard-ignore <rule>[, <rule>] -- <reason> [(until YYYY-MM-DD)]`.
import type { Comment, Span } from './model';

/** One parsed suppression comment. */
export interface Suppression {
  /** Rule ids it names (`*` is not supported: every suppression names its rules). */
  rules: string[];
  /** The justification after `--`, or '' when missing. */
  reason: string;
  /** Optional expiry date (`until 2026-12-31`), ISO `YYYY-MM-DD`. */
  until?: string;
  /** The line whose findings it suppresses. */
  targetLine: number;
  span: Span;
}

const MARKER = 'socguard-ignore';

/**
 * Reads suppressions from comments. A comment on its own line covers the next line that is not a
 * comment line; a trailing comment covers its own line.
 */
export function parseSuppressions(comments: readonly Comment[]): Suppression[] {
  const commentLines = new Set<number>();
  for (const comment of comments) if (comment.isOwnLine) commentLines.add(comment.span.startLine);
  const result: Suppression[] = [];
  for (const comment of comments) {
    const text = comment.text.trim();
    if (!text.startsWith(MARKER)) continue;
    const rest = text.slice(MARKER.length);
    if (rest !== '' && !/^\s/.test(rest)) continue;
    const separator = rest.indexOf('--');
    const rulePart = separator >= 0 ? rest.slice(0, separator) : rest;
    let reason = separator >= 0 ? rest.slice(separator + 2).trim() : '';
    let until: string | undefined;
    const expiry = /\(\s*until\s+(\d{4}-\d{2}-\d{2})\s*\)/i.exec(reason);
    if (expiry) {
      until = expiry[1];
      reason = `${reason.slice(0, expiry.index)}${reason.slice(expiry.index + expiry[0].length)}`.trim();
    }
    // Rule ids run until the first token that is not one (so trailing prose is not read as rules).
    const rules: string[] = [];
    for (const token of rulePart.split(/[\s,]+/).filter(Boolean)) {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(token)) break;
      rules.push(token);
    }
    let targetLine = comment.span.startLine;
    if (comment.isOwnLine) {
      targetLine = comment.span.endLine + 1;
      while (commentLines.has(targetLine)) targetLine++;
    }
    result.push({ rules, reason, until, targetLine, span: comment.span });
  }
  return result;
}
