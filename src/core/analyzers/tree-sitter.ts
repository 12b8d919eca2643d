// Loads the tree-sitter WASM runtime and grammars from `@vscode/tree-sitter-wasm` through the Host.
import * as TreeSitter from '@vscode/tree-sitter-wasm';
import type { Host } from '../host';
import type { Span } from '../model';

export type { Node as SyntaxNode, Tree, Parser, Language as Grammar } from '@vscode/tree-sitter-wasm';

let runtime: Promise<void> | undefined;
const grammars = new Map<string, Promise<TreeSitter.Language>>();

/** Initialises the tree-sitter runtime once per process. */
function initRuntime(host: Host): Promise<void> {
  runtime ??= host.readAsset('tree-sitter/tree-sitter.wasm').then((wasmBinary) =>
    TreeSitter.Parser.init({ wasmBinary } as unknown as Parameters<typeof TreeSitter.Parser.init>[0]),
  );
  return runtime;
}

/** Creates a parser for a grammar shipped as `assets/tree-sitter/tree-sitter-<name>.wasm`. */
export async function createParser(host: Host, name: 'python' | 'powershell'): Promise<TreeSitter.Parser> {
  await initRuntime(host);
  let grammar = grammars.get(name);
  if (!grammar) {
    grammar = host.readAsset(`tree-sitter/tree-sitter-${name}.wasm`).then((bytes) => TreeSitter.Language.load(bytes));
    grammars.set(name, grammar);
  }
  const parser = new TreeSitter.Parser();
  parser.setLanguage(await grammar);
  return parser;
}

/**
 * The span of a node. tree-sitter rows are 0-based and (for JS strings) columns count UTF-16 code
 * units, so only 1 needs adding to both.
 */
export function nodeSpan(node: TreeSitter.Node): Span {
  return {
    startLine: node.startPosition.row + 1,
    startColumn: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}
