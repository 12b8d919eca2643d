// The KQL analyzer: Kusto.Language parses each query of a .kql file, Sentinel rule YAML or Markdown fence into a ScriptModel.
import type { Host } from '../host';
import type {
  CallArgument,
  CallSite,
  Comment,
  FunctionDef,
  KqlQueryFacts,
  NetworkEndpoint,
  ScriptModel,
  Span,
  StringLiteral,
  SyntaxProblem,
} from '../model';
import type { Analyzer, AnalyzeOptions, AnalyzerLoader } from './analyzer';
import { extractKql, type KqlSource } from './kql-sources';
import { KqlSyntax } from './kql-syntax';
import { analyzeTabular, CROSS_RESOURCE_FUNCTIONS } from './kql-tabular';
import { listItems, loadKusto, type Kusto, type KustoCode, type KustoElement } from './kusto-loader';

/** Loads Kusto.Language (about a second, once per process) and returns the KQL analyzer. */
export const loadKqlAnalyzer: AnalyzerLoader = async (host: Host): Promise<Analyzer> => createKqlAnalyzer(await loadKusto(), host);

/** Creates the KQL analyzer over a loaded Kusto.Language. */
export function createKqlAnalyzer(kusto: Kusto, host?: Host): Analyzer {
  const syntax = new KqlSyntax(kusto);
  const builtins = new Map<string, boolean>();
  const isBuiltin = (name: string): boolean => {
    let known = builtins.get(name);
    if (known === undefined) {
      known = !!kusto.globals.GetFunction(name) || !!kusto.globals.GetAggregate(name);
      builtins.set(name, known);
    }
    return known;
  };
  return {
    language: 'kql',
    analyze(text: string, options?: AnalyzeOptions): ScriptModel {
      const extraction = extractKql(text, options?.path);
      const model: ScriptModel & { endpoints: NetworkEndpoint[] } = {
        language: 'kql',
        imports: [],
        functions: [],
        calls: [],
        strings: [],
        comments: [],
        syntaxErrors: [...extraction.problems],
        lineCount: extraction.lineCount,
        endpoints: [],
        kql: { queries: [] },
      };
      for (const source of extraction.sources) {
        try {
          analyzeSource(kusto, syntax, isBuiltin, source, model);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          host?.log?.('error', `KQL analysis failed${options?.path ? ` for ${options.path}` : ''}: ${message}`);
          model.syntaxErrors.push({ message: `KQL could not be analyzed: ${message}`, span: source.span });
        }
      }
      return model;
    },
  };
}

/** One parsed piece of a source: the whole query, or a blank-line-separated block of a .kql file. */
interface ParsedUnit {
  code: KustoCode;
  /** Offset of the unit in the source text. */
  offset: number;
  text: string;
  errors: SyntaxProblem[];
}

function analyzeSource(
  kusto: Kusto,
  syntax: KqlSyntax,
  isBuiltin: (name: string) => boolean,
  source: KqlSource,
  model: ScriptModel & { endpoints: NetworkEndpoint[] },
): void {
  for (const unit of parseUnits(kusto, source)) {
    const collector = new Collector(syntax, source, unit.offset);
    collector.visit(unit.code.Syntax);
    model.functions.push(...collector.functions);
    model.calls.push(...collector.calls);
    model.strings.push(...collector.strings);
    model.comments.push(...collector.comments);
    model.endpoints.push(...collector.endpoints);
    model.syntaxErrors.push(...unit.errors);
    if (!collector.hasContent) continue;
    const tabular = analyzeTabular(syntax, unit.code.Syntax, isBuiltin);
    const at = (start: number, end: number): Span => source.spanOf(unit.offset + start, unit.offset + end);
    const query: KqlQueryFacts = {
      span: unit.offset === 0 && unit.text.length === source.text.length ? source.span : trimmedSpan(source, unit),
      origin: source.origin,
      tables: tabular.tables.map(({ name, start, end, isFunctionCall }) => ({ name, span: at(start, end), ...(isFunctionCall ? { isFunctionCall } : {}) })),
      plugins: collector.plugins,
      crossResource: collector.crossResource,
      // A query that does not parse has a syntax-error finding already; its guessed reads are not reported.
      unboundedTables: unit.errors.length > 0 ? [] : tabular.unbounded.map(({ name, start, end }) => ({ name, span: at(start, end) })),
    };
    if (source.schedule) query.schedule = source.schedule;
    model.kql?.queries.push(query);
  }
}

/**
 * Parses a source as one query. A .kql file or a Markdown fence may instead hold several queries separated
 * by blank lines (the Kusto Explorer convention): when the whole text has syntax errors and its blocks parse
 * with fewer, the blocks are the queries. A Sentinel rule's `query` is always one query.
 */
function parseUnits(kusto: Kusto, source: KqlSource): ParsedUnit[] {
  const whole = parseUnit(kusto, source, source.text, 0);
  if (source.origin === 'scheduled-rule' || source.origin === 'hunting' || whole.errors.length === 0) return [whole];
  const blocks = listItems(kusto.language.Editor.CodeScript.From$1(source.text, kusto.globals).Blocks);
  if (blocks.length < 2) return [whole];
  const units = blocks.map((block) => parseUnit(kusto, source, block.Text, block.Start));
  const blockErrors = units.reduce((sum, unit) => sum + unit.errors.length, 0);
  return blockErrors < whole.errors.length ? units : [whole];
}

function parseUnit(kusto: Kusto, source: KqlSource, text: string, offset: number): ParsedUnit {
  const code = kusto.language.KustoCode.Parse(text, kusto.globals);
  const errors: SyntaxProblem[] = [];
  const seen = new Set<string>();
  for (const diagnostic of listItems(code.GetSyntaxDiagnostics())) {
    if (diagnostic.Severity !== 'Error') continue;
    const start = diagnostic.HasLocation ? diagnostic.Start : 0;
    const end = start + (diagnostic.HasLocation ? diagnostic.Length : 0);
    const message = diagnostic.Message ?? 'syntax error';
    const key = `${start}:${end}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ message, span: source.spanOf(offset + start, offset + end) });
  }
  return { code, offset, text, errors };
}

function trimmedSpan(source: KqlSource, unit: ParsedUnit): Span {
  let first = 0;
  let last = unit.text.length;
  while (first < last && unit.text.charCodeAt(first) <= 32) first++;
  while (last > first && unit.text.charCodeAt(last - 1) <= 32) last--;
  return source.spanOf(unit.offset + first, unit.offset + last);
}

/** A node to visit, or (without `element`) the end of a `let` function's scope. */
interface VisitFrame {
  element?: KustoElement;
  parentKind: string;
  inName: boolean;
}

/** Walks one syntax tree, collecting what rules read: functions, calls, strings, comments, endpoints. */
class Collector {
  readonly functions: FunctionDef[] = [];
  readonly calls: CallSite[] = [];
  readonly strings: StringLiteral[] = [];
  readonly comments: Comment[] = [];
  readonly endpoints: NetworkEndpoint[] = [];
  readonly plugins: KqlQueryFacts['plugins'] = [];
  readonly crossResource: KqlQueryFacts['crossResource'] = [];
  /** Whether the unit has any token besides comments and whitespace. */
  hasContent = false;
  private readonly scopes: string[] = [];

  constructor(
    private readonly syntax: KqlSyntax,
    private readonly source: KqlSource,
    private readonly offset: number,
  ) {}

  /**
   * Visits a tree in document order. Iterative, because a long pipeline is a deep left-nested tree; `inName`
   * is true under a bracketed name (`['Time Generated']`), whose string is no string literal.
   */
  visit(root: KustoElement): void {
    const stack: VisitFrame[] = [{ element: root, parentKind: '', inName: false }];
    for (let frame = stack.pop(); frame; frame = stack.pop()) {
      if (frame.element === undefined) {
        this.scopes.pop();
        continue;
      }
      const { element, parentKind, inName } = frame;
      if (element.IsToken) {
        this.token(element, inName);
        continue;
      }
      const kind = this.syntax.kind(element);
      switch (kind) {
        case 'LetStatement':
          if (this.letStatement(element)) stack.push({ parentKind: kind, inName });
          break;
        case 'FunctionCallExpression':
          if (parentKind !== 'EvaluateOperator') this.call(element);
          break;
        case 'EvaluateOperator':
          this.evaluate(element);
          break;
        case 'ExternalDataExpression':
          for (const uri of this.syntax.items(this.syntax.child(element, 'URIs'))) this.endpoint(uri, 'externaldata');
          break;
      }
      const children = this.syntax.children(element);
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) stack.push({ element: child, parentKind: kind, inName: inName || kind === 'BracketedName' });
      }
    }
  }

  private span(node: KustoElement): Span {
    return this.source.spanOf(this.offset + node.TextStart, this.offset + node.End);
  }

  private text(node: KustoElement): string {
    return this.source.text.slice(this.offset + node.TextStart, this.offset + node.End);
  }

  private token(token: KustoElement, inName: boolean): void {
    this.triviaComments(token);
    const kind = this.syntax.kind(token);
    if (token.IsMissing || token.End <= token.TextStart) return;
    if (kind !== 'EndOfTextToken') this.hasContent = true;
    if (kind === 'StringLiteralToken' && !inName && typeof token.Value === 'string') {
      this.strings.push({ value: token.Value, span: this.span(token) });
    }
  }

  /** Comments are trivia: whitespace and `//` comments before a token (the end-of-text token holds the last). */
  private triviaComments(token: KustoElement): void {
    const trivia = token.Trivia ?? '';
    for (let i = trivia.indexOf('//'); i >= 0; i = trivia.indexOf('//', i)) {
      let end = i + 2;
      while (end < trivia.length && trivia[end] !== '\n' && trivia[end] !== '\r') end++;
      const start = this.offset + token.TriviaStart + i;
      this.comments.push({
        text: trivia.slice(i + 2, end).trim(),
        span: this.source.spanOf(start, this.offset + token.TriviaStart + end),
        isOwnLine: this.isOwnLine(start),
      });
      i = end;
    }
  }

  private isOwnLine(offset: number): boolean {
    const text = this.source.text;
    for (let i = offset - 1; i >= 0; i--) {
      const c = text[i];
      if (c === '\n' || c === '\r') return true;
      if (c !== ' ' && c !== '\t') return false;
    }
    return true;
  }

  /** Records a `let` function; returns true when it opened a function scope (closed after its children). */
  private letStatement(statement: KustoElement): boolean {
    const nameNode = this.syntax.child(statement, 'Name');
    const value = this.syntax.child(statement, 'Expression');
    const name = this.syntax.name(nameNode);
    if (this.syntax.kind(value) !== 'FunctionDeclaration' || !nameNode || !name) return false;
    this.functions.push({
      name,
      qualifiedName: [...this.scopes, name].join('.'),
      kind: 'let',
      span: this.span(statement),
      nameSpan: this.span(nameNode),
      isNested: this.scopes.length > 0,
    });
    this.scopes.push(name);
    return true;
  }

  private call(call: KustoElement): void {
    const nameNode = this.syntax.child(call, 'Name');
    const name = this.syntax.name(nameNode);
    if (!nameNode || !name) return;
    const args = this.syntax.arguments(call);
    this.calls.push({ callee: name, written: this.text(nameNode), span: this.span(call), calleeSpan: this.span(nameNode), arguments: args.map((arg) => this.argument(arg)) });
    if (CROSS_RESOURCE_FUNCTIONS.has(name)) {
      const first = args[0];
      const target = first ? (this.syntax.stringValue(first) ?? this.text(first)) : '';
      this.crossResource.push({ kind: name as KqlQueryFacts['crossResource'][number]['kind'], target, span: this.span(call) });
    }
  }

  private argument(arg: KustoElement): CallArgument {
    const result: CallArgument = { text: this.text(arg), span: this.span(arg) };
    if (this.syntax.kind(arg) === 'SimpleNamedExpression') {
      const name = this.syntax.name(this.syntax.child(arg, 'Name'));
      if (name) result.name = name;
    }
    const value = this.syntax.literalValue(this.syntax.argumentValue(arg));
    if (value !== undefined) result.value = value;
    return result;
  }

  private evaluate(op: KustoElement): void {
    const call = this.syntax.child(op, 'FunctionCall');
    const nameNode = this.syntax.child(call, 'Name');
    const name = this.syntax.name(nameNode);
    if (!call || !nameNode || !name) return;
    const args = this.syntax.arguments(call);
    this.plugins.push({ name, span: this.span(nameNode) });
    this.calls.push({ callee: `evaluate:${name}`, written: this.text(nameNode), span: this.span(op), calleeSpan: this.span(nameNode), arguments: args.map((arg) => this.argument(arg)) });
    const first = args[0];
    if ((name === 'http_request' || name === 'http_request_post') && first) this.endpoint(first, `evaluate ${name}`);
  }

  private endpoint(node: KustoElement, via: string): void {
    const url = this.syntax.stringValue(node);
    if (url === undefined) return;
    this.endpoints.push({ url, host: hostOf(url), via, span: this.span(node) });
  }
}

/** The lower-case host of a URL, or '' when it has none. */
function hostOf(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0) return '';
  let end = scheme + 3;
  while (end < url.length && !'/?#;'.includes(url[end] ?? '')) end++;
  let authority = url.slice(scheme + 3, end);
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1).toLowerCase();
  const colon = authority.indexOf(':');
  return (colon >= 0 ? authority.slice(0, colon) : authority).toLowerCase();
}
