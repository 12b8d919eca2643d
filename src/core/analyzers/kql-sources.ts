// Finds the KQL in a file (a whole .kql file, a Sentinel rule's `query:`, Markdown ```kql fences) and maps it back to file positions.
import { isMap, isScalar, parseAllDocuments, type Scalar } from 'yaml';
import type { KqlQueryFacts, Span, SyntaxProblem } from '../model';

/** Where a KQL query comes from. */
export type KqlOrigin = KqlQueryFacts['origin'];

/** One KQL query found in a file, with the way back from its text to the file. */
export interface KqlSource {
  /** The KQL as the parser sees it: YAML scalars decoded, Markdown fences without their markers. */
  text: string;
  origin: KqlOrigin;
  /** Where the query text sits in the file. */
  span: Span;
  /** For Sentinel analytics rules: `queryPeriod` / `queryFrequency` as written. */
  schedule?: KqlQueryFacts['schedule'];
  /** The file span of the text range [start, end) of `text`. */
  spanOf(start: number, end: number): Span;
}

/** The KQL sources of a file and the problems that kept some from being read (YAML errors). */
export interface KqlExtraction {
  sources: KqlSource[];
  problems: SyntaxProblem[];
  /** The number of lines in the file. */
  lineCount: number;
}

/** The file kinds that can hold KQL. */
export type KqlFileKind = 'kql' | 'yaml' | 'markdown';

const BOM = '\uFEFF';

/** Line starts of a text, turning UTF-16 offsets into 1-based lines and columns (line breaks: CRLF, LF, CR). */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  /** The number of lines (a trailing line break starts one more, empty line, as in VS Code). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The 1-based line and column of an offset (clamped to the text). */
  position(offset: number): { line: number; column: number } {
    offset = Math.min(Math.max(0, offset), this.length);
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }

  /** The span of the offset range [start, end). */
  span(start: number, end: number): Span {
    const from = this.position(start);
    const to = this.position(Math.max(start, end));
    return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
  }
}

/**
 * Maps each UTF-16 offset of a query text to the file: `starts[i]`/`ends[i]` are the file offsets where the
 * source of character i begins and ends (an escape such as `\"` is two file characters for one of text;
 * a space made by folding a YAML line break is zero). Index `length` is the position just after the text.
 */
class TextMap {
  constructor(
    private readonly length: number,
    private readonly base: number,
    private readonly starts?: Int32Array,
    private readonly ends?: Int32Array,
  ) {}

  /** The file offset range of the text range [start, end). */
  range(start: number, end: number): [number, number] {
    const s = Math.min(Math.max(0, start), this.length);
    const e = Math.min(Math.max(s, end), this.length);
    const fileStart = this.starts ? (this.starts[s] ?? this.base) : this.base + s;
    const fileEnd = e > s ? (this.ends ? (this.ends[e - 1] ?? fileStart) : this.base + e) : fileStart;
    return [fileStart, Math.max(fileStart, fileEnd)];
  }
}

function makeSource(text: string, origin: KqlOrigin, lines: LineIndex, map: TextMap, schedule?: KqlSource['schedule']): KqlSource {
  let first = 0;
  let last = text.length;
  while (first < last && isBlank(text.charCodeAt(first))) first++;
  while (last > first && isBlank(text.charCodeAt(last - 1))) last--;
  const [spanStart, spanEnd] = map.range(first, last);
  const source: KqlSource = {
    text,
    origin,
    span: lines.span(spanStart, spanEnd),
    spanOf(start: number, end: number): Span {
      const [fileStart, fileEnd] = map.range(start, end);
      return lines.span(fileStart, fileEnd);
    },
  };
  if (schedule) source.schedule = schedule;
  return source;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The kind of file a path names, or undefined when it cannot hold KQL. */
export function kqlFileKind(path: string | undefined): KqlFileKind | undefined {
  if (path === undefined) return 'kql';
  const lower = path.toLowerCase();
  if (lower.endsWith('.kql') || lower.endsWith('.kusto') || lower.endsWith('.csl')) return 'kql';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  return undefined;
}

/** Whether a file holds KQL worth checking: any .kql/.kusto/.csl file, a YAML with a top-level `query`, Markdown with ```kql fences. */
export function isKqlCandidate(path: string, text: string): boolean {
  const kind = kqlFileKind(path);
  if (kind === 'kql') return true;
  if (kind === 'markdown') return findKqlFences(stripBom(text)).length > 0;
  if (kind === 'yaml') return readYaml(stripBom(text)).documents.length > 0;
  return false;
}

/** The KQL queries of a file, with positions mapped back to the file. */
export function extractKqlSources(text: string, path?: string): KqlSource[] {
  return extractKql(text, path).sources;
}

/**
 * The KQL queries of a file and the YAML problems met on the way. A leading BOM is dropped and positions
 * count from the character after it, as editors do. Files of unknown type are read as KQL.
 */
export function extractKql(text: string, path?: string): KqlExtraction {
  const body = stripBom(text);
  const lines = new LineIndex(body);
  const kind = kqlFileKind(path) ?? 'kql';
  if (kind === 'yaml') return { ...extractYaml(body, lines), lineCount: lines.lineCount };
  if (kind === 'markdown') return { sources: extractMarkdown(body, lines), problems: [], lineCount: lines.lineCount };
  return { sources: [makeSource(body, 'file', lines, new TextMap(body.length, 0))], problems: [], lineCount: lines.lineCount };
}

function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------------------
// YAML: Sentinel analytics rules and hunting queries.

interface YamlQueryDocument {
  query: Scalar<string>;
  pairs: Map<string, unknown>;
}

function readYaml(text: string): { documents: YamlQueryDocument[]; errors: { message: string; pos: [number, number] }[] } {
  const documents: YamlQueryDocument[] = [];
  const errors: { message: string; pos: [number, number] }[] = [];
  for (const doc of parseAllDocuments(text)) {
    errors.push(...doc.errors);
    const contents = doc.contents;
    if (!isMap(contents)) continue;
    const pairs = new Map<string, unknown>();
    for (const pair of contents.items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string') pairs.set(pair.key.value, pair.value);
    }
    const query = pairs.get('query');
    if (isScalar(query) && typeof query.value === 'string' && query.range) documents.push({ query: query as Scalar<string>, pairs });
  }
  return { documents, errors };
}

function extractYaml(text: string, lines: LineIndex): Omit<KqlExtraction, 'lineCount'> {
  const { documents, errors } = readYaml(text);
  const problems: SyntaxProblem[] = errors.map((error) => ({
    message: `YAML: ${error.message.split('\n')[0] ?? error.message}`,
    span: lines.span(error.pos[0], error.pos[1]),
  }));
  const sources: KqlSource[] = [];
  for (const { query, pairs } of documents) {
    const kind = scalarText(pairs.get('kind'));
    const schedule: NonNullable<KqlSource['schedule']> = {};
    for (const key of ['queryPeriod', 'queryFrequency'] as const) {
      const node = pairs.get(key);
      if (isScalar(node) && node.range) {
        const value = node.value;
        const written = typeof value === 'string' || typeof value === 'number' ? String(value) : text.slice(node.range[0], node.range[1]);
        schedule[key] = { text: written, span: lines.span(node.range[0], node.range[1]) };
      }
    }
    const isScheduled = pairs.has('queryPeriod') || pairs.has('queryFrequency') || kind === 'Scheduled' || kind === 'NRT';
    const map = scalarMap(text, query);
    sources.push(makeSource(query.value, isScheduled ? 'scheduled-rule' : 'hunting', lines, map, isScheduled ? schedule : undefined));
  }
  return { sources, problems };
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Aligns a scalar's decoded value with its source text, character by character. */
function scalarMap(text: string, scalar: Scalar<string>): TextMap {
  const value = scalar.value;
  const [rangeStart, rangeEnd] = scalar.range ?? [0, 0];
  let from = rangeStart;
  let to = rangeEnd;
  let style: 'plain' | 'single' | 'double' = 'plain';
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    // Skip the header line (`|-`, `>2`, and any comment after it).
    while (from < to && text[from] !== '\n' && text[from] !== '\r') from++;
  } else if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') {
    const quote = scalar.type === 'QUOTE_DOUBLE' ? '"' : "'";
    style = scalar.type === 'QUOTE_DOUBLE' ? 'double' : 'single';
    const open = text.indexOf(quote, from);
    if (open >= 0 && open < to) from = open + 1;
    if (to > from && text[to - 1] === quote) to--;
  }
  const n = value.length;
  const starts = new Int32Array(n + 1);
  const ends = new Int32Array(n + 1);
  let i = 0;
  let j = from;
  while (i < n) {
    if (j >= to) {
      starts[i] = to;
      ends[i] = to;
      i++;
      continue;
    }
    const c = value[i];
    const r = text[j];
    if (style === 'double' && r === '\\') {
      const { length, produces } = yamlEscape(text, j, to);
      for (let k = 0; k < produces && i < n; k++, i++) {
        starts[i] = j;
        ends[i] = j + length;
      }
      j += length;
    } else if (style === 'single' && r === "'" && text[j + 1] === "'" && c === "'") {
      starts[i] = j;
      ends[i] = j + 2;
      i++;
      j += 2;
    } else if (c === '\n' && r === '\r' && text[j + 1] === '\n') {
      starts[i] = j; // a CRLF line break decodes to one \n
      ends[i] = j + 2;
      i++;
      j += 2;
    } else if (c === r) {
      starts[i] = j;
      ends[i] = j + 1;
      i++;
      j++;
    } else if (r === ' ' || r === '\t' || r === '\r' || r === '\n') {
      j++; // indentation, or a line break folded away
    } else if (c === ' ' || c === '\n' || c === '\t') {
      starts[i] = j; // made by folding: takes no file characters
      ends[i] = j;
      i++;
    } else {
      j++;
    }
  }
  const after = n > 0 ? (ends[n - 1] ?? to) : from;
  starts[n] = after;
  ends[n] = after;
  return new TextMap(n, from, starts, ends);
}

/** The source length of a YAML double-quoted escape at `at` and how many UTF-16 units it decodes to. */
function yamlEscape(text: string, at: number, limit: number): { length: number; produces: number } {
  const next = text[at + 1];
  if (next === '\n' || next === '\r') {
    // An escaped line break joins the lines, dropping the break and the next line's indentation.
    let j = at + 2;
    if (next === '\r' && text[j] === '\n') j++;
    while (j < limit && (text[j] === ' ' || text[j] === '\t')) j++;
    return { length: j - at, produces: 0 };
  }
  const hexDigits = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (hexDigits > 0) {
    const code = Number.parseInt(text.slice(at + 2, at + 2 + hexDigits), 16);
    return { length: 2 + hexDigits, produces: Number.isFinite(code) && code > 0xffff ? 2 : 1 };
  }
  return { length: 2, produces: 1 };
}

// ---------------------------------------------------------------------------------------------------------
// Markdown: fenced code blocks whose info string starts with kql or kusto.

/** A line of text: [start, end) without its line break, which ends at `breakEnd`. */
interface TextLine {
  start: number;
  end: number;
  breakEnd: number;
}

/** A ```kql fence: its content lines, where the content starts, and the fence indentation to strip. */
interface Fence {
  lines: TextLine[];
  contentStart: number;
  indent: number;
}

function splitLines(text: string): TextLine[] {
  const result: TextLine[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length) {
      result.push({ start, end: i, breakEnd: i });
      break;
    }
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const breakEnd = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      result.push({ start, end: i, breakEnd });
      start = breakEnd;
      i = breakEnd - 1;
    }
  }
  return result;
}

function fenceOpening(line: string): { marker: string; indent: number } | undefined {
  let indent = 0;
  while (line[indent] === ' ') indent++;
  const char = line[indent];
  if (char !== '`' && char !== '~') return undefined;
  let length = 0;
  while (line[indent + length] === char) length++;
  if (length < 3) return undefined;
  const info = line.slice(indent + length).trim();
  if (char === '`' && info.includes('`')) return undefined;
  const language = (info.split(/[\s{]/, 1)[0] ?? '').toLowerCase();
  return { marker: char.repeat(length), indent: language === 'kql' || language === 'kusto' ? indent : -1 };
}

function findKqlFences(text: string): Fence[] {
  const fences: Fence[] = [];
  let open: { marker: string; fence: Fence | undefined } | undefined;
  for (const line of splitLines(text)) {
    const content = text.slice(line.start, line.end);
    if (open) {
      const trimmed = content.trim();
      if (trimmed.startsWith(open.marker) && /^[`~]+$/.test(trimmed) && trimmed[0] === open.marker[0]) {
        if (open.fence) fences.push(open.fence);
        open = undefined;
      } else {
        open.fence?.lines.push(line);
      }
      continue;
    }
    const opening = fenceOpening(content);
    if (opening) {
      const fence = opening.indent >= 0 ? { lines: [], contentStart: line.breakEnd, indent: opening.indent } : undefined;
      open = { marker: opening.marker, fence };
    }
  }
  if (open?.fence) fences.push(open.fence); // an unclosed fence runs to the end of the document
  return fences;
}

function extractMarkdown(text: string, lines: LineIndex): KqlSource[] {
  const sources: KqlSource[] = [];
  for (const fence of findKqlFences(text)) {
    let query = '';
    const starts: number[] = [];
    const ends: number[] = [];
    fence.lines.forEach((line, index) => {
      let start = line.start;
      for (let k = 0; k < fence.indent && start < line.end && text[start] === ' '; k++) start++;
      for (let j = start; j < line.end; j++) {
        starts.push(j);
        ends.push(j + 1);
      }
      query += text.slice(start, line.end);
      if (index < fence.lines.length - 1) {
        starts.push(line.end);
        ends.push(line.breakEnd);
        query += '\n';
      }
    });
    const after = fence.lines[fence.lines.length - 1]?.end ?? fence.contentStart;
    starts.push(after);
    ends.push(after);
    sources.push(makeSource(query, 'markdown', lines, new TextMap(query.length, after, Int32Array.from(starts), Int32Array.from(ends))));
  }
  return sources;
}
