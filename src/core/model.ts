// The language-neutral picture of a script that every rule reads (DESIGN.md §3).

/** A language SOC Guardrails analyzes. */
export type Language = 'python' | 'powershell' | 'kql';

/** Every analyzed language, in a stable order. */
export const LANGUAGES: readonly Language[] = ['python', 'powershell', 'kql'];

/**
 * A source range. Lines and columns are 1-based; columns count UTF-16 code units (as VS Code and
 * SARIF's default `utf16CodeUnits` do); `endColumn` is exclusive (the column after the last character).
 */
export interface Span {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** How a module reference was written. */
export type ImportKind =
  | 'import'
  | 'from'
  | 'dynamic'
  | 'requires'
  | 'import-module'
  | 'using-module'
  | 'install'
  | 'manifest'
  | 'dependency';

/** A version requirement attached to a module reference, as written and as a semver range. */
export interface VersionConstraint {
  /** The constraint as written in the source, e.g. `>=2.31,<3` or `RequiredVersion 2.12.0`. */
  text: string;
  /** Where the constraint is written. */
  span: Span;
}

/** One module reference: `import a.b`, `from a import b`, `Import-Module X`, `#Requires -Modules X`. */
export interface ImportRef {
  /** The module as referenced (dotted for Python; the relative prefix is excluded). */
  module: string;
  kind: ImportKind;
  /** Span of the module name in the source. */
  span: Span;
  /** For Python relative imports: the number of leading dots (0 for absolute imports). */
  level: number;
  /** Names imported by `from module import a, b` (`*` for a star import). */
  names: ImportedName[];
  /** Local name bound by `import a.b as c` (`c`) or by `import a.b` (`a`). */
  alias?: string;
  version?: VersionConstraint;
  /** True when the import only happens under `if TYPE_CHECKING:`. */
  isTypeCheckingOnly?: boolean;
  /** True when the import sits inside a function or method body. */
  isNested?: boolean;
}

/** A name bound by `from module import name as alias`. */
export interface ImportedName {
  name: string;
  alias?: string;
  span: Span;
}

/** What kind of definition a function is. */
export type FunctionKind = 'function' | 'method' | 'filter' | 'workflow' | 'let';

/** A function, method or KQL `let` function defined in the script. */
export interface FunctionDef {
  name: string;
  /** Dotted path inside the file: `Class.method`, `outer.inner`. */
  qualifiedName: string;
  kind: FunctionKind;
  span: Span;
  nameSpan: Span;
  /** The enclosing class, for methods. */
  className?: string;
  /** True for functions defined inside another function. */
  isNested: boolean;
}

/** A literal argument value: strings, numbers, booleans, null; `undefined` when not a literal. */
export type LiteralValue = string | number | boolean | null;

/** One argument at a call site. */
export interface CallArgument {
  /** Keyword (`shell` in `shell=True`) or PowerShell parameter name without the dash; absent for positional. */
  name?: string;
  /** The literal value when the argument is a literal; `true` for a PowerShell switch without value. */
  value?: LiteralValue;
  /** The argument's source text. */
  text: string;
  span: Span;
}

/** A call or command invocation with its callee resolved through aliases and imports. */
export interface CallSite {
  /** Fully resolved callee: `subprocess.run`, `Invoke-Expression`. */
  callee: string;
  /** The callee as written: `sp.run`, `iex`. */
  written: string;
  span: Span;
  calleeSpan: Span;
  arguments: CallArgument[];
}

/** A string literal with its decoded value (interpolations kept as written). */
export interface StringLiteral {
  value: string;
  span: Span;
}

/** A comment in the source, without its comment marker. */
export interface Comment {
  text: string;
  span: Span;
  /** True when nothing but whitespace precedes the comment on its line. */
  isOwnLine: boolean;
}

/** A parse problem in the checked file. */
export interface SyntaxProblem {
  message: string;
  span: Span;
}

/** A literal URL or host the script reaches over the network. */
export interface NetworkEndpoint {
  /** The URL or host as written. */
  url: string;
  /** The host name (lower case), or '' when it cannot be determined. */
  host: string;
  /** What reaches it: `requests.get`, `Invoke-RestMethod`, `externaldata`. */
  via: string;
  span: Span;
}

/** The language-neutral picture of one script. Analyzers never throw: problems are data. */
export interface ScriptModel {
  language: Language;
  imports: ImportRef[];
  functions: FunctionDef[];
  calls: CallSite[];
  strings: StringLiteral[];
  comments: Comment[];
  syntaxErrors: SyntaxProblem[];
  /** The number of lines in the file. */
  lineCount: number;
  /** Network endpoints the analyzer found itself (KQL); Python/PowerShell ones are derived from calls. */
  endpoints?: NetworkEndpoint[];
  /** KQL-specific facts; present only for KQL models. */
  kql?: KqlFacts;
}

/** KQL facts rules need beyond imports and functions (filled by the KQL analyzer). */
export interface KqlFacts {
  /** Each query (a `.kql` file holds one or more; a Sentinel YAML holds one). */
  queries: KqlQueryFacts[];
}

/** Facts about one KQL query. */
export interface KqlQueryFacts {
  /** Where the query text sits in the file. */
  span: Span;
  /** `file` for .kql/.kusto/.csl, `scheduled-rule` for Sentinel analytics rules, `hunting` for hunting YAML, `markdown` for fenced blocks. */
  origin: 'file' | 'scheduled-rule' | 'hunting' | 'markdown';
  /**
   * Table references (not let-bound names), with spans; also workspace functions read as tables
   * (`_Im_NetworkSession(...)`, `_GetWatchlist('x')`), marked `isFunctionCall`.
   */
  tables: { name: string; span: Span; isFunctionCall?: boolean }[];
  /** `evaluate <plugin>` uses. */
  plugins: { name: string; span: Span }[];
  /** Cross-resource calls: `workspace("x")`, `app("x")`, `cluster("x")`, `database("x")`, `adx("x")`, `arg("")`. */
  crossResource: { kind: 'workspace' | 'app' | 'cluster' | 'database' | 'adx' | 'arg'; target: string; span: Span }[];
  /**
   * Table reads no time filter bounds (see kql-tabular.ts for what counts); `*` for `search`/`find` over
   * every table. Empty when every read is bounded, and for a query with syntax errors.
   */
  unboundedTables: { name: string; span: Span }[];
  /** For scheduled analytics rules: `queryPeriod` / `queryFrequency` as written, with spans. */
  schedule?: { queryPeriod?: { text: string; span: Span }; queryFrequency?: { text: string; span: Span } };
}

/** An empty model, used when a file cannot be analyzed at all. */
export function emptyModel(language: Language, lineCount = 0): ScriptModel {
  return { language, imports: [], functions: [], calls: [], strings: [], comments: [], syntaxErrors: [], lineCount };
}

/** A span covering one point (an empty range). */
export function pointSpan(line: number, column: number): Span {
  return { startLine: line, startColumn: column, endLine: line, endColumn: column };
}

/** Whether span `inner` lies inside span `outer`. */
export function spanContains(outer: Span, inner: Span): boolean {
  const startsAfter =
    inner.startLine > outer.startLine || (inner.startLine === outer.startLine && inner.startColumn >= outer.startColumn);
  const endsBefore =
    inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endColumn <= outer.endColumn);
  return startsAfter && endsBefore;
}
