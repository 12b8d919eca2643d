// Small readers over Kusto.Language syntax trees: children by role, list items, names and literal values.
import type { LiteralValue } from '../model';
import type { Kusto, KustoElement } from './kusto-loader';

/** Reads a Kusto.Language syntax tree by SyntaxKind names and child roles. */
export class KqlSyntax {
  constructor(private readonly kusto: Kusto) {}

  /** The SyntaxKind name of an element, '' for none. */
  kind(element: KustoElement | undefined): string {
    return element ? this.kusto.kindName(element) : '';
  }

  /** The child playing `role` (`Expression`, `Operator`, `Condition`, …) in `node`. */
  child(node: KustoElement | undefined, role: string): KustoElement | undefined {
    if (!node) return undefined;
    for (let i = 0; i < node.ChildCount; i++) {
      if (node.GetName(i) === role) return node.GetChild(i) ?? undefined;
    }
    return undefined;
  }

  /** The children of a node, skipping empty slots. */
  children(node: KustoElement | undefined): KustoElement[] {
    const result: KustoElement[] = [];
    if (!node) return result;
    for (let i = 0; i < node.ChildCount; i++) {
      const child = node.GetChild(i);
      if (child) result.push(child);
    }
    return result;
  }

  /** The elements of a SyntaxList, unwrapping `SeparatedElement`s and dropping separators. */
  items(list: KustoElement | undefined): KustoElement[] {
    const result: KustoElement[] = [];
    for (const child of this.children(list)) {
      const element = this.kind(child) === 'SeparatedElement' ? (child.GetChild(0) ?? undefined) : child;
      if (element && !element.IsToken) result.push(element);
    }
    return result;
  }

  /** The argument expressions of a FunctionCallExpression (named arguments keep their `name=` wrapper). */
  arguments(call: KustoElement | undefined): KustoElement[] {
    return this.items(this.child(this.child(call, 'ArgumentList'), 'Expressions'));
  }

  /** The value of an argument, looking through `name=value`. */
  argumentValue(argument: KustoElement): KustoElement | undefined {
    return this.kind(argument) === 'SimpleNamedExpression' ? this.child(argument, 'Expression') : argument;
  }

  /** The simple name of a NameReference, NameDeclaration or the callee of a FunctionCallExpression. */
  name(node: KustoElement | undefined): string {
    if (!node) return '';
    if (this.kind(node) === 'FunctionCallExpression') return this.name(this.child(node, 'Name'));
    return node.SimpleName ?? '';
  }

  /** Looks through parentheses. */
  unparen(node: KustoElement | undefined): KustoElement | undefined {
    let current = node;
    while (current && this.kind(current) === 'ParenthesizedExpression') current = this.child(current, 'Expression');
    return current;
  }

  /** The first token under a node. */
  firstToken(node: KustoElement | undefined): KustoElement | undefined {
    let current = node;
    while (current && !current.IsToken) {
      let next: KustoElement | undefined;
      for (let i = 0; i < current.ChildCount && !next; i++) next = current.GetChild(i) ?? undefined;
      current = next;
    }
    return current;
  }

  /** The decoded value of a string literal expression (adjacent literals concatenated), or undefined. */
  stringValue(node: KustoElement | undefined): string | undefined {
    const expression = this.unparen(node);
    const kind = this.kind(expression);
    if (kind !== 'StringLiteralExpression' && kind !== 'CompoundStringLiteralExpression') return undefined;
    let value = '';
    const collect = (element: KustoElement): void => {
      if (element.IsToken) {
        if (this.kind(element) === 'StringLiteralToken') value += typeof element.Value === 'string' ? element.Value : '';
        return;
      }
      for (const child of this.children(element)) collect(child);
    };
    if (expression) collect(expression);
    return value;
  }

  /** The literal value of an expression: strings, numbers, booleans, typed nulls; undefined when not a literal. */
  literalValue(node: KustoElement | undefined): LiteralValue | undefined {
    const expression = this.unparen(node);
    switch (this.kind(expression)) {
      case 'StringLiteralExpression':
      case 'CompoundStringLiteralExpression':
        return this.stringValue(expression);
      case 'LongLiteralExpression':
      case 'IntLiteralExpression':
      case 'RealLiteralExpression':
      case 'DecimalLiteralExpression':
      case 'BooleanLiteralExpression':
        return unbox(this.firstToken(expression)?.Value);
      default:
        return undefined;
    }
  }
}

/** Bridge.NET boxes booleans and reals (`{ $boxed, v }`) and wraps longs in System.Int64 (`toNumber()`). */
function unbox(value: unknown): LiteralValue | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'object') {
    const boxed = value as { v?: unknown; toNumber?: () => unknown };
    if ('v' in boxed) return unbox(boxed.v);
    if (typeof boxed.toNumber === 'function') return unbox(boxed.toNumber());
  }
  return undefined;
}
