// Loads Microsoft's Kusto.Language (Bridge.NET build) on first use and describes the small part of it we use.

/**
 * A node or token of a Kusto.Language syntax tree. Offsets are UTF-16 code units into the parsed text;
 * `TextStart`/`End` exclude the leading trivia (whitespace and `//` comments) that `TriviaStart` includes.
 */
export interface KustoElement {
  readonly Kind: number;
  readonly IsToken: boolean;
  readonly IsMissing: boolean;
  readonly ChildCount: number;
  readonly TriviaStart: number;
  readonly TextStart: number;
  readonly End: number;
  GetChild(index: number): KustoElement | null;
  /** The role of child `index` in this node (`Expression`, `Operator`, `Condition`, …). */
  GetName(index: number): string | null;
  /** Tokens: the token text. */
  readonly Text?: string | null;
  /** Tokens: the whitespace and comments before the token. */
  readonly Trivia?: string | null;
  /** Literal tokens: the decoded value (a string for string literals). */
  readonly Value?: unknown;
  /** Names and name references: the name without brackets or quotes. */
  readonly SimpleName?: string | null;
}

/** A Kusto.Language diagnostic. */
export interface KustoDiagnostic {
  readonly Code: string | null;
  readonly Message: string | null;
  readonly Severity: string | null;
  readonly Start: number;
  readonly Length: number;
  readonly HasLocation: boolean;
}

/** Bridge.NET's IReadOnlyList. */
export interface KustoList<T> {
  readonly Count: number;
  getItem(index: number): T;
}

/** The result of `KustoCode.Parse`. */
export interface KustoCode {
  readonly Syntax: KustoElement;
  /** A Bridge.NET list, or a plain empty array when there are none. */
  GetSyntaxDiagnostics(): KustoList<KustoDiagnostic> | KustoDiagnostic[];
}

/** Kusto.Language's catalogue of built-in functions, aggregates and plug-ins. */
export interface KustoGlobalState {
  GetFunction(name: string): unknown;
  GetAggregate(name: string): unknown;
}

/** A block of a script split at blank lines, the Kusto Explorer convention. */
export interface KustoCodeBlock {
  readonly Start: number;
  readonly Text: string;
}

/** The items of a Bridge.NET list; empty lists sometimes come back as plain arrays. */
export function listItems<T>(list: KustoList<T> | T[] | null | undefined): T[] {
  if (!list) return [];
  if (Array.isArray(list)) return list;
  const items: T[] = [];
  for (let i = 0; i < list.Count; i++) items.push(list.getItem(i));
  return items;
}

/** The `Kusto.Language` namespace, as far as SOC Guardrails uses it. */
export interface KustoLanguage {
  KustoCode: { Parse(text: string, globals: KustoGlobalState): KustoCode };
  GlobalState: { Default: KustoGlobalState };
  Syntax: { SyntaxKind: Record<string, unknown> };
  Editor: { CodeScript: { From$1(text: string, globals: KustoGlobalState): { Blocks: KustoList<KustoCodeBlock> | KustoCodeBlock[] } } };
}

/** Kusto.Language with the syntax-kind names resolved once. */
export interface Kusto {
  language: KustoLanguage;
  globals: KustoGlobalState;
  /** The SyntaxKind name of an element (`PipeExpression`, `NameReference`, …). */
  kindName(element: KustoElement): string;
}

let loading: Promise<Kusto> | undefined;

/**
 * Loads Kusto.Language once per process. The Bridge.NET scripts define `Bridge`, `System` and `Kusto` on
 * globalThis rather than exporting anything, so both are imported for their side effects, runtime first.
 * The package stays external to the bundles: from dist/ the specifiers resolve to the copy esbuild.js puts
 * in dist/node_modules, from out/ and in development to the installed package.
 */
export function loadKusto(): Promise<Kusto> {
  loading ??= importKusto().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function importKusto(): Promise<Kusto> {
  await import('@kusto/language-service-next/bridge.min.js');
  await import('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  const language = (globalThis as { Kusto?: { Language?: KustoLanguage } }).Kusto?.Language;
  if (!language) throw new Error('Kusto.Language did not load: globalThis.Kusto.Language is missing');
  const names: string[] = [];
  for (const [name, value] of Object.entries(language.Syntax.SyntaxKind)) {
    if (typeof value === 'number') names[value] = name;
  }
  return {
    language,
    globals: language.GlobalState.Default,
    kindName: (element) => names[element.Kind] ?? '',
  };
}
