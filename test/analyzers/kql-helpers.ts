// Shared helpers for the KQL analyzer tests: reading spans back out of the document, and span sanity checks.
import * as assert from 'node:assert/strict';
import type { ScriptModel, Span } from '../../src/core/model';

/** The text a span covers, read the way an editor reads the file (BOM dropped; `\r\n`, `\r`, `\n` end lines). */
export function textAt(source: string, span: Span): string {
  const lines = (source.startsWith('\uFEFF') ? source.slice(1) : source).split(/\r\n|\r|\n/);
  const line = (n: number): string => {
    const value = lines[n - 1];
    assert.ok(value !== undefined, `line ${n} is outside the document (${lines.length} lines)`);
    return value;
  };
  assert.ok(span.startColumn >= 1 && span.endColumn >= 1, `columns are 1-based: ${JSON.stringify(span)}`);
  if (span.startLine === span.endLine) {
    assert.ok(span.endColumn >= span.startColumn, `span ends before it starts: ${JSON.stringify(span)}`);
    return line(span.startLine).slice(span.startColumn - 1, span.endColumn - 1);
  }
  const parts = [line(span.startLine).slice(span.startColumn - 1)];
  for (let n = span.startLine + 1; n < span.endLine; n++) parts.push(line(n));
  parts.push(line(span.endLine).slice(0, span.endColumn - 1));
  return parts.join('\n');
}

/** Every span a model reports, with a label saying where it came from. */
export function allSpans(model: ScriptModel): [string, Span][] {
  const spans: [string, Span][] = [];
  for (const fn of model.functions) spans.push([`function ${fn.name}`, fn.span], [`function name ${fn.name}`, fn.nameSpan]);
  for (const call of model.calls) {
    spans.push([`call ${call.callee}`, call.span], [`callee ${call.callee}`, call.calleeSpan]);
    for (const arg of call.arguments) spans.push([`argument of ${call.callee}`, arg.span]);
  }
  for (const string of model.strings) spans.push(['string', string.span]);
  for (const comment of model.comments) spans.push(['comment', comment.span]);
  for (const error of model.syntaxErrors) spans.push([`syntax error ${error.message}`, error.span]);
  for (const endpoint of model.endpoints ?? []) spans.push([`endpoint ${endpoint.url}`, endpoint.span]);
  for (const query of model.kql?.queries ?? []) {
    spans.push(['query', query.span]);
    for (const table of query.tables) spans.push([`table ${table.name}`, table.span]);
    for (const table of query.unboundedTables) spans.push([`unbounded ${table.name}`, table.span]);
    for (const plugin of query.plugins) spans.push([`plugin ${plugin.name}`, plugin.span]);
    for (const cross of query.crossResource) spans.push([`cross-resource ${cross.kind}`, cross.span]);
    if (query.schedule?.queryPeriod) spans.push(['queryPeriod', query.schedule.queryPeriod.span]);
    if (query.schedule?.queryFrequency) spans.push(['queryFrequency', query.schedule.queryFrequency.span]);
  }
  return spans;
}

/** Asserts that every span of the model lies inside the document and is well-formed. */
export function assertSpansInside(source: string, model: ScriptModel, label = ''): void {
  const lines = (source.startsWith('\uFEFF') ? source.slice(1) : source).split(/\r\n|\r|\n/);
  assert.equal(model.lineCount, lines.length, `${label}: lineCount`);
  for (const [what, span] of allSpans(model)) {
    const where = `${label}: ${what} ${JSON.stringify(span)}`;
    assert.ok(span.startLine >= 1 && span.endLine <= lines.length, `${where} is outside the ${lines.length} lines`);
    assert.ok(span.startLine < span.endLine || (span.startLine === span.endLine && span.startColumn <= span.endColumn), `${where} is reversed`);
    assert.ok(span.startColumn <= (lines[span.startLine - 1]?.length ?? 0) + 1, `${where} starts past the end of its line`);
    assert.ok(span.endColumn <= (lines[span.endLine - 1]?.length ?? 0) + 1, `${where} ends past the end of its line`);
  }
}
