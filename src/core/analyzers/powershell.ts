// PowerShell analyzer: the tree-sitter-powershell syntax tree turned into a ScriptModel (modules, functions, commands, .NET calls, strings, comments).
import type { Host } from '../host';
import {
  emptyModel,
  type CallArgument,
  type CallSite,
  type FunctionDef,
  type FunctionKind,
  type ImportKind,
  type ImportRef,
  type LiteralValue,
  type ScriptModel,
  type Span,
  type SyntaxProblem,
} from '../model';
import type { AnalyzeOptions, Analyzer, AnalyzerLoader } from './analyzer';
import { canonicalPowerShellCommand, normalizeDotNetTypeName, resolvePowerShellAlias } from './powershell-builtins';
import { createParser, type Parser, type SyntaxNode, type Tree } from './tree-sitter';

/*
 * Known gaps of the tree-sitter-powershell grammar (the build in @vscode/tree-sitter-wasm) for valid code,
 * and what this analyzer does about them. The parser only ever sees a *same-length* copy of the text, so
 * every index, line and column of the repaired tree is still an index into the original text, and all text
 * the model reports is sliced from the original.
 *  - `using module|namespace|assembly` statements are parsed as commands, and a `[CmdletBinding()] param()`
 *    after them becomes an error: they are read from a first parse, then blanked.
 *  - A bare word followed by `, ` in command arguments (`Select-Object Name, Length`, `Import-Module A, B`)
 *    fails: the comma is moved after the blank (`Name ,Length`), which PowerShell reads the same way.
 *  - `param(...)` followed by a statement on the same line (`function F { param($a) $a }`) fails: the blank
 *    after `)` becomes `;`.
 *  - `$var\path` / `$var/path` command arguments (`. $PSScriptRoot\lib.ps1`) fail: `$` becomes `_`.
 *  - Upper-case number multipliers (`1GB`, `100MB`) fail: they are lower-cased.
 *  - `break label` / `continue label` fail: the blank becomes `:`.
 *  - `ForEach-Object` / `%` with parameters or a member name (`-Parallel {…}`, `% Name`) fail: the name is
 *    changed to a plain command name.
 *  - `.ForEach(…)` method calls fail: the method name is altered.
 *  - Several `switch` clauses on one line (`{ 'a' { 1 } 'b' { 2 } }`) fail: a `;` ends each clause.
 *  - PowerShell 7 `??` and `??=` fail: they become `-f` and ` +=`.
 *  - Class constructors chaining `: base(…)` fail: the chain is blanked.
 *  - A file with nothing but comments is an ERROR, and a program without a final newline may miss its
 *    statement terminator: neither is reported.
 *  - `A, @{…}` (a hashtable after a comma) defeats the comma move too: the comma is blanked (binding still
 *    reads the list from the original text).
 *  - `foreach ($i in ) {}` gives an empty command instead of an error: reported as `missing command`.
 * Not repaired (reported as syntax errors when met): the PowerShell 7 ternary `a ? b : c`, the null-conditional
 * `?.` / `?[]`, attributes on plain assignments (`[ValidateRange(1,5)][int]$x = 1`).
 * Repairs are tried only at parser-reported errors and kept only when the tree gets fewer errors.
 *
 * Model conventions: positions ignore a leading BOM and count `\r\n`, `\n` and a lone `\r` as line breaks;
 * a named argument's text and span are its value's (`-Uri 'x'` → `'x'`), a switch's are its own token
 * (value `true`), `A, B` is one argument without a literal value, `@splat` one argument without a name.
 * Commands resolve through module qualifiers, default aliases (any edition: `curl`/`wget` give
 * Invoke-WebRequest although PowerShell 7 runs the native tools) and canonical casing. .NET calls name the
 * type when the script shows it (`[Net.WebClient]::new()`, `New-Object Net.WebClient`, a variable assigned
 * from either): `System.Net.WebClient.DownloadString`; otherwise the receiver as written with argument
 * lists shortened (`$http.GetAsync().GetAwaiter`). `New-Object T` also records the constructor `T.new`.
 */

/** Loads the PowerShell analyzer (tree-sitter-powershell grammar). */
export const loadPowerShellAnalyzer: AnalyzerLoader = async (host: Host): Promise<Analyzer> => {
  const parser = await createParser(host, 'powershell');
  return {
    language: 'powershell',
    analyze(text: string, options?: AnalyzeOptions): ScriptModel {
      try {
        return analyzePowerShell(parser, text, options ?? {});
      } catch (error) {
        host.log?.('error', `powershell analyzer failed${options?.path ? ` on ${options.path}` : ''}: ${String(error)}`);
        return emptyModel('powershell', new LineIndex(text).lineCount);
      }
    },
  };
};

// ---------------------------------------------------------------------------------------------------
// Positions

/**
 * Maps UTF-16 indices to 1-based lines/columns. Lines break at `\r\n`, `\n` and `\r` (as VS Code does);
 * a leading byte-order mark is not part of the document (editors never show it), so it takes no column.
 */
class LineIndex {
  private readonly starts: number[] = [];

  constructor(private readonly text: string) {
    this.starts.push(text.charCodeAt(0) === 0xfeff ? 1 : 0);
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The 0-based line of an index. */
  lineOf(index: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The index where a line's text ends (before its line break). */
  lineEnd(line: number): number {
    let end = line + 1 < this.starts.length ? (this.starts[line + 1] ?? this.text.length) : this.text.length;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.starts[line] ?? 0);
  }

  lineStart(line: number): number {
    return this.starts[line] ?? 0;
  }

  position(index: number): { line: number; column: number } {
    const line = this.lineOf(index);
    const start = this.starts[line] ?? 0;
    const clamped = Math.min(Math.max(index, start), this.lineEnd(line));
    return { line: line + 1, column: clamped - start + 1 };
  }

  span(start: number, end: number): Span {
    const from = this.position(start);
    const to = this.position(Math.max(start, end));
    return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
  }
}

// ---------------------------------------------------------------------------------------------------
// Parsing with repairs

const STRING_OR_COMMENT = new Set([
  'comment',
  'verbatim_string_characters',
  'verbatim_here_string_characters',
  'expandable_string_literal',
  'expandable_here_string_literal',
]);

/** Same-length edits of the text the parser sees. */
class ParseText {
  chars: string[];

  constructor(text: string) {
    // Lone CRs are line breaks for PowerShell but not for the grammar; CRs before LFs are noise to it,
    // except after a backtick, where the backtick moves onto the CR to stay a line continuation.
    this.chars = Array.from({ length: text.length }, (_, i) => {
      const ch = text[i] ?? ' ';
      if (ch === '\r') return text[i + 1] !== '\n' ? '\n' : text[i - 1] === '`' ? '`' : ' ';
      if (ch === '`' && text[i + 1] === '\r' && text[i + 2] === '\n') return ' ';
      if (i === 0 && ch === '\ufeff') return ' ';
      return ch;
    });
  }

  toString(): string {
    return this.chars.join('');
  }

  at(index: number): string {
    return this.chars[index] ?? '';
  }
}

type Edit = readonly [index: number, replacement: string];

interface ErrorSite {
  node: SyntaxNode;
  start: number;
  end: number;
}

function kids(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((child): child is SyntaxNode => child !== null);
}

function namedKids(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null);
}

/** Whether an error node is a known grammar artefact on valid code. */
function isBenignError(node: SyntaxNode, parseText: string): boolean {
  if (node.isMissing) {
    // `A,B` in arguments: the grammar wants a blank before `,B` and inserts a zero-width one.
    if (node.type === ' ' || node.parent?.type === 'command_argument_sep') {
      const next = (node.parent?.type === 'command_argument_sep' ? node.parent : node).nextSibling;
      if (next && parseText[next.startIndex] === ',') return true;
    }
    // A statement terminator missing at the very end of the text.
    if (parseText.slice(node.startIndex).trim() === '' && (node.type === ';' || node.type === '_statement_terminator')) return true;
    return false;
  }
  // A program made only of comments (`#Requires` lines, a commented-out script) or blanks.
  return onlyCommentsOrBlanks(node, parseText);
}

function onlyCommentsOrBlanks(node: SyntaxNode, parseText: string): boolean {
  if (parseText.slice(node.startIndex, node.endIndex).trim() === '') return true;
  const children = kids(node);
  return children.length > 0 && children.every((child) => child.type === 'comment' || (child.isError && onlyCommentsOrBlanks(child, parseText)));
}

function collectErrors(tree: Tree, parseText: string): ErrorSite[] {
  const found: ErrorSite[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.isError || node.isMissing) {
      if (!isBenignError(node, parseText)) found.push({ node, start: node.startIndex, end: node.endIndex });
      return;
    }
    if (!node.hasError) return;
    for (const child of kids(node)) visit(child);
  };
  visit(tree.rootNode);
  return found;
}

/** The errors to report: ERROR/MISSING nodes and the empty commands the grammar accepts (`foreach ($i in ) {}`). */
function reportedErrors(tree: Tree, parseText: string): ErrorSite[] {
  const found = collectErrors(tree, parseText);
  for (const name of tree.rootNode.descendantsOfType('command_name', undefined, undefined)) {
    if (!name || name.startIndex !== name.endIndex) continue;
    if (found.some((error) => error.start <= name.startIndex && name.endIndex <= error.end && error.node.isError)) continue;
    found.push({ node: name, start: name.startIndex, end: name.endIndex });
  }
  return found.sort((a, b) => a.start - b.start);
}

function errorCost(errors: readonly ErrorSite[]): number {
  return errors.reduce((sum, error) => sum + 20 + (error.end - error.start), 0);
}

// Bounds on repair work, so a file full of real errors stays fast (each try is an incremental reparse).
// They count work, not time, so that the same text always gives the same model.
const MAX_REPARSES = 40;
const MAX_UNREPAIRED = 5;

interface ParsedScript {
  tree: Tree;
  parseText: string;
  /** `using` statements found (and blanked) before repairs. */
  usings: UsingStatement[];
}

interface UsingStatement {
  kind: string;
  /** The argument after `module`/`namespace`/`assembly`, read from the first parse. */
  argument?: SyntaxNode;
  start: number;
  end: number;
}

function parseWithRepairs(parser: Parser, text: string, firstTree: Tree, usings: UsingStatement[]): ParsedScript {
  const parseText = new ParseText(text);
  let tree = firstTree;
  let current = parseText.toString();
  if (usings.length > 0) {
    for (const using of usings) {
      for (let i = using.start; i < using.end; i++) if (parseText.at(i) !== '\n') parseText.chars[i] = ' ';
    }
    current = parseText.toString();
    tree = reparse(parser, current) ?? tree;
  }

  let errors = collectErrors(tree, current);
  const skipped = new Set<number>();
  let reparses = 0;
  while (errors.length > 0 && reparses < MAX_REPARSES && skipped.size < MAX_UNREPAIRED) {
    const target = errors.find((error) => !skipped.has(error.start));
    if (!target) break;
    let improved = false;
    for (const edits of repairCandidates(target, tree, parseText)) {
      if (edits.length === 0) continue;
      if (reparses >= MAX_REPARSES) break;
      const saved = edits.map(([index]) => [index, parseText.at(index)] as const);
      for (const [index, replacement] of edits) parseText.chars[index] = replacement;
      const candidateText = parseText.toString();
      const candidate = reparseEdited(parser, tree, current, candidateText, edits);
      reparses++;
      const candidateErrors = candidate ? collectErrors(candidate, candidateText) : errors;
      if (candidate && errorCost(candidateErrors) < errorCost(errors)) {
        if (tree !== firstTree) tree.delete();
        tree = candidate;
        current = candidateText;
        errors = candidateErrors;
        improved = true;
        break;
      }
      candidate?.delete();
      for (const [index, original] of saved) parseText.chars[index] = original;
    }
    if (!improved) skipped.add(target.start);
  }
  return { tree, parseText: current, usings };
}

function reparse(parser: Parser, text: string): Tree | null {
  return parser.parse(text);
}

/** Reparses after same-length edits, incrementally from the previous tree (which stays untouched). */
function reparseEdited(parser: Parser, tree: Tree, before: string, after: string, edits: readonly Edit[]): Tree | null {
  const low = Math.min(...edits.map(([index]) => index));
  const high = Math.max(...edits.map(([index]) => index)) + 1;
  const point = (index: number): { row: number; column: number } => {
    let row = 0;
    let lineStart = 0;
    for (let at = before.indexOf('\n'); at >= 0 && at < index; at = before.indexOf('\n', at + 1)) {
      row++;
      lineStart = at + 1;
    }
    return { row, column: index - lineStart };
  };
  const start = point(low);
  const end = point(high);
  const base = tree.copy();
  try {
    base.edit({ startIndex: low, oldEndIndex: high, newEndIndex: high, startPosition: start, oldEndPosition: end, newEndPosition: end });
    return parser.parse(after, base);
  } finally {
    base.delete();
  }
}

/** Candidate same-length edits that may repair a known grammar gap near an error, most specific first. */
function repairCandidates(error: ErrorSite, tree: Tree, text: ParseText): Edit[][] {
  let regionStart = error.start;
  while (regionStart > 0 && text.at(regionStart - 1) !== '\n') regionStart--;
  let regionEnd = Math.max(error.end, error.start + 1);
  while (regionEnd < text.chars.length && text.at(regionEnd) !== '\n') regionEnd++;
  const inStringOrComment = (index: number): boolean => {
    let node: SyntaxNode | null = tree.rootNode.descendantForIndex(index, index + 1);
    while (node) {
      if (STRING_OR_COMMENT.has(node.type)) return true;
      node = node.parent;
    }
    return false;
  };
  const isBlank = (ch: string): boolean => ch === ' ' || ch === '\t';
  const isWordChar = (ch: string): boolean => /^[A-Za-z0-9_]$/.test(ch);
  const lower = text.chars.slice(regionStart, regionEnd).join('').toLowerCase();
  const indexesOf = (needle: string): number[] => {
    const out: number[] = [];
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) out.push(regionStart + at);
    return out;
  };
  const candidates: Edit[][] = [];
  const regionNode = tree.rootNode.descendantForIndex(regionStart, regionEnd) ?? tree.rootNode;
  const inRegion = (type: string): SyntaxNode[] =>
    regionNode.descendantsOfType(type, undefined, undefined).filter((node): node is SyntaxNode => node !== null);

  // `A, B` → `A ,B`
  const commaEdits: Edit[] = [];
  for (let i = regionStart; i < regionEnd; i++) {
    if (text.at(i) !== ',' || !isBlank(text.at(i + 1)) || isBlank(text.at(i - 1)) || inStringOrComment(i)) continue;
    let j = i + 1;
    while (isBlank(text.at(j))) j++;
    if (text.at(j) === '\n' || j >= regionEnd + 1) continue;
    commaEdits.push([i, ' '], [j - 1, ',']);
  }
  candidates.push(commaEdits);

  // `Name, @{…}` defeats the swap too: drop the comma (binding still sees it in the original text).
  const dropEdits: Edit[] = [];
  let lastComma = -1;
  for (let i = regionStart; i < regionEnd; i++) {
    if (text.at(i) !== ',' || !(isBlank(text.at(i + 1)) || isBlank(text.at(i - 1))) || inStringOrComment(i)) continue;
    dropEdits.push([i, ' ']);
    if (i < error.start) lastComma = i;
  }
  candidates.push(dropEdits);
  if (lastComma >= 0) candidates.push([[lastComma, ' ']]);

  // `param($a) body` → `param($a);body`
  for (const block of inRegion('param_block')) {
    if (block.endIndex < regionStart || block.startIndex > regionEnd) continue;
    if (isBlank(text.at(block.endIndex))) candidates.push([[block.endIndex, ';']]);
  }

  // `$PSScriptRoot\lib.ps1` → `_PSScriptRoot\lib.ps1`
  const pathEdits: Edit[] = [];
  for (const variable of inRegion('variable')) {
    if (variable.startIndex < regionStart || variable.startIndex > regionEnd) continue;
    const next = text.at(variable.endIndex);
    if ((next === '\\' || next === '/') && text.at(variable.startIndex) === '$' && text.at(variable.startIndex + 1) !== '{') {
      pathEdits.push([variable.startIndex, '_']);
    }
  }
  candidates.push(pathEdits);

  // `1GB` → `1gb`
  const multiplierEdits: Edit[] = [];
  for (const suffix of ['kb', 'mb', 'gb', 'tb', 'pb']) {
    for (const at of indexesOf(suffix)) {
      if (!/^[0-9]$/.test(text.at(at - 1)) || isWordChar(text.at(at + 2))) continue;
      if (text.at(at) !== suffix[0] || text.at(at + 1) !== suffix[1]) multiplierEdits.push([at, suffix[0] ?? 'k'], [at + 1, 'b']);
    }
  }
  candidates.push(multiplierEdits);

  // `continue outer` → `continue:outer`
  const labelEdits: Edit[] = [];
  for (const keyword of ['continue', 'break']) {
    for (const at of indexesOf(keyword)) {
      if (isWordChar(text.at(at - 1))) continue;
      let j = at + keyword.length;
      if (!isBlank(text.at(j))) continue;
      while (isBlank(text.at(j))) j++;
      if (/^[A-Za-z_]$/.test(text.at(j))) labelEdits.push([j - 1, ':']);
    }
  }
  candidates.push(labelEdits);

  // `ForEach-Object -Parallel {…}` / `% Name` → a plain command name
  const foreachEdits: Edit[] = [];
  for (const at of indexesOf('foreach-object')) foreachEdits.push([at + 7, '_']);
  for (let i = regionStart; i < regionEnd; i++) {
    if (text.at(i) !== '%') continue;
    let j = i - 1;
    while (j >= 0 && isBlank(text.at(j))) j--;
    if (text.at(j) === '|' && isBlank(text.at(i + 1))) foreachEdits.push([i, '_']);
  }
  candidates.push(foreachEdits);

  // `.ForEach(` → `.ForEac_(`
  candidates.push(indexesOf('.foreach(').map((at) => [at + 7, '_'] as const));

  // `??=` → ` +=`, `??` → `-f`
  const coalesceEdits: Edit[] = [];
  for (const at of indexesOf('??')) {
    if (inStringOrComment(at)) continue;
    if (text.at(at + 2) === '=') coalesceEdits.push([at, ' '], [at + 1, '+']);
    else coalesceEdits.push([at, '-'], [at + 1, 'f']);
  }
  candidates.push(coalesceEdits);

  // `Ctor([string]$a) : base($a) {` → `Ctor([string]$a)              {`
  const baseEdits: Edit[] = [];
  for (const at of indexesOf('base')) {
    let colon = at - 1;
    while (isBlank(text.at(colon))) colon--;
    if (text.at(colon) !== ':' || isWordChar(text.at(at + 4))) continue;
    let open = at + 4;
    while (isBlank(text.at(open))) open++;
    if (text.at(open) !== '(') continue;
    let depth = 0;
    let close = open;
    for (; close < text.chars.length; close++) {
      if (text.at(close) === '(') depth++;
      else if (text.at(close) === ')' && --depth === 0) break;
    }
    for (let i = colon; i <= close && i < text.chars.length; i++) if (text.at(i) !== '\n') baseEdits.push([i, ' ']);
  }
  candidates.push(baseEdits);

  // `switch ($x) { 'a' { 1 } 'b' { 2 } }` on one line → `{ 1 };'b'`
  const clauseEdits: Edit[] = [];
  for (let i = regionStart; i < regionEnd; i++) {
    if (text.at(i) !== '}' || !isBlank(text.at(i + 1)) || inStringOrComment(i)) continue;
    let j = i + 1;
    while (isBlank(text.at(j))) j++;
    const rest = lower.slice(j - regionStart);
    if (/^(?:[{}();|,.\n#-]|else|elseif|catch|finally|until|while)/.test(rest) || j >= regionEnd) continue;
    clauseEdits.push([i + 1, ';']);
  }
  candidates.push(clauseEdits);

  return candidates;
}

/** Top-level `using` statements (the grammar reads them as commands named `using`). */
function findUsings(tree: Tree, text: string): UsingStatement[] {
  const usings: UsingStatement[] = [];
  const visit = (node: SyntaxNode): void => {
    for (const child of kids(node)) {
      if (child.type === 'command') {
        const name = child.childForFieldName('command_name');
        if (name && text.slice(name.startIndex, name.endIndex).toLowerCase() === 'using') {
          const args = commandArgumentNodes(child);
          const first = args[0];
          const kind = first ? text.slice(first.startIndex, first.endIndex).toLowerCase() : '';
          if (kind === 'module' || kind === 'namespace' || kind === 'assembly') {
            usings.push({ kind, argument: args[1], start: child.startIndex, end: child.endIndex });
            continue;
          }
        }
        return;
      }
      if (['statement_list', 'pipeline', 'pipeline_chain', 'ERROR', 'empty_statement'].includes(child.type)) visit(child);
      else if (child.type !== 'comment' && child.isNamed) return;
    }
  };
  visit(tree.rootNode);
  return usings;
}

function commandArgumentNodes(command: SyntaxNode): SyntaxNode[] {
  const elements = command.childForFieldName('command_elements');
  return elements ? namedKids(elements).filter((node) => node.type !== 'command_argument_sep') : [];
}

// ---------------------------------------------------------------------------------------------------
// Literals

const WRAPPERS = new Set([
  'pipeline',
  'pipeline_chain',
  'logical_expression',
  'bitwise_expression',
  'comparison_expression',
  'additive_expression',
  'multiplicative_expression',
  'format_expression',
  'range_expression',
  'array_literal_expression',
  'unary_expression',
  'argument_expression',
  'logical_argument_expression',
  'bitwise_argument_expression',
  'comparison_argument_expression',
  'additive_argument_expression',
  'multiplicative_argument_expression',
  'format_argument_expression',
  'range_argument_expression',
  'left_assignment_expression',
  'key_expression',
  'statement_list',
  'script_parameter_default',
  'command_name_expr',
  'string_literal',
  'integer_literal',
  'redirected_file_name',
  'switch_clause_condition',
  'member_name',
]);

/** Descends through nodes that only wrap one child (expression precedence levels, pipelines). */
function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (;;) {
    const children = kids(current).filter((child) => child.type !== 'comment');
    const only = children[0];
    if (!WRAPPERS.has(current.type) || children.length !== 1 || !only || !only.isNamed) return current;
    current = only;
  }
}

const BACKTICK_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function decodeBackticks(body: string, doubledQuotes: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch === '`' && i + 1 < body.length) {
      const next = body[i + 1] ?? '';
      if (next === 'u' && body[i + 2] === '{') {
        const close = body.indexOf('}', i + 3);
        const code = close > 0 ? Number.parseInt(body.slice(i + 3, close), 16) : Number.NaN;
        if (Number.isFinite(code) && code <= 0x10ffff) {
          out += String.fromCodePoint(code);
          i = close;
          continue;
        }
      }
      out += BACKTICK_ESCAPES[next] ?? next;
      i++;
    } else if (doubledQuotes && (ch === '"' || ch === '\u201c' || ch === '\u201d') && body[i + 1] === ch) {
      out += ch;
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

/** The body of a here-string: between the line break after `@"`/`@'` and the one before `"@`/`'@`. */
function hereStringBody(raw: string): string {
  const firstBreak = raw.indexOf('\n');
  let body = firstBreak >= 0 ? raw.slice(firstBreak + 1, raw.length - 2) : raw.slice(2, -2);
  if (body.endsWith('\n')) body = body.slice(0, -1);
  if (body.endsWith('\r')) body = body.slice(0, -1);
  return body.replace(/\r\n/g, '\n');
}

/** The value of a string literal node (`string_literal` or one of its token children); interpolations stay as written. */
function stringValue(node: SyntaxNode, text: string): string {
  const inner = node.type === 'string_literal' ? (namedKids(node)[0] ?? node) : node;
  const raw = text.slice(inner.startIndex, inner.endIndex);
  switch (inner.type) {
    case 'verbatim_string_characters':
      return raw.slice(1, -1).replace(/''/g, "'").replace(/\u2018\u2018|\u2019\u2019/g, (pair) => pair[0] ?? '');
    case 'verbatim_here_string_characters':
      return hereStringBody(raw);
    case 'expandable_here_string_literal':
      return decodeBackticks(hereStringBody(raw), false);
    default:
      return decodeBackticks(raw.slice(1, -1), true);
  }
}

/** Where the characters of a simple quoted string sit, without its quotes. */
function stringContentRange(node: SyntaxNode): [number, number] {
  const inner = node.type === 'string_literal' ? (namedKids(node)[0] ?? node) : node;
  if (inner.type === 'verbatim_string_characters' || inner.type === 'expandable_string_literal') {
    return [inner.startIndex + 1, Math.max(inner.startIndex + 1, inner.endIndex - 1)];
  }
  return [inner.startIndex, inner.endIndex];
}

const MULTIPLIERS: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };

function numberValue(raw: string): number | undefined {
  let body = raw.toLowerCase();
  let factor = 1;
  const suffix = body.slice(-2);
  if (MULTIPLIERS[suffix] && body.length > 2) {
    factor = MULTIPLIERS[suffix] ?? 1;
    body = body.slice(0, -2);
  }
  if (body.startsWith('0x')) {
    const value = Number.parseInt(body.replace(/l$/, '').slice(2), 16);
    return Number.isFinite(value) ? value * factor : undefined;
  }
  const value = Number(body.replace(/[ld]$/, ''));
  return Number.isFinite(value) ? value * factor : undefined;
}

interface Literal {
  value: LiteralValue;
}

/** The literal value of an expression or argument node, if it is one. */
function literalOf(node: SyntaxNode, text: string): Literal | undefined {
  const target = unwrap(node);
  const raw = text.slice(target.startIndex, target.endIndex);
  switch (target.type) {
    case 'verbatim_string_characters':
    case 'verbatim_here_string_characters':
    case 'expandable_string_literal':
    case 'expandable_here_string_literal':
      return { value: normalizeBreaks(stringValue(target, text)) };
    case 'decimal_integer_literal':
    case 'hexadecimal_integer_literal':
    case 'real_literal': {
      const value = numberValue(raw);
      return value === undefined ? undefined : { value };
    }
    case 'variable': {
      const name = raw.toLowerCase();
      if (name === '$true') return { value: true };
      if (name === '$false') return { value: false };
      if (name === '$null') return { value: null };
      return undefined;
    }
    case 'generic_token':
      return { value: raw.replace(/^[,\s]+/, '') };
    case 'expression_with_unary_operator': {
      const [operator, operand] = kids(target);
      if (operator?.type === '-' && operand) {
        const inner = literalOf(operand, text);
        if (inner && typeof inner.value === 'number') return { value: -inner.value };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// Command arguments

/** One argument of a command after binding parameters to values. */
interface BoundArgument {
  /** Parameter name as written, without dashes; absent for positional values. */
  name?: string;
  paramNode?: SyntaxNode;
  /** The value nodes (several for `A, B`), empty for a switch. */
  values: SyntaxNode[];
  start: number;
  end: number;
}

// Switch parameters common enough to bind nothing after them (without the metadata of every cmdlet,
// `-Force Name` is otherwise read as `-Force:Name`).
const COMMON_SWITCHES = new Set(
  [
    'Force', 'Recurse', 'PassThru', 'Verbose', 'Debug', 'WhatIf', 'Confirm', 'Wait', 'AsJob', 'NoNewWindow',
    'UseBasicParsing', 'Global', 'NoClobber', 'AllowClobber', 'SkipPublisherCheck', 'AsPlainText', 'Append',
    'NoTypeInformation', 'Raw', 'Compress', 'AutoSize', 'Unique', 'Descending', 'Quiet', 'NoWelcome', 'Identity',
    'TrustRepository', 'AllowPrerelease', 'Prerelease', 'SkipEditionCheck', 'DisableNameChecking', 'AcceptLicense',
    'Exactly', 'BeTrue', 'BeFalse', 'BeNullOrEmpty', 'Not', 'File', 'Directory', 'Hidden', 'NoProfile',
    'NoLogo', 'NonInteractive', 'AsHashtable', 'AsSecureString', 'Wrap', 'NoElement', 'ExpandProperty_',
    'AsCustomObject', 'UseWindowsPowerShell', 'Reinstall', 'SkipDependencyCheck', 'AuthenticodeCheck',
    'IncludeXml', 'AsNupkg', 'Scope_', 'Default', 'SkipCertificateCheck', 'DisableKeepAlive', 'Resume',
    'AllowUnencryptedAuthentication', 'NoNewline', 'CaseSensitive', 'SimpleMatch', 'List', 'AllMatches',
  ].map((name) => name.toLowerCase()),
);

function bindArguments(command: SyntaxNode, text: string, parseText: string, isSwitch: (name: string) => boolean): BoundArgument[] {
  const elements = command.childForFieldName('command_elements');
  if (!elements) return [];
  interface Element {
    node: SyntaxNode;
    isParam: boolean;
    explicit?: boolean;
    values: SyntaxNode[];
    start: number;
    end: number;
  }
  const list: Element[] = [];
  for (const child of namedKids(elements)) {
    if (child.type === 'command_argument_sep') {
      const last = list[list.length - 1];
      if (text.slice(child.startIndex, child.endIndex) === ':' && last?.isParam) last.explicit = true;
      continue;
    }
    if (child.type === 'redirection' || child.type === 'comment') continue;
    if (child.type === 'command_parameter') {
      list.push({ node: child, isParam: true, values: [], start: child.startIndex, end: child.endIndex });
      continue;
    }
    const last = list[list.length - 1];
    if ((parseText[child.startIndex] === ',' || precededByComma(child.startIndex, text)) && last && !last.isParam) {
      // `A, B`: a continuation of the previous value (the grammar splits comma lists).
      last.values.push(child);
      last.end = child.endIndex;
      continue;
    }
    list.push({ node: child, isParam: false, values: [child], start: child.startIndex, end: child.endIndex });
  }

  const bound: BoundArgument[] = [];
  for (let i = 0; i < list.length; i++) {
    const element = list[i];
    if (!element) continue;
    if (!element.isParam) {
      bound.push({ values: element.values, start: element.start, end: element.end });
      continue;
    }
    const name = text.slice(element.node.startIndex, element.node.endIndex).replace(/^-+/, '').replace(/:$/, '');
    const next = list[i + 1];
    if (next && !next.isParam && (element.explicit || !isSwitch(name))) {
      bound.push({ name, paramNode: element.node, values: next.values, start: next.start, end: next.end });
      i++;
    } else {
      bound.push({ name, paramNode: element.node, values: [], start: element.start, end: element.end });
    }
  }
  return bound;
}

/** Whether the nearest non-blank character before an index is a comma (`A, B` lists). */
function precededByComma(index: number, text: string): boolean {
  let i = index - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === ',';
}

/** A value node without the leading `,` the grammar attaches to continuations. */
function valueCore(node: SyntaxNode, parseText: string): SyntaxNode {
  let current = node;
  for (;;) {
    if (parseText[current.startIndex] !== ',') return current;
    if (current.type === 'expression_with_unary_operator') {
      const operand = namedKids(current)[0];
      if (!operand) return current;
      current = operand;
    } else if (current.type === 'generic_token') {
      return current;
    } else {
      const only = namedKids(current);
      if (only.length !== 1 || !only[0]) return current;
      current = only[0];
    }
  }
}

/** The start of a value's own text (after the `, ` the grammar glues onto continuations). */
function valueStart(node: SyntaxNode, text: string): number {
  let start = node.startIndex;
  while (start < node.endIndex && /[,\s]/.test(text[start] ?? '')) start++;
  return start;
}

// ---------------------------------------------------------------------------------------------------
// Module commands

type VersionRole = 'min' | 'max' | 'required' | 'range';

interface ModuleCommandSpec {
  kind: ImportKind;
  parameters: readonly string[];
  switches: readonly string[];
  versions: Readonly<Record<string, VersionRole>>;
}

const IMPORT_MODULE: ModuleCommandSpec = {
  kind: 'import-module',
  parameters: [
    'Name', 'FullyQualifiedName', 'Assembly', 'ModuleInfo', 'PSSession', 'CimSession', 'CimResourceUri', 'CimNamespace',
    'Global', 'Prefix', 'Function', 'Cmdlet', 'Variable', 'Alias', 'Force', 'SkipEditionCheck', 'PassThru',
    'AsCustomObject', 'MinimumVersion', 'Version', 'MaximumVersion', 'RequiredVersion', 'ArgumentList', 'Args',
    'DisableNameChecking', 'NoClobber', 'Scope', 'UseWindowsPowerShell',
  ],
  switches: ['Global', 'Force', 'SkipEditionCheck', 'PassThru', 'AsCustomObject', 'DisableNameChecking', 'NoClobber', 'UseWindowsPowerShell'],
  versions: { minimumversion: 'min', version: 'min', maximumversion: 'max', requiredversion: 'required' },
};

const POWERSHELLGET_INSTALL: ModuleCommandSpec = {
  kind: 'install',
  parameters: [
    'Name', 'InputObject', 'MinimumVersion', 'MaximumVersion', 'RequiredVersion', 'Repository', 'Credential', 'Scope',
    'Proxy', 'ProxyCredential', 'AllowClobber', 'SkipPublisherCheck', 'Force', 'AllowPrerelease', 'AcceptLicense',
    'PassThru', 'Path', 'LiteralPath',
  ],
  switches: ['AllowClobber', 'SkipPublisherCheck', 'Force', 'AllowPrerelease', 'AcceptLicense', 'PassThru'],
  versions: { minimumversion: 'min', maximumversion: 'max', requiredversion: 'required' },
};

const PSRESOURCEGET_INSTALL: ModuleCommandSpec = {
  kind: 'install',
  parameters: [
    'Name', 'Version', 'Prerelease', 'Repository', 'Credential', 'Scope', 'TemporaryPath', 'TrustRepository',
    'Reinstall', 'Quiet', 'AcceptLicense', 'NoClobber', 'SkipDependencyCheck', 'AuthenticodeCheck', 'PassThru',
    'InputObject', 'RequiredResource', 'RequiredResourceFile', 'Path', 'IncludeXml', 'AsNupkg', 'Force',
  ],
  switches: [
    'Prerelease', 'TrustRepository', 'Reinstall', 'Quiet', 'AcceptLicense', 'NoClobber', 'SkipDependencyCheck',
    'AuthenticodeCheck', 'PassThru', 'IncludeXml', 'AsNupkg', 'Force',
  ],
  versions: { version: 'range' },
};

const MODULE_COMMANDS: Readonly<Record<string, ModuleCommandSpec>> = {
  'import-module': IMPORT_MODULE,
  'install-module': POWERSHELLGET_INSTALL,
  'save-module': POWERSHELLGET_INSTALL,
  'update-module': POWERSHELLGET_INSTALL,
  'install-psresource': PSRESOURCEGET_INSTALL,
  'save-psresource': PSRESOURCEGET_INSTALL,
  'update-psresource': PSRESOURCEGET_INSTALL,
};

/** Resolves a parameter as written (`-Min`, `-requiredversion`) against a cmdlet's parameters, PowerShell-style. */
function matchParameter(written: string, parameters: readonly string[]): string | undefined {
  const lower = written.toLowerCase();
  const exact = parameters.find((parameter) => parameter.toLowerCase() === lower);
  if (exact) return exact;
  const prefixed = parameters.filter((parameter) => parameter.toLowerCase().startsWith(lower));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** A module name or version value found in source, with the range of its characters. */
interface SourceValue {
  value: string;
  start: number;
  end: number;
}

/** One module reference before it becomes an ImportRef. */
interface ModuleItem {
  name: SourceValue;
  versions: { role: VersionRole; value: SourceValue }[];
}

/** Reads a scalar (string, bare word, number) with the range of its characters. */
function scalarOf(node: SyntaxNode, text: string, parseText: string): SourceValue | undefined {
  const target = unwrap(valueCore(node, parseText));
  switch (target.type) {
    case 'verbatim_string_characters':
    case 'expandable_string_literal': {
      if (target.type === 'expandable_string_literal' && namedKids(target).length > 0) return undefined;
      const [start, end] = stringContentRange(target);
      return { value: stringValue(target, text), start, end };
    }
    case 'generic_token':
    case 'decimal_integer_literal':
    case 'real_literal':
    case 'simple_name':
    case 'command_name':
    case 'path_command_name_token': {
      const start = valueStart(target, text);
      return { value: text.slice(start, target.endIndex), start, end: target.endIndex };
    }
    default:
      return undefined;
  }
}

/** Hashtable entries (`@{ Key = value; … }`) keyed by lower-case key. */
function hashEntries(hash: SyntaxNode, text: string, parseText: string): Map<string, SyntaxNode> {
  const entries = new Map<string, SyntaxNode>();
  const body = namedKids(hash).find((child) => child.type === 'hash_literal_body');
  for (const entry of body ? namedKids(body) : []) {
    if (entry.type !== 'hash_entry') continue;
    const parts = namedKids(entry).filter((child) => child.type !== 'comment');
    const [keyNode, valueNode] = parts;
    if (!keyNode || !valueNode) continue;
    const key = scalarOf(keyNode, text, parseText)?.value ?? text.slice(keyNode.startIndex, keyNode.endIndex);
    entries.set(key.toLowerCase(), valueNode);
  }
  return entries;
}

const HASH_VERSION_KEYS: Readonly<Record<string, VersionRole>> = {
  moduleversion: 'min',
  requiredversion: 'required',
  maximumversion: 'max',
};

const CONTAINERS = new Set([
  ...WRAPPERS,
  'array_expression',
  'parenthesized_expression',
  'expression_with_unary_operator',
  'statement_list',
]);

/** Module names (strings, bare words, `@{ModuleName=…}` hashtables, arrays of them) in a value node. */
function moduleItems(node: SyntaxNode, text: string, parseText: string): ModuleItem[] {
  const core = valueCore(node, parseText);
  const target = unwrap(core);
  if (target.type === 'hash_literal_expression') {
    const entries = hashEntries(target, text, parseText);
    const nameNode = entries.get('modulename');
    const name = nameNode ? scalarOf(nameNode, text, parseText) : undefined;
    if (!name) return [];
    const versions: ModuleItem['versions'] = [];
    for (const [key, role] of Object.entries(HASH_VERSION_KEYS)) {
      const versionNode = entries.get(key);
      const value = versionNode ? scalarOf(versionNode, text, parseText) : undefined;
      if (value) versions.push({ role, value });
    }
    return [{ name, versions }];
  }
  const scalar = scalarOf(target, text, parseText);
  if (scalar) return scalar.value ? [{ name: scalar, versions: [] }] : [];
  if (!CONTAINERS.has(target.type) || target.type === 'command') return [];
  if (target.type === 'expression_with_unary_operator' && kids(target)[0]?.type !== ',') return [];
  return namedKids(target).flatMap((child) => (child.type === 'comment' ? [] : moduleItems(child, text, parseText)));
}

/** Turns a NuGet version range (`[2.0, 3.0)`, `1.2.3`, `[1.0]`) into a semver-style range. */
function nugetRange(raw: string): string {
  const value = raw.trim();
  const match = /^([[(])\s*([^,\])]*?)\s*(?:,\s*([^\])]*?)\s*)?([\])])$/.exec(value);
  if (!match) return value.includes('*') ? value.replace(/\*/g, 'x') : `=${value}`;
  const [, open, low, high, close] = match;
  const hasComma = value.includes(',');
  if (!hasComma) return `=${low ?? ''}`;
  const parts: string[] = [];
  if (low) parts.push(`${open === '[' ? '>=' : '>'}${low}`);
  if (high) parts.push(`${close === ']' ? '<=' : '<'}${high}`);
  return parts.join(' ');
}

function constraintText(versions: ModuleItem['versions']): string {
  const order: VersionRole[] = ['required', 'range', 'min', 'max'];
  const sorted = [...versions].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  return sorted
    .map(({ role, value }) => {
      switch (role) {
        case 'required':
          return `=${value.value}`;
        case 'min':
          return `>=${value.value}`;
        case 'max':
          return `<=${value.value}`;
        default:
          return nugetRange(value.value);
      }
    })
    .join(' ');
}

// ---------------------------------------------------------------------------------------------------
// #Requires

interface RequiresToken {
  kind: 'param' | 'word' | 'string' | 'punct';
  value: string;
  start: number;
  end: number;
}

/** Tokenizes the text of one `#Requires` comment (offsets are indices into the source). */
function tokenizeRequires(comment: string, base: number): RequiresToken[] {
  const tokens: RequiresToken[] = [];
  let i = '#requires'.length;
  while (i < comment.length) {
    const ch = comment[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '@' && comment[i + 1] === '{') {
      tokens.push({ kind: 'punct', value: '@{', start: base + i, end: base + i + 2 });
      i += 2;
    } else if (',;={}()'.includes(ch)) {
      tokens.push({ kind: 'punct', value: ch, start: base + i, end: base + i + 1 });
      i++;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      let value = '';
      while (j < comment.length) {
        const c = comment[j] ?? '';
        if (c === ch && comment[j + 1] === ch) {
          value += ch;
          j += 2;
        } else if (c === ch) {
          break;
        } else {
          value += c;
          j++;
        }
      }
      tokens.push({ kind: 'string', value, start: base + i + 1, end: base + j });
      i = j + 1;
    } else {
      let j = i;
      while (j < comment.length && !/[\s,;={}()'"]/.test(comment[j] ?? '')) j++;
      const word = comment.slice(i, j);
      tokens.push({ kind: /^-[A-Za-z]/.test(word) ? 'param' : 'word', value: word, start: base + i, end: base + j });
      i = j;
    }
  }
  return tokens;
}

/** Module references in a `#Requires -Modules …` comment. */
function requiresModules(comment: string, base: number): ModuleItem[] {
  const tokens = tokenizeRequires(comment, base);
  const items: ModuleItem[] = [];
  let i = 0;
  const value = (token: RequiresToken | undefined): SourceValue | undefined =>
    token && (token.kind === 'word' || token.kind === 'string') ? { value: token.value, start: token.start, end: token.end } : undefined;
  while (i < tokens.length) {
    const token = tokens[i];
    i++;
    if (!token || token.kind !== 'param' || !/^-modules?$/i.test(token.value)) continue;
    while (i < tokens.length && tokens[i]?.kind !== 'param') {
      const current = tokens[i];
      if (current?.kind === 'punct' && current.value === '@{') {
        i++;
        let name: SourceValue | undefined;
        const versions: ModuleItem['versions'] = [];
        while (i < tokens.length && !(tokens[i]?.kind === 'punct' && tokens[i]?.value === '}')) {
          const key = tokens[i];
          if (key && (key.kind === 'word' || key.kind === 'string') && tokens[i + 1]?.value === '=') {
            const entry = value(tokens[i + 2]);
            const lowerKey = key.value.toLowerCase();
            if (entry && lowerKey === 'modulename') name = entry;
            const role = HASH_VERSION_KEYS[lowerKey];
            if (entry && role) versions.push({ role, value: entry });
            i += 3;
          } else {
            i++;
          }
        }
        i++;
        if (name) items.push({ name, versions });
      } else {
        const name = value(current);
        if (name) items.push({ name, versions: [] });
        i++;
      }
    }
  }
  return items;
}

// ---------------------------------------------------------------------------------------------------
// The walk

const SCOPE_PREFIX = /^(?:global|script|local|private):/i;

const FUNCTION_KEYWORDS: Readonly<Record<string, FunctionKind>> = { function: 'function', filter: 'filter', workflow: 'workflow' };

class Extractor {
  readonly model: ScriptModel;
  private readonly lines: LineIndex;
  private readonly scopes: { name: string; isFunction: boolean }[] = [];
  private readonly variableTypes = new Map<string, string>();

  constructor(
    private readonly text: string,
    private readonly parseText: string,
    private readonly isManifest: boolean,
  ) {
    this.lines = new LineIndex(text);
    this.model = emptyModel('powershell', this.lines.lineCount);
  }

  private slice(node: SyntaxNode): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  private span(start: number, end: number): Span {
    return this.lines.span(start, end);
  }

  private nodeSpan(node: SyntaxNode): Span {
    return this.span(node.startIndex, node.endIndex);
  }

  private get insideFunction(): boolean {
    return this.scopes.some((scope) => scope.isFunction);
  }

  visit(node: SyntaxNode): void {
    switch (node.type) {
      case 'comment':
        this.comment(node);
        return;
      case 'function_statement':
        this.functionStatement(node);
        return;
      case 'class_statement':
        this.classStatement(node);
        return;
      case 'class_method_definition':
        this.classMethod(node);
        return;
      case 'command':
        this.command(node);
        break;
      case 'foreach_command':
        this.foreachCommand(node);
        break;
      case 'invokation_expression':
        this.invocation(node);
        break;
      case 'string_literal':
        this.string(node);
        break;
      case 'assignment_expression':
        this.visitChildren(node);
        this.assignment(node);
        return;
      case 'hash_literal_expression':
        if (this.isManifest && this.scopes.length === 0 && this.isTopLevel(node)) this.manifest(node);
        break;
      default:
        break;
    }
    this.visitChildren(node);
  }

  private visitChildren(node: SyntaxNode): void {
    for (const child of kids(node)) this.visit(child);
  }

  /** Module references of leading `using` statements (kept from the first parse). */
  usings(usings: readonly UsingStatement[]): void {
    for (const using of usings) {
      if (using.kind !== 'module' || !using.argument) continue;
      for (const item of moduleItems(using.argument, this.text, this.parseText)) this.addImport(item, 'using-module', false);
      for (const node of using.argument.descendantsOfType('string_literal', undefined, undefined)) if (node) this.string(node);
    }
  }

  // -- comments and #Requires

  private comment(node: SyntaxNode): void {
    let raw = this.slice(node);
    let end = node.endIndex;
    while (raw.endsWith('\r') || raw.endsWith(' ') || raw.endsWith('\t')) {
      raw = raw.slice(0, -1);
      end--;
    }
    const isBlock = raw.startsWith('<#');
    const body = isBlock ? raw.slice(2, raw.endsWith('#>') ? -2 : undefined) : raw.slice(1);
    const lineStart = this.lines.lineStart(this.lines.lineOf(node.startIndex));
    const isOwnLine = this.text.slice(lineStart, node.startIndex).trim() === '';
    this.model.comments.push({ text: normalizeBreaks(body).trim(), span: this.span(node.startIndex, end), isOwnLine });
    // PowerShell honours `#Requires` only as the first thing on its line.
    if (!isBlock && isOwnLine && /^#requires(\s|$)/i.test(raw)) {
      for (const item of requiresModules(raw, node.startIndex)) this.addImport(item, 'requires', false);
    }
  }

  // -- functions and classes

  private functionStatement(node: SyntaxNode): void {
    const keyword = kids(node)[0];
    const nameNode = kids(node).find((child) => child.type === 'function_name');
    if (!keyword || !nameNode) {
      this.visitChildren(node);
      return;
    }
    const kind = FUNCTION_KEYWORDS[this.slice(keyword).toLowerCase()] ?? 'function';
    const written = this.slice(nameNode);
    const scope = SCOPE_PREFIX.exec(written);
    const nameStart = nameNode.startIndex + (scope ? scope[0].length : 0);
    const name = this.text.slice(nameStart, nameNode.endIndex);
    this.addFunction(name, kind, node, nameStart, nameNode.endIndex);
    this.scopes.push({ name, isFunction: true });
    this.visitChildren(node);
    this.scopes.pop();
  }

  private classStatement(node: SyntaxNode): void {
    const nameNode = namedKids(node).find((child) => child.type === 'simple_name');
    this.scopes.push({ name: nameNode ? this.slice(nameNode) : '<class>', isFunction: false });
    this.visitChildren(node);
    this.scopes.pop();
  }

  private classMethod(node: SyntaxNode): void {
    const nameNode = namedKids(node).find((child) => child.type === 'simple_name');
    if (nameNode) {
      const name = this.slice(nameNode);
      this.addFunction(name, 'method', node, nameNode.startIndex, nameNode.endIndex);
      this.scopes.push({ name, isFunction: true });
      this.visitChildren(node);
      this.scopes.pop();
      return;
    }
    this.visitChildren(node);
  }

  private addFunction(name: string, kind: FunctionKind, node: SyntaxNode, nameStart: number, nameEnd: number): void {
    const enclosingClass = this.scopes.length > 0 && !this.scopes[this.scopes.length - 1]?.isFunction ? this.scopes[this.scopes.length - 1]?.name : undefined;
    const definition: FunctionDef = {
      name,
      qualifiedName: [...this.scopes.map((scope) => scope.name), name].join('.'),
      kind,
      span: this.nodeSpan(node),
      nameSpan: this.span(nameStart, nameEnd),
      isNested: this.insideFunction,
    };
    if (kind === 'method' && enclosingClass) definition.className = enclosingClass;
    this.model.functions.push(definition);
  }

  // -- commands

  private command(node: SyntaxNode): void {
    const nameNode = node.childForFieldName('command_name');
    if (!nameNode || nameNode.startIndex === nameNode.endIndex) return;
    const hasOperator = kids(node)[0]?.type === 'command_invokation_operator';
    const written = this.slice(nameNode);
    let callee = written;
    const target = unwrap(nameNode);
    if (hasOperator && (target.type.endsWith('string_characters') || target.type.endsWith('string_literal'))) {
      callee = stringValue(target, this.text);
    }
    if (!hasOperator || callee !== written) callee = resolveCommandName(callee);

    const spec = MODULE_COMMANDS[callee.toLowerCase()];
    const switches = new Set([...COMMON_SWITCHES, ...(spec?.switches ?? []).map((name) => name.toLowerCase())]);
    const bound = bindArguments(node, this.text, this.parseText, (name) => {
      const canonical = spec ? matchParameter(name, spec.parameters) : undefined;
      return switches.has((canonical ?? name).toLowerCase());
    });

    this.model.calls.push({
      callee,
      written,
      span: this.nodeSpan(node),
      calleeSpan: this.nodeSpan(nameNode),
      arguments: bound.map((argument) => this.callArgument(argument)),
    });

    if (spec) this.moduleCommand(spec, bound);
    if (callee === 'New-Object') this.newObject(node, bound);
  }

  /** A switch gives its own token and `true`; a value its text (and literal), for `A, B` the whole list. */
  private callArgument(argument: BoundArgument): CallArgument {
    const first = argument.values[0];
    let result: CallArgument;
    if (!first && argument.paramNode) {
      result = { text: this.slice(argument.paramNode), span: this.nodeSpan(argument.paramNode), value: true };
    } else {
      const start = first ? valueStart(first, this.text) : argument.start;
      result = { text: this.text.slice(start, argument.end), span: this.span(start, argument.end) };
      const literal = first && argument.values.length === 1 ? literalOf(valueCore(first, this.parseText), this.text) : undefined;
      if (literal) result.value = literal.value;
    }
    if (argument.name !== undefined) result.name = argument.name;
    return result;
  }

  private foreachCommand(node: SyntaxNode): void {
    const keyword = kids(node)[0];
    if (!keyword) return;
    const blocks = namedKids(node).filter((child) => child.type === 'script_block_expression');
    this.model.calls.push({
      callee: 'ForEach-Object',
      written: this.slice(keyword),
      span: this.nodeSpan(node),
      calleeSpan: this.nodeSpan(keyword),
      arguments: blocks.map((block) => ({ text: this.slice(block), span: this.nodeSpan(block) })),
    });
  }

  private moduleCommand(spec: ModuleCommandSpec, bound: readonly BoundArgument[]): void {
    const versions: ModuleItem['versions'] = [];
    const names: ModuleItem[] = [];
    for (const argument of bound) {
      const parameter = argument.name === undefined ? 'Name' : matchParameter(argument.name, spec.parameters);
      if (!parameter || argument.values.length === 0) continue;
      const role = spec.versions[parameter.toLowerCase()];
      if (role) {
        const first = argument.values[0];
        const value = first ? scalarOf(first, this.text, this.parseText) : undefined;
        if (value) versions.push({ role, value });
      } else if (parameter === 'Name' || parameter === 'FullyQualifiedName') {
        // Only the first positional value is -Name; later positional values bind elsewhere.
        if (argument.name === undefined && names.length > 0) continue;
        for (const value of argument.values) names.push(...moduleItems(value, this.text, this.parseText));
      }
    }
    for (const item of names) this.addImport({ name: item.name, versions: item.versions.length > 0 ? item.versions : versions }, spec.kind, this.insideFunction);
  }

  private addImport(item: ModuleItem, kind: ImportKind, isNested: boolean): void {
    const ref: ImportRef = {
      module: item.name.value,
      kind,
      span: this.span(item.name.start, item.name.end),
      level: 0,
      names: [],
    };
    if (item.versions.length > 0) {
      const start = Math.min(...item.versions.map((version) => version.value.start));
      const end = Math.max(...item.versions.map((version) => version.value.end));
      ref.version = { text: constraintText(item.versions), span: this.span(start, end) };
    }
    if (isNested) ref.isNested = true;
    this.model.imports.push(ref);
  }

  // -- .NET

  /** `New-Object Net.WebClient` also records the constructor call `System.Net.WebClient.new`. */
  private newObject(node: SyntaxNode, bound: readonly BoundArgument[]): void {
    const type = this.newObjectType(bound);
    if (!type) return;
    const argumentList = bound.find((argument) => argument.name !== undefined && matchParameter(argument.name, ['TypeName', 'ComObject', 'ArgumentList', 'Property', 'Strict']) === 'ArgumentList');
    const call: CallSite = {
      callee: `${type.name}.new`,
      written: this.text.slice(node.startIndex, type.node.endIndex),
      span: this.nodeSpan(node),
      calleeSpan: this.span(node.startIndex, type.node.endIndex),
      arguments: argumentList
        ? argumentList.values.flatMap((value) => arrayElements(valueCore(value, this.parseText))).map((value) => this.expressionArgument(value))
        : [],
    };
    this.model.calls.push(call);
  }

  private newObjectType(bound: readonly BoundArgument[]): { name: string; node: SyntaxNode } | undefined {
    for (const argument of bound) {
      const parameter = argument.name === undefined ? 'TypeName' : matchParameter(argument.name, ['TypeName', 'ComObject', 'ArgumentList', 'Property', 'Strict']);
      const first = argument.values[0];
      if (!first || (parameter !== 'TypeName' && parameter !== 'ComObject')) continue;
      const value = scalarOf(first, this.text, this.parseText);
      if (!value) return undefined;
      return { name: parameter === 'ComObject' ? value.value : normalizeDotNetTypeName(value.value), node: unwrap(valueCore(first, this.parseText)) };
    }
    return undefined;
  }

  /** The .NET type an expression evaluates to, when the script makes it obvious. */
  private typeOf(node: SyntaxNode): string | undefined {
    const target = unwrap(node);
    switch (target.type) {
      case 'parenthesized_expression': {
        const inner = namedKids(target)[0];
        return inner ? this.typeOf(inner) : undefined;
      }
      case 'command': {
        const nameNode = target.childForFieldName('command_name');
        if (!nameNode || resolveCommandName(this.slice(nameNode)) !== 'New-Object') return undefined;
        return this.newObjectType(bindArguments(target, this.text, this.parseText, (name) => COMMON_SWITCHES.has(name.toLowerCase())))?.name;
      }
      case 'invokation_expression': {
        const [receiver, operator, member] = kids(target);
        if (receiver?.type === 'type_literal' && operator?.type === '::' && member && this.slice(member).toLowerCase() === 'new') {
          return normalizeDotNetTypeName(this.slice(receiver));
        }
        return undefined;
      }
      case 'variable':
        return this.variableTypes.get(variableKey(this.slice(target)));
      default:
        return undefined;
    }
  }

  private assignment(node: SyntaxNode): void {
    const [left, , right] = namedKids(node);
    if (!left || !right) return;
    const variable = unwrap(left);
    if (variable.type !== 'variable') return;
    const type = this.typeOf(right);
    const key = variableKey(this.slice(variable));
    if (type) this.variableTypes.set(key, type);
    else this.variableTypes.delete(key);
  }

  private invocation(node: SyntaxNode): void {
    const parts = kids(node);
    const [receiver, operator, member] = parts;
    const argumentList = parts.find((child) => child.type === 'argument_list');
    if (!receiver || !operator || !member || !argumentList || member.type !== 'member_name') return;
    const memberName = this.slice(member);
    let type: string | undefined;
    if (operator.type === '::' && receiver.type === 'type_literal') type = normalizeDotNetTypeName(this.slice(receiver));
    else if (operator.type !== '::') type = this.typeOf(receiver);
    const written = this.text.slice(receiver.startIndex, member.endIndex);
    const expressions = argumentList.descendantsOfType('argument_expression', undefined, undefined).filter(
      (child): child is SyntaxNode => child !== null && child.parent?.parent?.id === argumentList.id,
    );
    this.model.calls.push({
      callee: type ? `${type}.${memberName}` : this.compact(node, receiver.startIndex, member.endIndex),
      written,
      span: this.nodeSpan(node),
      calleeSpan: this.span(receiver.startIndex, member.endIndex),
      arguments: expressions.map((expression) => this.expressionArgument(expression)),
    });
  }

  /** Source text with the argument lists of chained calls shortened to `()`: `$a.B('x').C` → `$a.B().C`. */
  private compact(root: SyntaxNode, start: number, end: number): string {
    let out = '';
    let at = start;
    const lists = root.descendantsOfType('argument_list', undefined, undefined)
      .filter((list): list is SyntaxNode => list !== null && list.startIndex >= start && list.endIndex <= end)
      .sort((a, b) => a.startIndex - b.startIndex);
    for (const list of lists) {
      if (list.startIndex < at) continue;
      out += `${this.text.slice(at, list.startIndex)}()`;
      at = list.endIndex;
    }
    return out + this.text.slice(at, end);
  }

  private expressionArgument(node: SyntaxNode): CallArgument {
    const start = valueStart(node, this.text);
    const argument: CallArgument = { text: this.text.slice(start, node.endIndex), span: this.span(start, node.endIndex) };
    const literal = literalOf(node, this.text);
    if (literal) argument.value = literal.value;
    return argument;
  }

  // -- strings and manifests

  private string(node: SyntaxNode): void {
    this.model.strings.push({ value: normalizeBreaks(stringValue(node, this.text)), span: this.nodeSpan(node) });
  }

  private isTopLevel(node: SyntaxNode): boolean {
    for (let parent = node.parent; parent; parent = parent.parent) {
      if (parent.type === 'program') return true;
      if (!WRAPPERS.has(parent.type) && parent.type !== 'ERROR') return false;
    }
    return false;
  }

  private manifest(hash: SyntaxNode): void {
    const entries = hashEntries(hash, this.text, this.parseText);
    for (const key of ['requiredmodules', 'nestedmodules']) {
      const value = entries.get(key);
      if (!value) continue;
      for (const item of moduleItems(value, this.text, this.parseText)) this.addImport(item, 'manifest', false);
    }
  }

  // -- syntax errors

  syntaxErrors(errors: readonly ErrorSite[]): void {
    const problems: SyntaxProblem[] = errors.map((error) => {
      if (error.node.type === 'command_name') return { message: 'missing command', span: this.span(error.start, error.start) };
      if (error.node.isMissing) {
        const what = error.node.type.trim() || 'blank';
        return { message: `missing \`${what}\``, span: this.span(error.start, error.start) };
      }
      const leaf = firstLeaf(error.node);
      const start = valueStart(leaf, this.text);
      const end = Math.max(start, Math.min(leaf.endIndex, this.lines.lineEnd(this.lines.lineOf(start))));
      const token = this.text.slice(start, end).trim();
      return { message: token ? `unexpected \`${token.slice(0, 40)}\`` : 'syntax error', span: this.span(start, end) };
    });
    this.model.syntaxErrors.push(...problems);
  }
}

/** The elements of `a, b, c` (one element for anything else). */
function arrayElements(node: SyntaxNode): SyntaxNode[] {
  let target = node;
  while (WRAPPERS.has(target.type) && target.type !== 'array_literal_expression' && kids(target).length === 1 && kids(target)[0]?.isNamed) {
    target = kids(target)[0] ?? target;
  }
  if (target.type !== 'array_literal_expression' || namedKids(target).length < 2) return [node];
  return namedKids(target).flatMap((child) => (child.type === 'array_literal_expression' ? arrayElements(child) : [child]));
}

/** Line breaks in values and comment text read as `\n` whatever the file uses. */
function normalizeBreaks(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

function firstLeaf(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.childCount > 0) {
    const first = kids(current).find((child) => child.endIndex > child.startIndex) ?? kids(current)[0];
    if (!first) break;
    current = first;
  }
  return current;
}

function variableKey(written: string): string {
  return written.replace(/^\$/, '').replace(SCOPE_PREFIX, '').toLowerCase();
}

/** Resolves a command name: module qualifier (`Microsoft.PowerShell.Utility\iex`), alias, canonical casing. */
function resolveCommandName(written: string): string {
  let name = written;
  const slash = name.lastIndexOf('\\');
  if (slash > 0) {
    const qualifier = name.slice(0, slash);
    const command = name.slice(slash + 1);
    if (/^[A-Za-z][\w.]*$/.test(qualifier) && /^[A-Za-z]+-[A-Za-z0-9]+$/.test(command)) return canonicalPowerShellCommand(command);
    return name;
  }
  name = resolvePowerShellAlias(name) ?? name;
  return canonicalPowerShellCommand(name);
}

/** Analyzes one PowerShell script, module or manifest. */
function analyzePowerShell(parser: Parser, text: string, options: AnalyzeOptions): ScriptModel {
  const firstText = new ParseText(text).toString();
  const firstTree = parser.parse(firstText);
  if (!firstTree) return emptyModel('powershell', new LineIndex(text).lineCount);
  const usings = findUsings(firstTree, text);
  const parsed = parseWithRepairs(parser, text, firstTree, usings);
  try {
    const isManifest = /\.psd1$/i.test(options.path ?? '');
    const extractor = new Extractor(text, parsed.parseText, isManifest);
    extractor.usings(parsed.usings);
    extractor.visit(parsed.tree.rootNode);
    extractor.syntaxErrors(reportedErrors(parsed.tree, parsed.parseText));
    const model = extractor.model;
    model.imports.sort((a, b) => a.span.startLine - b.span.startLine || a.span.startColumn - b.span.startColumn);
    model.strings.sort((a, b) => a.span.startLine - b.span.startLine || a.span.startColumn - b.span.startColumn);
    return model;
  } finally {
    if (parsed.tree !== firstTree) parsed.tree.delete();
    firstTree.delete();
  }
}
