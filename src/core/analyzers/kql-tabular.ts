// Which tables a KQL query reads, and which of those reads no time filter bounds (the kql-time-filter facts).
//
// What counts as a time bound (documented for the rule and its users):
// - A `where`/`filter` (also the condition of `search`/`find`) whose condition, or one `and` operand of it
//   (both operands of an `or`), compares a time column from below against a time value:
//   `col > v`, `col >= v`, `v < col`, `v <= col`, `col == v`, `v == col`, `col between (v .. w)`.
// - Time columns: `ingestion_time()`, and any column whose name (ignoring a leading `_` and a custom-log
//   `_t` suffix, case-insensitively) starts with `time` or ends with `time`, `timestamp`, `datetime` or
//   `timeutc`: TimeGenerated, Timestamp, timestamp, EventTime, StartTime, CreatedDateTime, TimeCreated_t…;
//   also `bin`/`floor`/`todatetime`/`startof…`/`endof…` of a time column, and `$left.`/`$right.` paths.
// - Time values: `ago(…)`, `now(…)`, `datetime(…)` literals, `todatetime`/`make_datetime`/`startof…`/
//   `endof…`/`datetime_add`/`bin`/`floor`/`unixtime_…_todatetime`/`datetime_utc_to_local` of constants,
//   `toscalar(…)`, a time value plus or minus a constant, a `let` bound to a time value (`let start =
//   ago(1d);`) or to `toscalar(…)`, a `datetime` parameter of the enclosing function or of `declare
//   query_parameters`. Constants: literals, `let` scalars and parameters, and built-in calls over constants
//   (`let lookback = 7d; … ago(lookback)` is bounded).
// - `make-series … on <time column> from <time value>` (or `in range(<time value>, …)`) bounds its input.
// - A call to a workspace function (an ASIM parser such as `_Im_NetworkSession(starttime=ago(1d))`) with a
//   time value among its arguments is bounded; `_GetWatchlist(…)` is never reported.
// How a bound reaches a table: rows flow from the table through the operators after it until a bound
// (bounded) or an operator after which a filter no longer limits what is read (unbounded). Operators that
// pass rows through unchanged in number: extend, project(-away/-keep/-rename/-reorder/-by-names), parse,
// parse-where, parse-kv, mv-expand, mv-apply, sort/order, serialize, as, render, assert-schema,
// `evaluate bag_unpack`, `union` (every input flows on), `search`/`find`. Every other operator ends the flow:
// summarize, count, distinct, take/limit, top, top-nested, sample, make-series (unless bounded as above),
// join and lookup (both sides), evaluate (other plug-ins), fork, facet, partition, scan, invoke (unless the
// invoked `let` function bounds or passes on its input), toscalar(), `in (…)` subqueries, and the end of the
// statement. A filter after one of these does not count, even where Kusto's optimizer might push it down.
// `let` names carry flows both ways: `let Recent = SigninLogs | where TimeGenerated > ago(1d); Recent | …`
// reads SigninLogs bounded, and so does `let Raw = SigninLogs; Raw | where TimeGenerated > ago(1d)`; a read
// used once bounded and once unbounded is unbounded. Tables passed to a `let` function's tabular parameter
// (`f(SigninLogs)`, `SigninLogs | invoke f()`) are bounded when the body bounds the parameter. A table read
// only inside a `let` (or `let` function) that the query never uses is not executed and not reported.
// `search`/`find` without `in (…)`, and `union *`, read every table: reported as `*`.
import type { KustoElement } from './kusto-loader';
import type { KqlSyntax } from './kql-syntax';

/** A table (or workspace function used as a table) the query reads, by offsets in the query text. */
export interface TableRead {
  name: string;
  start: number;
  end: number;
  /** True for a call to a workspace function (`_Im_NetworkSession(…)`, `_GetWatchlist('x')`). */
  isFunctionCall: boolean;
}

/** The tabular facts of one parsed query. */
export interface TabularFacts {
  tables: TableRead[];
  /** Reads no time filter bounds; `*` stands for `search`/`find` over every table. */
  unbounded: { name: string; start: number; end: number }[];
}

/** Computes the tables a query reads and the reads that no time filter bounds. */
export function analyzeTabular(syntax: KqlSyntax, root: KustoElement, isBuiltin: (name: string) => boolean): TabularFacts {
  const analysis = new TabularAnalysis(syntax, isBuiltin);
  analysis.run(root);
  return analysis.facts();
}

interface Source {
  name: string;
  start: number;
  end: number;
  kind: 'table' | 'function' | 'all-tables' | 'param';
  /** For `param`: the function whose tabular parameter this is. */
  owner?: FunctionInfo;
}

/** Sources whose rows reach a point still unbounded. */
type Flow = Set<Source>;

interface ParamInfo {
  name: string;
  isTabular: boolean;
  isTime: boolean;
  source?: Source;
}

interface FunctionInfo {
  params: ParamInfo[];
  /** Sources leaving the body unbounded. */
  open: Flow;
  /** Sources the body (or what it uses) reads to an end without a bound; committed when the function runs. */
  pending: Flow;
  /** Tabular parameters the body bounds. */
  boundedParams: Set<Source>;
  isTabular: boolean;
}

type Binding =
  | { kind: 'scalar'; isTime: boolean; pending: Flow }
  | { kind: 'tabular'; open: Flow; pending: Flow }
  | { kind: 'param'; param: ParamInfo }
  | { kind: 'function'; fn: FunctionInfo };

interface Scope {
  name: string;
  binding: Binding;
  parent: Scope | undefined;
}

const TIME_VALUE_FUNCTIONS = new Set([
  'todatetime', 'make_datetime', 'datetime_add', 'datetime_utc_to_local', 'datetime_local_to_utc',
  'startofday', 'startofweek', 'startofmonth', 'startofyear', 'endofday', 'endofweek', 'endofmonth', 'endofyear',
  'unixtime_seconds_todatetime', 'unixtime_milliseconds_todatetime', 'unixtime_microseconds_todatetime',
  'unixtime_nanoseconds_todatetime', 'bin', 'floor', 'bin_at',
]);
const TIME_COLUMN_FUNCTIONS = new Set([
  'bin', 'floor', 'bin_at', 'todatetime', 'startofday', 'startofweek', 'startofmonth', 'startofyear',
  'endofday', 'endofweek', 'endofmonth', 'endofyear', 'datetime_utc_to_local', 'datetime_local_to_utc',
]);
/** Functions naming a table by a string argument. */
const TABLE_FUNCTIONS = new Set(['table', 'materialized_view', 'external_table']);
/** Functions that address another workspace, app, cluster or database. */
export const CROSS_RESOURCE_FUNCTIONS = new Set(['workspace', 'app', 'cluster', 'database', 'adx', 'arg']);
/** Workspace functions that read small, self-limiting data and are never reported unbounded. */
const SELF_LIMITING_FUNCTIONS = new Set(['_GetWatchlist']);
const PASS_THROUGH_OPERATORS = new Set([
  'ExtendOperator', 'ProjectOperator', 'ProjectAwayOperator', 'ProjectKeepOperator', 'ProjectRenameOperator',
  'ProjectReorderOperator', 'ProjectByNamesOperator', 'ParseOperator', 'ParseWhereOperator', 'ParseKvOperator',
  'MvExpandOperator', 'MvApplyOperator', 'SortOperator', 'SerializeOperator', 'RenderOperator', 'AssertSchemaOperator',
]);
/** Plug-ins that keep every input row. */
const ROW_PRESERVING_PLUGINS = new Set(['bag_unpack']);
const NO_SOURCE_EXPRESSIONS = new Set(['DataTableExpression', 'ContextualDataTableExpression', 'ExternalDataExpression']);

class TabularAnalysis {
  private readonly tables: TableRead[] = [];
  private readonly executed: Flow = new Set();
  /** Names bound by `as` in the statement being analyzed. */
  private asNames = new Map<string, Binding>();

  constructor(
    private readonly syntax: KqlSyntax,
    private readonly isBuiltin: (name: string) => boolean,
  ) {}

  run(root: KustoElement): void {
    this.statements(this.syntax.items(this.syntax.child(root, 'Statements')), undefined, this.executed);
  }

  facts(): TabularFacts {
    const byStart = (a: { start: number; end: number }, b: { start: number; end: number }): number => a.start - b.start || a.end - b.end;
    const unbounded = [...this.executed]
      .filter((source) => source.kind !== 'param')
      .map(({ name, start, end }) => ({ name, start, end }))
      .sort(byStart);
    return { tables: [...this.tables].sort(byStart), unbounded };
  }

  // --- statements and bindings ---------------------------------------------------------------------------

  private statements(statements: KustoElement[], scope: Scope | undefined, sink: Flow): Scope | undefined {
    let current = scope;
    for (const statement of statements) {
      switch (this.syntax.kind(statement)) {
        case 'LetStatement':
          current = this.letStatement(statement, current, sink);
          break;
        case 'ExpressionStatement':
          this.asNames = new Map();
          consume(this.tabular(this.syntax.child(statement, 'Expression'), current, sink), sink);
          break;
        case 'QueryParametersStatement':
          for (const parameter of this.syntax.items(this.syntax.child(statement, 'Parameters'))) {
            const param = this.parameter(parameter, current, sink, undefined);
            if (param) current = bind(current, param.name, { kind: 'param', param });
          }
          break;
        default:
          this.scalar(statement, current, sink);
      }
    }
    return current;
  }

  private letStatement(statement: KustoElement, scope: Scope | undefined, sink: Flow): Scope | undefined {
    const name = this.syntax.name(this.syntax.child(statement, 'Name'));
    const value = this.syntax.child(statement, 'Expression');
    if (!name || !value) {
      this.scalar(value, scope, sink);
      return scope;
    }
    if (this.syntax.kind(value) === 'FunctionDeclaration') {
      return bind(scope, name, { kind: 'function', fn: this.functionDeclaration(value, scope) });
    }
    const pending: Flow = new Set();
    if (this.isTabular(value, scope)) {
      return bind(scope, name, { kind: 'tabular', open: this.tabular(value, scope, pending), pending });
    }
    this.scalar(value, scope, pending);
    return bind(scope, name, { kind: 'scalar', isTime: this.isTimeValue(value, scope), pending });
  }

  private functionDeclaration(declaration: KustoElement, scope: Scope | undefined): FunctionInfo {
    const fn: FunctionInfo = { params: [], open: new Set(), pending: new Set(), boundedParams: new Set(), isTabular: false };
    let bodyScope = scope;
    const parameters = this.syntax.child(this.syntax.child(declaration, 'Parameters'), 'Parameters');
    for (const parameter of this.syntax.items(parameters)) {
      const param = this.parameter(parameter, scope, fn.pending, fn);
      if (!param) continue;
      fn.params.push(param);
      bodyScope = bind(bodyScope, param.name, { kind: 'param', param });
    }
    const body = this.syntax.child(declaration, 'Body');
    bodyScope = this.statements(this.syntax.items(this.syntax.child(body, 'Statements')), bodyScope, fn.pending);
    const expression = this.syntax.child(body, 'Expression');
    if (expression && this.isTabular(expression, bodyScope)) {
      fn.isTabular = true;
      fn.open = this.tabular(expression, bodyScope, fn.pending);
    } else {
      this.scalar(expression, bodyScope, fn.pending);
    }
    return fn;
  }

  private parameter(parameter: KustoElement, scope: Scope | undefined, sink: Flow, owner: FunctionInfo | undefined): ParamInfo | undefined {
    const declaration = this.syntax.child(parameter, 'NameAndType');
    const nameNode = this.syntax.child(declaration, 'Name');
    const name = this.syntax.name(nameNode);
    this.scalar(this.syntax.child(parameter, 'DefaultValue'), scope, sink);
    if (!name || !nameNode) return undefined;
    const type = this.syntax.child(declaration, 'Type');
    const typeKind = this.syntax.kind(type);
    const isTabular = typeKind === 'SchemaTypeExpression';
    const typeName = (this.syntax.firstToken(type)?.Text ?? '').toLowerCase();
    const param: ParamInfo = { name, isTabular, isTime: typeKind === 'PrimitiveTypeExpression' && (typeName === 'datetime' || typeName === 'date') };
    if (isTabular && owner) param.source = { name, start: nameNode.TextStart, end: nameNode.End, kind: 'param', owner };
    return param;
  }

  private lookup(scope: Scope | undefined, name: string): Binding | undefined {
    for (let current = scope; current; current = current.parent) {
      if (current.name === name) return current.binding;
    }
    return this.asNames.get(name);
  }

  // --- tabular expressions -------------------------------------------------------------------------------

  /** Whether an expression in a `let` or a function body denotes a table rather than a scalar. */
  private isTabular(node: KustoElement, scope: Scope | undefined): boolean {
    const expression = this.syntax.unparen(node);
    const kind = this.syntax.kind(expression);
    if (kind === 'PipeExpression' || kind === 'MaterializeExpression' || isOperator(kind) || NO_SOURCE_EXPRESSIONS.has(kind)) return true;
    if (kind === 'PathExpression') return this.isCrossResourcePath(expression);
    if (kind === 'NameReference') {
      const binding = this.lookup(scope, this.syntax.name(expression));
      if (!binding) return true; // at statement level no columns are in scope: an unknown name is a table
      if (binding.kind === 'tabular') return true;
      if (binding.kind === 'param') return binding.param.isTabular;
      if (binding.kind === 'function') return binding.fn.isTabular;
      return false;
    }
    if (kind === 'FunctionCallExpression') {
      const name = this.syntax.name(expression);
      const binding = this.lookup(scope, name);
      if (binding) return binding.kind === 'function' ? binding.fn.isTabular : binding.kind === 'tabular';
      return TABLE_FUNCTIONS.has(name) || !(this.isBuiltin(name) || CROSS_RESOURCE_FUNCTIONS.has(name) || name === 'ago' || name === 'now');
    }
    return false;
  }

  /** Analyzes an expression in tabular position and returns the sources whose rows leave it unbounded. */
  private tabular(node: KustoElement | undefined, scope: Scope | undefined, sink: Flow): Flow {
    if (!node) return new Set();
    const kind = this.syntax.kind(node);
    switch (kind) {
      case 'ParenthesizedExpression':
      case 'MaterializeExpression':
        return this.tabular(this.syntax.child(node, 'Expression'), scope, sink);
      case 'PipeExpression': {
        // `a | b | c` nests to the left; walk the spine iteratively so long pipelines cannot exhaust the stack.
        const operators: KustoElement[] = [];
        let source: KustoElement | undefined = node;
        while (source && this.syntax.kind(source) === 'PipeExpression') {
          const op = this.syntax.child(source, 'Operator');
          if (op) operators.push(op);
          source = this.syntax.child(source, 'Expression');
        }
        let flow = this.tabular(source, scope, sink);
        for (let i = operators.length - 1; i >= 0; i--) flow = this.operator(operators[i], flow, true, scope, sink);
        return flow;
      }
      case 'NameReference':
        return this.nameReference(node, scope, sink);
      case 'FunctionCallExpression':
        return this.call(node, scope, sink, true);
      case 'PathExpression':
        return this.path(node, scope, sink);
      default:
        if (isOperator(kind)) return this.operator(node, new Set(), false, scope, sink);
        this.scalar(node, scope, sink);
        return new Set();
    }
  }

  private nameReference(node: KustoElement, scope: Scope | undefined, sink: Flow): Flow {
    const name = this.syntax.name(node);
    const binding = name.includes('*') ? undefined : this.lookup(scope, name);
    if (!binding) return new Set([this.table(name, node, 'table')]);
    switch (binding.kind) {
      case 'tabular':
        addAll(sink, binding.pending);
        return new Set(binding.open);
      case 'function':
        return this.runFunction(binding.fn, [], undefined, scope, sink);
      case 'param':
        return binding.param.source ? new Set([binding.param.source]) : new Set();
      case 'scalar':
        addAll(sink, binding.pending);
        return new Set();
    }
  }

  /** A function call in tabular position; `useScope` false for a function of another database (`database("d").f()`). */
  private call(node: KustoElement, scope: Scope | undefined, sink: Flow, useScope: boolean): Flow {
    const nameNode = this.syntax.child(node, 'Name');
    const name = this.syntax.name(nameNode);
    const args = this.syntax.arguments(node);
    const binding = useScope ? this.lookup(scope, name) : undefined;
    if (binding?.kind === 'function') return this.runFunction(binding.fn, args, undefined, scope, sink);
    for (const arg of args) this.scalar(arg, scope, sink);
    if (binding) {
      if (binding.kind === 'scalar' || binding.kind === 'tabular') addAll(sink, binding.pending);
      return binding.kind === 'tabular' ? new Set(binding.open) : new Set();
    }
    if (TABLE_FUNCTIONS.has(name)) {
      const first = args[0];
      const table = first ? this.syntax.stringValue(first) : undefined;
      return first && table !== undefined ? new Set([this.table(table, first, 'table')]) : new Set();
    }
    if (CROSS_RESOURCE_FUNCTIONS.has(name) || this.isBuiltin(name) || !nameNode) return new Set();
    // A workspace function: an ASIM parser, `_GetWatchlist`, a saved function.
    const source = this.table(name, nameNode, 'function');
    if (SELF_LIMITING_FUNCTIONS.has(name)) return new Set();
    const bounded = args.some((arg) => this.isTimeValue(this.syntax.argumentValue(arg), scope));
    return bounded ? new Set() : new Set([source]);
  }

  /** `workspace("x").T`, `app("x").requests`, `cluster("c").database("d").T`, `adx("…").T`. */
  private path(node: KustoElement, scope: Scope | undefined, sink: Flow): Flow {
    if (!this.isCrossResourcePath(node)) {
      this.scalar(node, scope, sink);
      return new Set();
    }
    this.scalar(this.syntax.child(node, 'Expression'), scope, sink);
    const selector = this.syntax.child(node, 'Selector');
    const kind = this.syntax.kind(selector);
    if (selector && kind === 'NameReference') return new Set([this.table(this.syntax.name(selector), selector, 'table')]);
    if (selector && kind === 'FunctionCallExpression') {
      if (!CROSS_RESOURCE_FUNCTIONS.has(this.syntax.name(selector))) return this.call(selector, scope, sink, false);
      this.scalar(selector, scope, sink);
    }
    return new Set();
  }

  private isCrossResourcePath(node: KustoElement | undefined): boolean {
    let current = node;
    while (current && this.syntax.kind(current) === 'PathExpression') current = this.syntax.child(current, 'Expression');
    return this.syntax.kind(current) === 'FunctionCallExpression' && CROSS_RESOURCE_FUNCTIONS.has(this.syntax.name(current));
  }

  /**
   * Runs a `let` function: commits what its body consumes, maps tabular arguments (and, for `invoke`, the
   * piped input) onto its tabular parameters, and returns the sources leaving it unbounded.
   */
  private runFunction(fn: FunctionInfo, args: KustoElement[], input: Flow | undefined, scope: Scope | undefined, sink: Flow): Flow {
    addAll(sink, fn.pending);
    const out: Flow = new Set([...fn.open].filter((source) => source.kind !== 'param'));
    const values = args.map((arg) => this.syntax.argumentValue(arg));
    if (input && fn.params.length === 0) consume(input, sink);
    let next = 0;
    fn.params.forEach((param, index) => {
      let flow: Flow;
      if (index === 0 && input) {
        flow = input; // `invoke` passes the piped table as the first argument
      } else {
        const value = values[next++];
        if (!value) return;
        if (!param.isTabular) {
          this.scalar(value, scope, sink);
          return;
        }
        flow = this.tabular(value, scope, sink);
      }
      const source = param.source;
      if (!source || fn.pending.has(source)) consume(flow, sink);
      else if (fn.open.has(source)) addAll(out, flow);
      // otherwise the body bounds the parameter (or never reads it)
    });
    for (; next < values.length; next++) this.scalar(values[next], scope, sink);
    return out;
  }

  // --- operators -------------------------------------------------------------------------------------------

  /** Applies a query operator to the sources flowing into it; returns those still open after it. */
  private operator(op: KustoElement | undefined, input: Flow, hasInput: boolean, scope: Scope | undefined, sink: Flow): Flow {
    if (!op) return input;
    const kind = this.syntax.kind(op);
    switch (kind) {
      case 'FilterOperator': {
        const condition = this.syntax.child(op, 'Condition');
        this.scalar(condition, scope, sink);
        if (this.isTimeBound(condition, scope)) return this.bound(input);
        return input;
      }
      case 'SearchOperator':
      case 'FindOperator': {
        const flow = new Set(input);
        const inClause = this.syntax.child(op, 'InClause');
        if (inClause) {
          for (const expression of this.syntax.items(this.syntax.child(inClause, 'Expressions'))) addAll(flow, this.tabular(expression, scope, sink));
        } else if (!hasInput) {
          const keyword = this.syntax.firstToken(op);
          if (keyword) flow.add({ name: '*', start: keyword.TextStart, end: keyword.End, kind: 'all-tables' });
        }
        for (const child of this.syntax.children(op)) if (child !== inClause) this.scalar(child, scope, sink);
        return this.isTimeBound(this.syntax.child(op, 'Condition'), scope) ? this.bound(flow) : flow;
      }
      case 'UnionOperator': {
        const flow = new Set(input);
        for (const expression of this.syntax.items(this.syntax.child(op, 'Expressions'))) addAll(flow, this.tabular(expression, scope, sink));
        return flow;
      }
      case 'JoinOperator':
      case 'LookupOperator': {
        const right = this.syntax.child(op, 'Expression');
        consume(input, sink);
        consume(this.tabular(right, scope, sink), sink);
        for (const child of this.syntax.children(op)) if (child !== right) this.scalar(child, scope, sink);
        return new Set();
      }
      case 'MakeSeriesOperator':
        this.scalar(op, scope, sink, true);
        if (this.isMakeSeriesBounded(op, scope)) return this.bound(input);
        consume(input, sink);
        return new Set();
      case 'InvokeOperator': {
        const call = this.syntax.child(op, 'Function');
        const binding = this.lookup(scope, this.syntax.name(call));
        if (binding?.kind === 'function') return this.runFunction(binding.fn, this.syntax.arguments(call), input, scope, sink);
        this.scalar(call, scope, sink);
        consume(input, sink);
        return new Set();
      }
      case 'AsOperator': {
        const name = this.syntax.name(this.syntax.child(op, 'Name'));
        if (name) this.asNames.set(name, { kind: 'tabular', open: new Set(input), pending: new Set() });
        return input;
      }
      case 'EvaluateOperator': {
        this.scalar(op, scope, sink, true);
        if (ROW_PRESERVING_PLUGINS.has(this.syntax.name(this.syntax.child(op, 'FunctionCall')))) return input;
        consume(input, sink);
        return new Set();
      }
      default:
        this.scalar(op, scope, sink, true);
        if (PASS_THROUGH_OPERATORS.has(kind)) return input;
        consume(input, sink);
        return new Set();
    }
  }

  private bound(flow: Flow): Flow {
    for (const source of flow) if (source.kind === 'param' && source.owner) source.owner.boundedParams.add(source);
    return new Set();
  }

  private isMakeSeriesBounded(op: KustoElement, scope: Scope | undefined): boolean {
    const on = this.syntax.child(this.syntax.child(op, 'OnClause'), 'Expression');
    const range = this.syntax.child(op, 'RangeClause');
    let from: KustoElement | undefined;
    if (this.syntax.kind(range) === 'MakeSeriesInRangeClause') {
      from = this.syntax.items(this.syntax.child(this.syntax.child(range, 'Arguments'), 'Expressions'))[0];
    } else {
      from = this.syntax.child(this.syntax.child(range, 'MakeSeriesFromClause'), 'Expression');
    }
    return this.isTimeColumn(on, scope) && this.isTimeValue(from, scope);
  }

  // --- scalar expressions ----------------------------------------------------------------------------------

  /**
   * Walks an expression outside tabular position; subqueries in it (`toscalar(…)`, `in (T | …)`, a
   * `let`-bound table used as a value) end their flows here. `childrenOnly` walks an operator's parts.
   */
  private scalar(node: KustoElement | undefined, scope: Scope | undefined, sink: Flow, childrenOnly = false): void {
    if (!node || node.IsToken) return;
    const kind = this.syntax.kind(node);
    if (!childrenOnly) {
      if (kind === 'PipeExpression' || kind === 'MaterializeExpression' || isOperator(kind) || (kind === 'PathExpression' && this.isCrossResourcePath(node))) {
        consume(this.tabular(node, scope, sink), sink);
        return;
      }
      if (kind === 'ToScalarExpression' || kind === 'ToTableExpression') {
        const expression = this.syntax.child(node, 'Expression');
        consume(this.tabular(expression, scope, sink), sink);
        for (const child of this.syntax.children(node)) if (child !== expression) this.scalar(child, scope, sink);
        return;
      }
      if (kind === 'NameReference') {
        const binding = this.lookup(scope, this.syntax.name(node));
        if (binding && binding.kind !== 'scalar' && !(binding.kind === 'param' && !binding.param.isTabular)) {
          consume(this.nameReference(node, scope, sink), sink);
        } else if (binding?.kind === 'scalar') {
          addAll(sink, binding.pending);
        }
        return;
      }
      if (kind === 'FunctionCallExpression') {
        const name = this.syntax.name(node);
        const binding = this.lookup(scope, name);
        if (binding || TABLE_FUNCTIONS.has(name)) {
          consume(this.call(node, scope, sink, true), sink);
          return;
        }
        for (const arg of this.syntax.arguments(node)) this.scalar(arg, scope, sink);
        return;
      }
    }
    for (const child of this.syntax.children(node)) this.scalar(child, scope, sink);
  }

  // --- time bounds -------------------------------------------------------------------------------------------

  private isTimeBound(node: KustoElement | undefined, scope: Scope | undefined): boolean {
    const condition = this.syntax.unparen(node);
    const left = this.syntax.child(condition, 'Left');
    const right = this.syntax.child(condition, 'Right');
    switch (this.syntax.kind(condition)) {
      case 'AndExpression':
        return this.isTimeBound(left, scope) || this.isTimeBound(right, scope);
      case 'OrExpression':
        return this.isTimeBound(left, scope) && this.isTimeBound(right, scope);
      case 'GreaterThanExpression':
      case 'GreaterThanOrEqualExpression':
        return this.isTimeColumn(left, scope) && this.isTimeValue(right, scope);
      case 'LessThanExpression':
      case 'LessThanOrEqualExpression':
        return this.isTimeValue(left, scope) && this.isTimeColumn(right, scope);
      case 'EqualExpression':
        return (this.isTimeColumn(left, scope) && this.isTimeValue(right, scope)) || (this.isTimeValue(left, scope) && this.isTimeColumn(right, scope));
      case 'BetweenExpression':
        return this.isTimeColumn(left, scope) && this.isTimeValue(this.syntax.child(right, 'First'), scope);
      default:
        return false;
    }
  }

  private isTimeColumn(node: KustoElement | undefined, scope: Scope | undefined): boolean {
    const expression = this.syntax.unparen(node);
    switch (this.syntax.kind(expression)) {
      case 'NameReference': {
        const name = this.syntax.name(expression);
        return !this.lookup(scope, name) && isTimeColumnName(name);
      }
      case 'PathExpression': {
        const root = this.syntax.name(this.syntax.child(expression, 'Expression'));
        return (root === '$left' || root === '$right') && isTimeColumnName(this.syntax.name(this.syntax.child(expression, 'Selector')));
      }
      case 'FunctionCallExpression': {
        const name = this.syntax.name(expression);
        if (name === 'ingestion_time') return true;
        const first = this.syntax.arguments(expression)[0];
        return TIME_COLUMN_FUNCTIONS.has(name) && !this.lookup(scope, name) && this.isTimeColumn(first, scope);
      }
      default:
        return false;
    }
  }

  private isTimeValue(node: KustoElement | undefined, scope: Scope | undefined): boolean {
    const expression = this.syntax.unparen(node);
    switch (this.syntax.kind(expression)) {
      case 'DateTimeLiteralExpression':
      case 'ToScalarExpression':
        return true;
      case 'FunctionCallExpression': {
        const name = this.syntax.name(expression);
        if (this.lookup(scope, name)) return false;
        if (name === 'ago' || name === 'now') return true;
        if (!TIME_VALUE_FUNCTIONS.has(name)) return false;
        const args = this.syntax.arguments(expression).map((arg) => this.syntax.argumentValue(arg));
        if (!args.every((arg) => this.isConstant(arg, scope))) return false;
        if (name === 'bin' || name === 'floor' || name === 'bin_at') return this.isTimeValue(args[0], scope);
        if (name === 'datetime_add') return this.isTimeValue(args[2], scope);
        return true;
      }
      case 'AddExpression':
      case 'SubtractExpression': {
        const left = this.syntax.child(expression, 'Left');
        const right = this.syntax.child(expression, 'Right');
        return (this.isTimeValue(left, scope) && this.isConstant(right, scope)) || (this.isConstant(left, scope) && this.isTimeValue(right, scope));
      }
      case 'NameReference': {
        const binding = this.lookup(scope, this.syntax.name(expression));
        if (binding?.kind === 'scalar') return binding.isTime;
        return binding?.kind === 'param' && binding.param.isTime;
      }
      default:
        return false;
    }
  }

  /** Whether an expression has one value for every row: literals, `let` scalars, parameters, built-ins over them. */
  private isConstant(node: KustoElement | undefined, scope: Scope | undefined): boolean {
    const expression = this.syntax.unparen(node);
    const kind = this.syntax.kind(expression);
    if (!expression) return false;
    if (kind.endsWith('LiteralExpression') || kind === 'DynamicExpression' || kind === 'ToScalarExpression') return true;
    switch (kind) {
      case 'NameReference': {
        const binding = this.lookup(scope, this.syntax.name(expression));
        return binding?.kind === 'scalar' || (binding?.kind === 'param' && !binding.param.isTabular);
      }
      case 'FunctionCallExpression': {
        const name = this.syntax.name(expression);
        if (this.lookup(scope, name)) return false;
        if (name === 'ago' || name === 'now') return true;
        return this.isBuiltin(name) && this.syntax.arguments(expression).every((arg) => this.isConstant(this.syntax.argumentValue(arg), scope));
      }
      case 'UnaryMinusExpression':
      case 'UnaryPlusExpression':
        return this.isConstant(this.syntax.child(expression, 'Expression'), scope);
      case 'AddExpression':
      case 'SubtractExpression':
      case 'MultiplyExpression':
      case 'DivideExpression':
        return this.isConstant(this.syntax.child(expression, 'Left'), scope) && this.isConstant(this.syntax.child(expression, 'Right'), scope);
      default:
        return false;
    }
  }

  // --- sources -----------------------------------------------------------------------------------------------

  private table(name: string, node: KustoElement, kind: 'table' | 'function'): Source {
    const source: Source = { name, start: node.TextStart, end: node.End, kind };
    this.tables.push({ name, start: source.start, end: source.end, isFunctionCall: kind === 'function' });
    return source;
  }
}

function bind(scope: Scope | undefined, name: string, binding: Binding): Scope {
  return { name, binding, parent: scope };
}

function addAll(target: Flow, sources: Iterable<Source>): void {
  for (const source of sources) target.add(source);
}

/** The flow ends here: its sources were read without a bound (for now: a `let` body commits when used). */
function consume(flow: Flow, sink: Flow): void {
  addAll(sink, flow);
}

function isOperator(kind: string): boolean {
  return kind.endsWith('Operator') || NO_SOURCE_EXPRESSIONS.has(kind);
}

/** Whether a column name looks like a time column (see the header comment). */
export function isTimeColumnName(name: string): boolean {
  let lower = name.toLowerCase();
  if (lower.startsWith('_')) lower = lower.slice(1);
  if (lower.endsWith('_t')) lower = lower.slice(0, -2);
  return lower.startsWith('time') || ['time', 'timestamp', 'datetime', 'timeutc'].some((suffix) => lower.endsWith(suffix));
}
