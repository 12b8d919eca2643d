// Python analyzer: walks the tree-sitter-python syntax tree once and fills the ScriptModel.
//
// Conventions (rules may rely on them):
// - Positions are relative to the text without a leading BOM (as editors show it); a lone `\r` counts as a
//   line break (as in Python and VS Code); `lineCount` is the number of line breaks + 1 (VS Code's count).
// - `FunctionDef.span` covers the whole definition including its decorators; `nameSpan` the name only.
// - `ImportRef.span` is the module name (the dotted name after any dots); for `from . import x` it is the dots.
//   Dynamic imports (`importlib.import_module("x")`, `__import__("x")`) point at the text inside the quotes.
// - Callees resolve through the imports visible in the call's scope (function parameters shadow them);
//   a relative import resolves with its dots (`from .utils import run` → `.utils.run`); a call on a call
//   result reads as `requests.Session().get` (arguments dropped, subscripts as `[]`).
// - A keyword argument's `text`/`span` are its value's; `*args`/`**kw` are positional arguments with no value.
// - Bytes literals decode byte escapes to the code points 0–255; `\N{...}` escapes stay as written.
// - Imports hidden by a syntax error (say, after an unclosed bracket) are recovered by re-parsing, line by
//   line, the parts of the error region that start with `import`/`from`.
import type { TreeCursor } from '@vscode/tree-sitter-wasm';
import type { Host } from '../host';
import type {
  CallArgument,
  CallSite,
  Comment,
  FunctionDef,
  ImportRef,
  ImportedName,
  LiteralValue,
  ScriptModel,
  Span,
  StringLiteral,
  SyntaxProblem,
} from '../model';
import type { Analyzer, AnalyzerLoader } from './analyzer';
import { createParser, type Parser, type SyntaxNode } from './tree-sitter';

/** Loads the Python analyzer (tree-sitter-python through the Host); one parser serves every file. */
export const loadPythonAnalyzer: AnalyzerLoader = async (host: Host): Promise<Analyzer> => {
  const parser = await createParser(host, 'python');
  return {
    language: 'python',
    analyze: (text: string): ScriptModel => analyzePython(parser, text, host),
  };
};

/** Analyzes Python source with a ready tree-sitter-python parser; never throws. */
export function analyzePython(parser: Parser, text: string, host?: Host): ScriptModel {
  const source = normalizeSource(text);
  const builder = new ModelBuilder(parser, source);
  try {
    builder.run();
  } catch (error) {
    // A bug here must not take the editor down: keep what was extracted and say what happened.
    host?.log?.('error', `python analyzer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  return builder.model();
}

/** Drops a leading BOM and turns lone `\r` into `\n` (same length, so every offset is kept). */
function normalizeSource(text: string): string {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!source.includes('\r')) return source;
  let out = '';
  let from = 0;
  for (let i = source.indexOf('\r'); i !== -1; i = source.indexOf('\r', i + 1)) {
    if (source.charCodeAt(i + 1) !== 10) {
      out += source.slice(from, i) + '\n';
      from = i + 1;
    }
  }
  return from === 0 ? source : out + source.slice(from);
}

/** A name scope: bindings made by imports, and parameters that shadow outer bindings. */
interface Scope {
  kind: 'module' | 'function' | 'class';
  parent: Scope | undefined;
  /** Local name → what it refers to (`sp` → `subprocess`, `load` → `yaml.load`). */
  bindings: Map<string, string>;
  params: Set<string>;
}

/** What the walk knows about the position of a node. */
interface Context {
  scope: Scope;
  /** Names of the enclosing classes and functions, outermost first. */
  path: readonly string[];
  /** The class whose body directly holds the node (methods). */
  className: string | undefined;
  inFunction: boolean;
  typeCheckingOnly: boolean;
  inError: boolean;
}

/** The context for a node's children; `special` applies to the child in one field (a body, a consequence). */
interface Frame {
  ctx: Context;
  special: { field: string; ctx: Context } | undefined;
  /** For the statements of a module or block: the indentation they must share. */
  indent?: IndentState;
}

/** The column the statements of one block start at (-1 until the first one that starts a line). */
interface IndentState {
  column: number;
  lastEndRow: number;
}

/** A call as found during the walk; its callee resolves once every scope's bindings are known. */
interface RawCall {
  ctx: Context;
  nodeId: number;
  written: string;
  /** The leftmost name of the callee expression (`sp` in `sp.run`), when it has one. */
  head: string | undefined;
  /** The callee after the head, normalized (no whitespace, arguments dropped): `.run`, `.Session().get`. */
  rest: string;
  /** When the callee is an attribute chain on a call (`__import__("os").system`): that call and the chain after it. */
  innerCall: { nodeId: number; rest: string } | undefined;
  span: Span;
  calleeSpan: Span;
  arguments: CallArgument[];
  /** The module argument of a possible dynamic import: a literal string, first positional or `name=`. */
  moduleArg: { value: string; span: Span } | undefined;
  /** The name a possible dynamic import is assigned to (`m = importlib.import_module("x")`). */
  assignedTo: string | undefined;
}

/** Maps a node of a (possibly re-parsed fragment's) tree to a span in the document. */
type Locate = (node: SyntaxNode) => Span;

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const DYNAMIC_IMPORTERS = new Set(['importlib.import_module', '__import__']);
const MAX_TOKEN_IN_MESSAGE = 24;
const HEADER_TYPES = new Set(['class_definition', 'function_definition', 'if_statement', 'elif_clause', 'for_statement', 'while_statement', 'with_statement']);
const COMPOUND_KEYWORDS = new Set(['if', 'elif', 'else', 'for', 'while', 'def', 'class', 'with', 'try', 'except', 'finally', 'async', 'match', 'case']);

/** One analysis: owns the tree for the duration of `run` and accumulates the model. */
class ModelBuilder {
  private readonly imports: ImportRef[] = [];
  private readonly functions: FunctionDef[] = [];
  private readonly strings: StringLiteral[] = [];
  private readonly comments: Comment[] = [];
  private readonly syntaxErrors: SyntaxProblem[] = [];
  private readonly rawCalls: RawCall[] = [];
  private calls: CallSite[] = [];
  private readonly lineCount: number;
  private readonly locate: Locate = spanOf;

  constructor(
    private readonly parser: Parser,
    private readonly source: string,
  ) {
    let lines = 1;
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lines++;
    this.lineCount = lines;
  }

  model(): ScriptModel {
    const imports = dedupeImports(this.imports).sort(compareSpans);
    return {
      language: 'python',
      imports,
      functions: this.functions,
      calls: this.calls,
      strings: this.strings,
      comments: this.comments,
      syntaxErrors: this.syntaxErrors.sort(compareSpans),
      lineCount: this.lineCount,
    };
  }

  run(): void {
    const tree = this.parser.parse(this.source);
    if (!tree) return;
    try {
      const root = tree.rootNode;
      const moduleScope: Scope = { kind: 'module', parent: undefined, bindings: new Map(), params: new Set() };
      const rootCtx: Context = {
        scope: moduleScope,
        path: [],
        className: undefined,
        inFunction: false,
        typeCheckingOnly: false,
        inError: false,
      };
      this.walk(tree.walk(), rootCtx, root.hasError);
      this.resolveCalls();
    } finally {
      tree.delete();
    }
  }

  /** Visits every node once, in document order, with an explicit stack (deep nesting cannot overflow). */
  private walk(cursor: TreeCursor, rootCtx: Context, hasError: boolean): void {
    const frames: Frame[] = [];
    try {
      for (;;) {
        const top = frames[frames.length - 1];
        let ctx = rootCtx;
        if (top) ctx = top.special && cursor.currentFieldName === top.special.field ? top.special.ctx : top.ctx;
        if (top?.indent) this.checkIndent(cursor, top.indent);
        const frame = this.visit(cursor, ctx, hasError);
        if (cursor.gotoFirstChild()) {
          frames.push(frame);
          continue;
        }
        let done = false;
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) {
            done = true;
            break;
          }
          frames.pop();
        }
        if (done) return;
      }
    } finally {
      cursor.delete();
    }
  }

  /**
   * tree-sitter's scanner tolerates statements indented deeper or shallower than their siblings;
   * Python reports them, so do we. Only statements that start a line count (`a; b` shares one).
   */
  private checkIndent(cursor: TreeCursor, indent: IndentState): void {
    if (!cursor.nodeIsNamed) return;
    const type = cursor.nodeType;
    if (type === 'comment' || type === 'ERROR' || type === 'line_continuation') return;
    const start = cursor.startPosition;
    const column = start.row === indent.lastEndRow ? -1 : this.indentation(cursor.startIndex, start.column);
    indent.lastEndRow = cursor.endPosition.row;
    if (column < 0) return;
    if (indent.column < 0) indent.column = column;
    else if (column !== indent.column) {
      const isDedent = column < indent.column || column < this.previousLineIndent(cursor.startIndex - start.column);
      const message = isDedent ? 'unindent does not match any outer indentation level' : 'unexpected indent';
      const line = start.row + 1;
      this.syntaxErrors.push({ message, span: { startLine: line, startColumn: 1, endLine: line, endColumn: start.column + 1 } });
    }
  }

  /** The indentation of the last line with code before the line starting at `lineStart` (0 when none). */
  private previousLineIndent(lineStart: number): number {
    let end = lineStart - 1;
    while (end > 0) {
      const start = this.source.lastIndexOf('\n', end - 1) + 1;
      let i = start;
      while (i < end && isBlank(this.source.charCodeAt(i))) i++;
      const first = this.source.charCodeAt(i);
      if (i < end && first !== 35 && first !== 13) return this.indentation(i, i - start);
      end = start - 1;
    }
    return 0;
  }

  /** Handles the cursor's node and returns the frame its children see. */
  private visit(cursor: TreeCursor, ctx: Context, hasError: boolean): Frame {
    const type = cursor.nodeType;
    switch (type) {
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        this.addImportStatement(cursor.currentNode, ctx, this.locate);
        break;
      case 'function_definition':
        return this.addFunction(cursor.currentNode, ctx);
      case 'class_definition':
        return this.enterClass(cursor.currentNode, ctx);
      case 'lambda':
        return this.enterLambda(cursor.currentNode, ctx);
      case 'if_statement':
      case 'elif_clause':
        return this.enterIf(cursor.currentNode, ctx);
      case 'call':
        this.addCall(cursor.currentNode, ctx);
        break;
      case 'string':
        this.addString(cursor.currentNode);
        break;
      case 'comment':
        this.addComment(cursor.currentNode);
        break;
      case 'ERROR':
        if (!ctx.inError) {
          const node = cursor.currentNode;
          this.addError(node);
          this.recoverImports(node, ctx);
        }
        return { ctx: ctx.inError ? ctx : { ...ctx, inError: true }, special: undefined };
      case 'module':
        return { ctx, special: undefined, indent: { column: 0, lastEndRow: -1 } };
      case 'block':
        if (ctx.inError) break;
        // tree-sitter accepts `if x:` with nothing after it; Python does not.
        if (cursor.startIndex === cursor.endIndex) {
          this.syntaxErrors.push({ message: 'expected an indented block', span: cursorSpan(cursor) });
        }
        return { ctx, special: undefined, indent: { column: -1, lastEndRow: -1 } };
      case 'print_statement':
      case 'exec_statement':
        if (!ctx.inError) this.addLegacyStatement(cursor.currentNode, type === 'print_statement' ? 'print' : 'exec');
        break;
      default:
        break;
    }
    if (hasError && !ctx.inError && cursor.nodeIsMissing) this.addMissing(cursor.currentNode);
    return { ctx, special: undefined };
  }

  // ---- imports ------------------------------------------------------------------------------------

  private addImportStatement(node: SyntaxNode, ctx: Context, locate: Locate): void {
    const flags = { isTypeCheckingOnly: ctx.typeCheckingOnly, isNested: ctx.inFunction };
    if (node.type === 'import_statement') {
      for (const child of node.childrenForFieldName('name')) {
        if (!child) continue;
        const nameNode = child.type === 'aliased_import' ? child.childForFieldName('name') : child;
        if (!nameNode || nameNode.type !== 'dotted_name') continue;
        const module = dottedText(nameNode);
        if (module === '') continue;
        const aliasNode = child.type === 'aliased_import' ? child.childForFieldName('alias') : null;
        const alias = aliasNode ? aliasNode.text : firstSegment(module);
        if (alias === '') continue;
        this.imports.push({ module, kind: 'import', span: locate(nameNode), level: 0, names: [], alias, ...flags });
        bind(ctx.scope, alias, aliasNode ? module : alias);
      }
      return;
    }
    let module = '';
    let level = 0;
    let moduleNode: SyntaxNode | null = null;
    if (node.type === 'future_import_statement') {
      module = '__future__';
      moduleNode = node.children.find((child) => child?.type === '__future__') ?? null;
    } else {
      const moduleName = node.childForFieldName('module_name');
      if (moduleName?.type === 'dotted_name') {
        moduleNode = moduleName;
        module = dottedText(moduleName);
      } else if (moduleName?.type === 'relative_import') {
        const prefix = moduleName.namedChildren.find((child) => child?.type === 'import_prefix');
        const dotted = moduleName.namedChildren.find((child) => child?.type === 'dotted_name');
        level = prefix ? countDots(prefix.text) : 0;
        module = dotted ? dottedText(dotted) : '';
        moduleNode = dotted ?? moduleName;
      }
    }
    if (!moduleNode || (module === '' && level === 0)) return;
    const names: ImportedName[] = [];
    const target = '.'.repeat(level) + (module === '' ? '' : `${module}.`);
    const wildcard = node.namedChildren.find((child) => child?.type === 'wildcard_import');
    if (wildcard) names.push({ name: '*', span: locate(wildcard) });
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      const nameNode = child.type === 'aliased_import' ? child.childForFieldName('name') : child;
      if (!nameNode) continue;
      const name = dottedText(nameNode);
      if (name === '') continue;
      const aliasNode = child.type === 'aliased_import' ? child.childForFieldName('alias') : null;
      const entry: ImportedName = { name, span: locate(nameNode) };
      if (aliasNode) entry.alias = aliasNode.text;
      names.push(entry);
      bind(ctx.scope, aliasNode ? aliasNode.text : name, target + name);
    }
    this.imports.push({ module, kind: 'from', span: locate(moduleNode), level, names, ...flags });
  }

  /**
   * An error region can swallow the statements after it (an unclosed bracket swallows the rest of the
   * file). Each line in it that starts with `import`/`from` is re-parsed on its own, up to the next such
   * line, so those imports are still seen.
   */
  private recoverImports(error: SyntaxNode, ctx: Context): void {
    // In document order: where a candidate statement starts, and where an import the tree did parse starts.
    const marks: { index: number; row: number; column: number; isStart: boolean }[] = [];
    walkSubtree(error, (cursor, isLeaf) => {
      if (IMPORT_TYPES.has(cursor.nodeType)) {
        marks.push({ index: cursor.startIndex, row: 0, column: 0, isStart: false });
        return false;
      }
      if (isLeaf) {
        const text = cursor.nodeText;
        const { row, column } = cursor.startPosition;
        if ((text === 'import' || text === 'from') && this.isFirstOnLine(cursor.startIndex, column)) {
          marks.push({ index: cursor.startIndex, row, column, isStart: true });
        }
      }
      return true;
    });
    marks.forEach((mark, i) => {
      if (!mark.isStart) return;
      // The last candidate may continue past the region (`x = 1 +` / `import os` leaves `os` outside it).
      const next = marks[i + 1]?.index;
      const lineEnd = this.source.indexOf('\n', mark.index);
      const end = next ?? Math.max(error.endIndex, lineEnd === -1 ? this.source.length : lineEnd);
      this.parseFragment(mark, end, ctx);
    });
  }

  private parseFragment(start: { index: number; row: number; column: number }, end: number, ctx: Context): void {
    const fragment = this.parser.parse(this.source.slice(start.index, end));
    if (!fragment) return;
    try {
      const first = fragment.rootNode.namedChildren.find((child) => child?.type !== 'comment');
      if (!first || first.startIndex !== 0 || !IMPORT_TYPES.has(first.type)) return;
      // The fragment starts at (row, column) of the document: shift its first line by the column.
      const locate: Locate = (node) => ({
        startLine: start.row + node.startPosition.row + 1,
        startColumn: node.startPosition.column + 1 + (node.startPosition.row === 0 ? start.column : 0),
        endLine: start.row + node.endPosition.row + 1,
        endColumn: node.endPosition.column + 1 + (node.endPosition.row === 0 ? start.column : 0),
      });
      this.addImportStatement(first, ctx, locate);
    } finally {
      fragment.delete();
    }
  }

  /**
   * The indentation of a token that starts its line, as Python counts it (a form feed resets it), or -1
   * when something precedes the token on its line.
   */
  private indentation(index: number, column: number): number {
    let width = 0;
    for (let i = index - column; i < index; i++) {
      const code = this.source.charCodeAt(i);
      if (!isBlank(code)) return -1;
      width = code === 12 ? 0 : width + 1;
    }
    return width;
  }

  private isFirstOnLine(index: number, column: number): boolean {
    for (let i = index - column; i < index; i++) {
      if (!isBlank(this.source.charCodeAt(i))) return false;
    }
    return true;
  }

  // ---- definitions and scopes ---------------------------------------------------------------------

  private addFunction(node: SyntaxNode, ctx: Context): Frame {
    const nameNode = node.childForFieldName('name');
    const name = nameNode && !nameNode.isMissing ? nameNode.text : '';
    const scope: Scope = { kind: 'function', parent: ctx.scope, bindings: new Map(), params: parameterNames(node.childForFieldName('parameters')) };
    if (nameNode && name !== '') {
      const isMethod = ctx.scope.kind === 'class';
      const outer = node.parent?.type === 'decorated_definition' ? node.parent : node;
      const def: FunctionDef = {
        name,
        qualifiedName: [...ctx.path, name].join('.'),
        kind: isMethod ? 'method' : 'function',
        span: spanOf(outer),
        nameSpan: spanOf(nameNode),
        isNested: ctx.inFunction,
      };
      if (isMethod && ctx.className !== undefined) def.className = ctx.className;
      this.functions.push(def);
    }
    const body: Context = { ...ctx, scope, path: [...ctx.path, name], className: undefined, inFunction: true };
    return { ctx, special: { field: 'body', ctx: body } };
  }

  private enterClass(node: SyntaxNode, ctx: Context): Frame {
    const name = node.childForFieldName('name')?.text ?? '';
    const scope: Scope = { kind: 'class', parent: ctx.scope, bindings: new Map(), params: new Set() };
    const body: Context = { ...ctx, scope, path: [...ctx.path, name], className: name };
    return { ctx, special: { field: 'body', ctx: body } };
  }

  private enterLambda(node: SyntaxNode, ctx: Context): Frame {
    const scope: Scope = { kind: 'function', parent: ctx.scope, bindings: new Map(), params: parameterNames(node.childForFieldName('parameters')) };
    return { ctx, special: { field: 'body', ctx: { ...ctx, scope, className: undefined, inFunction: true } } };
  }

  private enterIf(node: SyntaxNode, ctx: Context): Frame {
    const condition = node.childForFieldName('condition');
    if (!condition || ctx.typeCheckingOnly) return { ctx, special: undefined };
    const chain = dottedChain(condition);
    if (chain === 'TYPE_CHECKING' || chain?.endsWith('.TYPE_CHECKING')) {
      return { ctx, special: { field: 'consequence', ctx: { ...ctx, typeCheckingOnly: true } } };
    }
    return { ctx, special: undefined };
  }

  // ---- calls --------------------------------------------------------------------------------------

  private addCall(node: SyntaxNode, ctx: Context): void {
    // Inside an error region the tree guesses; a call that is itself malformed there is likely no call.
    if (ctx.inError && node.hasError) return;
    const fn = node.childForFieldName('function');
    if (!fn) return;
    const written = fn.text;
    let head: string | undefined;
    let rest = '';
    let innerCall: RawCall['innerCall'];
    // Walk down the leftmost spine of the callee (`a.b(x)[0].c` → `a`), iteratively.
    let current: SyntaxNode | null = fn;
    let onlyAttributes = true;
    const suffix: string[] = [];
    while (current) {
      if (current.type === 'identifier') {
        head = current.text;
        break;
      }
      if (current.type === 'attribute') {
        suffix.push(`.${current.childForFieldName('attribute')?.text ?? ''}`);
        current = current.childForFieldName('object');
      } else if (current.type === 'call') {
        if (onlyAttributes && innerCall === undefined) innerCall = { nodeId: current.id, rest: [...suffix].reverse().join('') };
        onlyAttributes = false;
        suffix.push('()');
        current = current.childForFieldName('function');
      } else if (current.type === 'subscript') {
        onlyAttributes = false;
        suffix.push('[]');
        current = current.childForFieldName('value');
      } else {
        current = null;
      }
    }
    if (head !== undefined) rest = suffix.reverse().join('');
    const args = this.callArguments(node.childForFieldName('arguments'));
    let assignedTo: string | undefined;
    let moduleArg: RawCall['moduleArg'];
    const lastSegment = head !== undefined && rest === '' ? head : rest.slice(rest.lastIndexOf('.') + 1);
    if (head !== undefined && (lastSegment === 'import_module' || lastSegment === '__import__')) {
      moduleArg = moduleArgument(node.childForFieldName('arguments'), this.source);
      const parent = node.parent;
      const left = parent?.type === 'assignment' && parent.childForFieldName('right')?.id === node.id ? parent.childForFieldName('left') : null;
      if (left?.type === 'identifier') assignedTo = left.text;
    }
    this.rawCalls.push({
      ctx,
      nodeId: node.id,
      written: head !== undefined && !rest.includes('(') && !rest.includes('[') ? head + rest : written,
      head,
      rest,
      innerCall,
      span: spanOf(node),
      calleeSpan: spanOf(fn),
      arguments: args,
      moduleArg,
      assignedTo,
    });
  }

  private callArguments(list: SyntaxNode | null): CallArgument[] {
    if (!list) return [];
    if (list.type === 'generator_expression') {
      // `f(x for x in xs)`: the parentheses belong to the call; the argument is what is inside them.
      const open = list.firstChild;
      const close = list.lastChild;
      if (open?.type !== '(' || close?.type !== ')') return [{ text: list.text, span: spanOf(list) }];
      const span = { startLine: open.endPosition.row + 1, startColumn: open.endPosition.column + 1, endLine: close.startPosition.row + 1, endColumn: close.startPosition.column + 1 };
      return [{ text: this.source.slice(open.endIndex, close.startIndex), span }];
    }
    const args: CallArgument[] = [];
    for (const child of list.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'keyword_argument') {
        const name = child.childForFieldName('name')?.text;
        const valueNode = child.childForFieldName('value');
        const target = valueNode ?? child;
        const arg: CallArgument = { text: target.text, span: spanOf(target) };
        if (name !== undefined) arg.name = name;
        const value = valueNode ? literalValue(valueNode, this.source) : undefined;
        if (value !== undefined) arg.value = value;
        args.push(arg);
        continue;
      }
      const arg: CallArgument = { text: child.text, span: spanOf(child) };
      const value = literalValue(child, this.source);
      if (value !== undefined) arg.value = value;
      args.push(arg);
    }
    return args;
  }

  /** Dynamic imports first (they add bindings), then every callee through the bindings of its scope. */
  private resolveCalls(): void {
    const dynamicModules = new Map<number, string>();
    for (const call of this.rawCalls) {
      if (!call.moduleArg || call.head === undefined || call.innerCall !== undefined) continue;
      const resolved = resolveName(call.ctx.scope, call.head, call.rest);
      const importer = resolved === undefined ? call.head + call.rest : resolved;
      if (importer === null || !DYNAMIC_IMPORTERS.has(importer)) continue;
      const { value, span } = call.moduleArg;
      const level = countLeadingDots(value);
      const module = value.slice(level);
      if (module === '' && level === 0) continue;
      const ref: ImportRef = {
        module,
        kind: 'dynamic',
        span,
        level,
        names: [],
        isTypeCheckingOnly: call.ctx.typeCheckingOnly,
        isNested: call.ctx.inFunction,
      };
      // `__import__("a.b")` returns the package `a`; `import_module("a.b")` returns `a.b`.
      const returned = importer === '__import__' && level === 0 ? firstSegment(module) : value;
      if (call.assignedTo !== undefined) {
        ref.alias = call.assignedTo;
        bind(call.ctx.scope, call.assignedTo, returned);
      }
      if (level === 0) dynamicModules.set(call.nodeId, returned);
      this.imports.push(ref);
    }
    this.calls = this.rawCalls.map((call) => {
      let callee = call.written;
      const dynamic = call.innerCall ? dynamicModules.get(call.innerCall.nodeId) : undefined;
      if (dynamic !== undefined && call.innerCall) callee = dynamic + call.innerCall.rest;
      else if (call.head !== undefined) callee = resolveName(call.ctx.scope, call.head, call.rest) ?? call.head + call.rest;
      return { callee, written: call.written, span: call.span, calleeSpan: call.calleeSpan, arguments: call.arguments };
    });
  }

  // ---- strings, comments, errors ------------------------------------------------------------------

  private addString(node: SyntaxNode): void {
    this.strings.push({ value: decodeString(node, this.source).value, span: spanOf(node) });
  }

  private addComment(node: SyntaxNode): void {
    let end = node.endIndex;
    while (end > node.startIndex + 1 && this.source.charCodeAt(end - 1) === 13) end--;
    const span = spanOf(node);
    span.endColumn -= node.endIndex - end;
    this.comments.push({
      text: this.source.slice(node.startIndex + 1, end),
      span,
      isOwnLine: this.isFirstOnLine(node.startIndex, node.startPosition.column),
    });
  }

  private addError(node: SyntaxNode): void {
    // Bracket balance over the region's tokens explains most errors better than its first token does.
    const open: { type: string; span: Span }[] = [];
    let first: { type: string; text: string; span: Span } | undefined;
    let innerFirst: { text: string; span: Span } | undefined;
    let innerEnd = -1;
    let hasColonOnFirstRow = false;
    let problem: SyntaxProblem | undefined;
    walkSubtree(node, (cursor, isLeaf) => {
      if (problem) return false;
      const type = cursor.nodeType;
      if (type === 'comment') return false;
      if (type === 'ERROR' && innerEnd < 0 && cursor.startIndex > node.startIndex) innerEnd = cursor.endIndex;
      if (!isLeaf) return true;
      const span = cursorSpan(cursor);
      first ??= { type, text: cursor.nodeText, span };
      if (type === ':' && span.startLine === first.span.startLine) hasColonOnFirstRow = true;
      if (innerEnd >= 0 && !innerFirst && cursor.startIndex < innerEnd) innerFirst = { text: cursor.nodeText, span };
      if (OPENERS[type] !== undefined) open.push({ type, span });
      else if (CLOSERS[type] !== undefined) {
        const opener = open.pop();
        if (!opener) problem = { message: `unmatched \`${type}\``, span };
        else if (OPENERS[opener.type] !== type) problem = { message: `closing \`${type}\` does not match \`${opener.type}\``, span };
      }
      return true;
    });
    const unclosed = open[0];
    if (!problem && unclosed) problem = { message: `\`${unclosed.type}\` was never closed`, span: unclosed.span };
    if (!problem && first?.type === 'string_start') problem = { message: 'unterminated string literal', span: first.span };
    if (!problem) problem = this.missingColon(node, first?.text, hasColonOnFirstRow, first?.span);
    // A region that starts with good code (a whole file the parser gave up on) is better explained by
    // the first error inside it.
    if (!problem && innerFirst) problem = { message: `unexpected \`${shorten(innerFirst.text)}\``, span: innerFirst.span };
    if (!problem) {
      const text = shorten(first?.text ?? node.text);
      const multiline = node.startPosition.row !== node.endPosition.row;
      problem = {
        message: text === '' ? 'invalid syntax' : `unexpected \`${text}\``,
        span: multiline && first ? first.span : spanOf(node),
      };
    }
    this.syntaxErrors.push(problem);
  }

  /**
   * `if x` / `def f()` without their colon: either the region starts a statement with a compound
   * keyword and holds no `:` on that line, or it sits in a compound statement's header (`class A` followed
   * by `def m(self):` makes the `def` part of the header).
   */
  private missingColon(error: SyntaxNode, firstText: string | undefined, hasColon: boolean, firstSpan: Span | undefined): SyntaxProblem | undefined {
    const parent = error.parent;
    if (!parent) return undefined;
    if (firstText !== undefined && firstSpan && COMPOUND_KEYWORDS.has(firstText) && !hasColon && (parent.type === 'module' || parent.type === 'block')) {
      return { message: 'expected `:`', span: firstSpan };
    }
    if (!HEADER_TYPES.has(parent.type)) return undefined;
    const colon = parent.children.find((child) => child?.type === ':');
    const before = error.previousSibling;
    if (!colon || !before || colon.startIndex < error.endIndex || before.startPosition.row !== parent.startPosition.row) return undefined;
    const end = { row: before.endPosition.row + 1, column: before.endPosition.column + 1 };
    return { message: 'expected `:`', span: { startLine: end.row, startColumn: end.column, endLine: end.row, endColumn: end.column } };
  }

  private addMissing(node: SyntaxNode): void {
    const message = node.isNamed ? `missing ${node.type.split('_').join(' ')}` : `missing \`${node.type}\``;
    this.syntaxErrors.push({ message, span: spanOf(node) });
  }

  private addLegacyStatement(node: SyntaxNode, keyword: 'print' | 'exec'): void {
    // `print >>f, x` is a valid Python 3 expression; only the plain statement forms are errors.
    if (node.namedChildren.some((child) => child?.type === 'chevron')) return;
    this.syntaxErrors.push({ message: `missing parentheses in call to \`${keyword}\``, span: spanOf(node) });
  }
}

// ---- helpers ----------------------------------------------------------------------------------------

function spanOf(node: SyntaxNode): Span {
  return {
    startLine: node.startPosition.row + 1,
    startColumn: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

function cursorSpan(cursor: TreeCursor): Span {
  const start = cursor.startPosition;
  const end = cursor.endPosition;
  return { startLine: start.row + 1, startColumn: start.column + 1, endLine: end.row + 1, endColumn: end.column + 1 };
}

/**
 * Visits `root` and its descendants in document order without recursion. `visit` returns whether to
 * descend into the current node; `isLeaf` tells whether it has no children.
 */
function walkSubtree(root: SyntaxNode, visit: (cursor: TreeCursor, isLeaf: boolean) => boolean): void {
  const cursor = root.walk();
  try {
    let depth = 0;
    for (;;) {
      const isLeaf = cursor.currentNode.childCount === 0;
      if (visit(cursor, isLeaf) && !isLeaf && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) return;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

function compareSpans(a: { span: Span }, b: { span: Span }): number {
  return a.span.startLine - b.span.startLine || a.span.startColumn - b.span.startColumn;
}

function dedupeImports(imports: ImportRef[]): ImportRef[] {
  const seen = new Set<string>();
  return imports.filter((ref) => {
    const key = `${ref.kind}|${ref.level}|${ref.module}|${ref.span.startLine}:${ref.span.startColumn}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 12;
}

function shorten(text: string): string {
  let line = text.split('\n', 1)[0] ?? '';
  if (line.endsWith('\r')) line = line.slice(0, -1);
  return line.length > MAX_TOKEN_IN_MESSAGE ? `${line.slice(0, MAX_TOKEN_IN_MESSAGE)}…` : line;
}

/** `a . b` → `a.b`: the identifiers of a dotted name, without the whitespace between them. */
function dottedText(node: SyntaxNode): string {
  if (node.type === 'identifier') return node.text;
  const parts: string[] = [];
  for (const child of node.namedChildren) {
    if (child?.type === 'identifier' && !child.isMissing) parts.push(child.text);
  }
  return parts.join('.');
}

/** The dotted text of an identifier/attribute chain (`typing.TYPE_CHECKING`), or undefined for anything else. */
function dottedChain(node: SyntaxNode): string | undefined {
  const parts: string[] = [];
  let current: SyntaxNode | null = node;
  while (current?.type === 'attribute') {
    parts.push(current.childForFieldName('attribute')?.text ?? '');
    current = current.childForFieldName('object');
  }
  if (current?.type !== 'identifier') return undefined;
  parts.push(current.text);
  return parts.reverse().join('.');
}

function firstSegment(module: string): string {
  const dot = module.indexOf('.');
  return dot === -1 ? module : module.slice(0, dot);
}

function countDots(text: string): number {
  let dots = 0;
  for (const char of text) if (char === '.') dots++;
  return dots;
}

function countLeadingDots(text: string): number {
  let dots = 0;
  while (text.charCodeAt(dots) === 46) dots++;
  return dots;
}

function bind(scope: Scope, name: string, target: string): void {
  // The first binding wins: `try: import ujson as json / except ImportError: import json` stays `ujson`.
  if (!scope.bindings.has(name)) scope.bindings.set(name, target);
}

/**
 * Resolves `head` as seen from `scope` (class bodies are invisible to the functions inside them):
 * the bound target + `rest`, `null` when a parameter shadows the name, `undefined` when nothing binds it.
 */
function resolveName(scope: Scope, head: string, rest: string): string | null | undefined {
  let current: Scope | undefined = scope;
  let isInnermost = true;
  while (current) {
    if (current.kind !== 'class' || isInnermost) {
      const target = current.bindings.get(head);
      if (target !== undefined) return target + rest;
      if (current.params.has(head)) return null;
    }
    current = current.parent;
    isInnermost = false;
  }
  return undefined;
}

function parameterNames(parameters: SyntaxNode | null): Set<string> {
  const names = new Set<string>();
  if (!parameters) return names;
  for (const param of parameters.namedChildren) {
    if (!param) continue;
    let nameNode: SyntaxNode | null = null;
    switch (param.type) {
      case 'identifier':
        nameNode = param;
        break;
      case 'default_parameter':
      case 'typed_default_parameter':
        nameNode = param.childForFieldName('name');
        break;
      case 'typed_parameter':
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern': {
        let inner: SyntaxNode | null | undefined = param.namedChildren[0];
        if (inner && (inner.type === 'list_splat_pattern' || inner.type === 'dictionary_splat_pattern')) inner = inner.namedChildren[0];
        nameNode = inner?.type === 'identifier' ? inner : null;
        break;
      }
      default:
        break;
    }
    if (nameNode) names.add(nameNode.text);
  }
  return names;
}

/** The module a possible dynamic import names: a literal string as first positional argument or as `name=`. */
function moduleArgument(list: SyntaxNode | null, source: string): { value: string; span: Span } | undefined {
  if (list?.type !== 'argument_list') return undefined;
  let candidate: SyntaxNode | null = null;
  for (const child of list.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      if (child.childForFieldName('name')?.text === 'name') candidate = child.childForFieldName('value');
      break;
    }
    if (child.type === 'list_splat' || child.type === 'dictionary_splat') break;
    candidate = child;
    break;
  }
  if (!candidate) return undefined;
  const value = literalValue(candidate, source);
  if (typeof value !== 'string') return undefined;
  let span = spanOf(candidate);
  if (candidate.type === 'string') {
    const start = candidate.namedChildren.find((child) => child?.type === 'string_start');
    const end = candidate.namedChildren.find((child) => child?.type === 'string_end');
    if (start && end) span = { startLine: start.endPosition.row + 1, startColumn: start.endPosition.column + 1, endLine: end.startPosition.row + 1, endColumn: end.startPosition.column + 1 };
  }
  return { value, span };
}

/** The value of a literal expression (str, bytes, int, float, bool, None, `-1`, `"a" "b"`), else undefined. */
function literalValue(input: SyntaxNode, source: string): LiteralValue | undefined {
  let node = input;
  while (node.type === 'parenthesized_expression') {
    const inner = node.namedChildren.filter((child) => child?.type !== 'comment');
    const only = inner.length === 1 ? inner[0] : undefined;
    if (!only) return undefined;
    node = only;
  }
  switch (node.type) {
    case 'string': {
      const decoded = decodeString(node, source);
      return decoded.hasInterpolation ? undefined : decoded.value;
    }
    case 'concatenated_string': {
      let value = '';
      for (const part of node.namedChildren) {
        if (!part || part.type === 'comment') continue;
        if (part.type !== 'string') return undefined;
        const decoded = decodeString(part, source);
        if (decoded.hasInterpolation) return undefined;
        value += decoded.value;
      }
      return value;
    }
    case 'integer':
    case 'float':
      return numberValue(node.text);
    case 'true':
      return true;
    case 'false':
      return false;
    case 'none':
      return null;
    case 'unary_operator': {
      const operator = node.childForFieldName('operator')?.type;
      const argument = node.childForFieldName('argument');
      if (!argument || (argument.type !== 'integer' && argument.type !== 'float')) return undefined;
      const value = numberValue(argument.text);
      if (value === undefined) return undefined;
      if (operator === '-') return -value;
      return operator === '+' ? value : undefined;
    }
    default:
      return undefined;
  }
}

function numberValue(text: string): number | undefined {
  let digits = text.split('_').join('');
  const last = digits[digits.length - 1];
  if (last === 'j' || last === 'J') return undefined;
  if (last === 'l' || last === 'L') digits = digits.slice(0, -1);
  // Python 2 octal (`0777`) is a syntax error in Python 3; JavaScript would read it as decimal.
  const value = Number(digits);
  return Number.isNaN(value) ? undefined : value;
}

/** Decodes one string literal node; f-string interpolations are kept as written. */
function decodeString(node: SyntaxNode, source: string): { value: string; hasInterpolation: boolean } {
  let value = '';
  let hasInterpolation = false;
  let raw = false;
  let bytes = false;
  for (const child of node.children) {
    if (!child) continue;
    switch (child.type) {
      case 'string_start': {
        const prefix = child.text.toLowerCase();
        raw = prefix.includes('r');
        bytes = prefix.includes('b');
        break;
      }
      case 'string_content':
        value += decodeContent(child, source, raw, bytes);
        break;
      case 'interpolation':
        hasInterpolation = true;
        value += child.text;
        break;
      case 'escape_interpolation':
        value += child.text.charAt(0);
        break;
      case 'escape_sequence':
        value += raw ? child.text : decodeEscape(child.text, bytes);
        break;
      default:
        break;
    }
  }
  return { value, hasInterpolation };
}

function decodeContent(content: SyntaxNode, source: string, raw: boolean, bytes: boolean): string {
  let value = '';
  let position = content.startIndex;
  for (const child of content.children) {
    if (!child) continue;
    if (child.type !== 'escape_sequence' && child.type !== 'escape_interpolation') continue;
    value += source.slice(position, child.startIndex);
    const text = source.slice(child.startIndex, child.endIndex);
    if (child.type === 'escape_interpolation') value += text.charAt(0);
    else value += raw ? text : decodeEscape(text, bytes);
    position = child.endIndex;
  }
  value += source.slice(position, content.endIndex);
  // Python reads CRLF source as LF, inside string literals too.
  return value.includes('\r\n') ? value.split('\r\n').join('\n') : value;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

function decodeEscape(text: string, bytes: boolean): string {
  const kind = text.charAt(1);
  if (text === '\\\r\n') return '';
  const simple = SIMPLE_ESCAPES[kind];
  if (simple !== undefined && text.length === 2) return simple;
  if (kind >= '0' && kind <= '7') return String.fromCharCode(parseInt(text.slice(1), 8) & (bytes ? 0xff : 0x1ff));
  if (kind === 'x' || (!bytes && (kind === 'u' || kind === 'U'))) {
    const code = parseInt(text.slice(2), 16);
    if (Number.isNaN(code) || code > 0x10ffff) return text;
    return String.fromCodePoint(code);
  }
  return text;
}
