// Parses policy text (YAML or JSON) into plain data plus the source span of every value; never executes anything.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { Span } from '../model';
import { extname } from '../paths';
import { childPointer, parentPointer } from './pointer';
import type { PolicyProblem } from './types';

/** Aliases a policy may expand; more is treated as a resource-exhaustion attempt ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/** Where one value (and its key, for mapping entries) sits in the source. */
export interface NodePosition {
  value: Span;
  key?: Span;
}

/** A parsed policy file: plain data, positions by JSON pointer, and the problems found while parsing. */
export interface ParsedPolicy {
  /** Absolute path of the file, or `socguard:<pack>`. */
  source: string;
  /** The data, or `undefined` when the text does not parse. */
  value: unknown;
  positions: Map<string, NodePosition>;
  problems: PolicyProblem[];
  /** Span of the whole text's first character, for problems about the file as a whole. */
  start: Span;
}

/** The syntax a policy file is parsed with, by extension. */
export function policyFormat(path: string): 'yaml' | 'json' {
  return extname(path) === '.json' ? 'json' : 'yaml';
}

/** Parses policy text. Syntax errors, duplicate keys, unsupported tags and alias bombs become problems. */
export function parsePolicyText(text: string, source: string, format: 'yaml' | 'json'): ParsedPolicy {
  const lineCounter = new LineCounter();
  const toSpan = (start: number, end: number): Span => {
    const from = lineCounter.linePos(start);
    const to = lineCounter.linePos(Math.max(start, end));
    return { startLine: from.line, startColumn: from.col, endLine: to.line, endColumn: to.col };
  };
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    strict: true,
    version: '1.2',
    schema: 'core',
    merge: false,
  });
  const parsed: ParsedPolicy = { source, value: undefined, positions: new Map(), problems: [], start: toSpan(0, 0) };
  const problem = (span: Span, message: string, pointer = ''): void => {
    parsed.problems.push({ file: source, span, pointer, message });
  };

  let hasSyntaxError = false;
  let jsonValue: unknown;
  if (format === 'json') {
    const error = jsonSyntaxError(text);
    if (error) {
      const offset = Math.min(error.offset ?? text.length, text.length);
      problem(toSpan(offset, Math.min(offset + 1, text.length)), `JSON syntax error: ${error.message}`);
      return parsed;
    }
    jsonValue = JSON.parse(text) as unknown;
  } else {
    for (const error of doc.errors) {
      hasSyntaxError = true;
      problem(toSpan(error.pos[0], error.pos[1]), `YAML syntax error: ${lowerFirst(error.message)}`);
    }
  }
  for (const warning of doc.warnings) {
    const message =
      warning.code === 'TAG_RESOLVE_FAILED'
        ? `unsupported tag \`${text.slice(warning.pos[0], warning.pos[1])}\` (policies hold plain data only)`
        : `YAML: ${lowerFirst(warning.message)}`;
    problem(toSpan(warning.pos[0], warning.pos[1]), message);
  }

  indexNode(doc.contents, '', undefined, parsed, toSpan);
  if (hasSyntaxError) return parsed;
  if (format === 'json') {
    parsed.value = jsonValue;
  } else {
    try {
      parsed.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // yaml throws a ReferenceError when aliases expand past maxAliasCount.
      problem(parsed.start, `the policy expands too many aliases (${error instanceof Error ? error.message : String(error)})`);
      return parsed;
    }
  }
  if (doc.contents === null || parsed.value === null || parsed.value === undefined) {
    problem(parsed.start, 'the policy is empty; it needs at least a `name`');
    parsed.value = undefined;
  }
  return parsed;
}

/** The span to report a problem at: the value (or, with `preferKey`, its key) at the pointer or its nearest indexed ancestor. */
export function spanAt(parsed: ParsedPolicy, pointer: string, preferKey = false): Span {
  let current = pointer;
  for (;;) {
    const position = parsed.positions.get(current);
    if (position) return (preferKey && position.key) || position.value;
    if (current === '') return parsed.start;
    current = parentPointer(current);
  }
}

/** The span of a key, else of its value; for problems about a whole mapping or list. */
export function keySpanAt(parsed: ParsedPolicy, pointer: string): Span {
  const position = parsed.positions.get(pointer);
  if (position?.key) return position.key;
  if (position && pointer === '') return firstLine(position.value);
  return position ? firstLine(position.value) : spanAt(parsed, pointer, true);
}

function firstLine(span: Span): Span {
  return span.endLine === span.startLine ? span : { ...span, endLine: span.startLine, endColumn: span.startColumn + 1 };
}

function indexNode(
  node: Node | null,
  pointer: string,
  key: Span | undefined,
  parsed: ParsedPolicy,
  toSpan: (start: number, end: number) => Span,
): void {
  if (!node) return;
  const range = node.range;
  const value = range ? toSpan(range[0], range[1]) : key ?? parsed.start;
  parsed.positions.set(pointer, key ? { value, key } : { value });
  if (isAlias(node)) return;
  if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (isNodeLike(item)) indexNode(item, childPointer(pointer, index), undefined, parsed, toSpan);
    });
    return;
  }
  if (!isMap(node)) return;
  const seen = new Map<string, Span>();
  for (const pair of node.items) {
    const keyNode = pair.key;
    const keySpan = isNodeLike(keyNode) && keyNode.range ? toSpan(keyNode.range[0], keyNode.range[1]) : value;
    if (!isScalar(keyNode)) {
      parsed.problems.push({ file: parsed.source, span: keySpan, pointer, message: 'keys must be plain text' });
      continue;
    }
    const name = scalarText(keyNode.value);
    const previous = seen.get(name);
    const child = childPointer(pointer, name);
    if (previous) {
      parsed.problems.push({
        file: parsed.source,
        span: keySpan,
        pointer: child,
        message: `duplicate key \`${name}\` (first set on line ${previous.startLine})`,
      });
    }
    seen.set(name, keySpan);
    if (isNodeLike(pair.value)) indexNode(pair.value, child, keySpan, parsed, toSpan);
    else parsed.positions.set(child, { value: keySpan, key: keySpan });
  }
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isNodeLike(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

/** The first JSON syntax error and its offset, or `undefined` when the text is valid JSON. */
function jsonSyntaxError(text: string): { message: string; offset?: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    if (position) return { message: cleanJsonMessage(message), offset: Number(position[1]) };
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    if (lineColumn) return { message: cleanJsonMessage(message), offset: offsetOf(text, Number(lineColumn[1]), Number(lineColumn[2])) };
    return { message: cleanJsonMessage(message) };
  }
}

function cleanJsonMessage(message: string): string {
  return lowerFirst(message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/\s*in JSON at position \d+/, '').replace(/^JSON\.parse: /, ''));
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + column - 1;
}

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
