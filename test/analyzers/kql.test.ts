// Table tests for the KQL analyzer: tables, time bounds, plug-ins, cross-resource calls, endpoints, functions, calls, comments, syntax errors.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Analyzer } from '../../src/core/analyzers/analyzer';
import { loadKqlAnalyzer } from '../../src/core/analyzers/kql';
import type { KqlQueryFacts, ScriptModel } from '../../src/core/model';
import { testHost } from '../helpers';
import { assertSpansInside, textAt } from './kql-helpers';

let analyzer: Analyzer;

before(async () => {
  analyzer = await loadKqlAnalyzer(testHost());
});

function analyze(text: string, path = '/work/queries/test.kql'): ScriptModel {
  const model = analyzer.analyze(text, { path });
  assertSpansInside(text, model, path);
  return model;
}

function onlyQuery(model: ScriptModel): KqlQueryFacts {
  const queries = model.kql?.queries ?? [];
  assert.equal(queries.length, 1, `expected one query, got ${queries.length}`);
  const [query] = queries;
  assert.ok(query);
  return query;
}

describe('kql analyzer: tables', () => {
  const rows: { query: string; tables: string[]; texts?: string[] }[] = [
    { query: 'SigninLogs | take 10', tables: ['SigninLogs'] },
    { query: 'union SigninLogs, AADNonInteractiveUserSignInLogs', tables: ['SigninLogs', 'AADNonInteractiveUserSignInLogs'] },
    { query: 'union withsource=SourceTable AAD*, (AuditLogs | take 1)', tables: ['AAD*', 'AuditLogs'] },
    { query: 'SigninLogs | union kind=outer isfuzzy=true SecurityEvent', tables: ['SigninLogs', 'SecurityEvent'] },
    { query: 'SigninLogs\n| join kind=inner (AuditLogs | project Identity) on $left.UserPrincipalName == $right.Identity', tables: ['SigninLogs', 'AuditLogs'] },
    { query: 'SigninLogs | lookup kind=leftouter IdentityInfo on $left.UserPrincipalName == $right.AccountUPN', tables: ['SigninLogs', 'IdentityInfo'] },
    { query: 'let M = materialize(SecurityEvent | where EventID == 4625);\nM | join (M | take 1) on Account', tables: ['SecurityEvent'] },
    { query: 'SigninLogs | extend total = toscalar(AuditLogs | count)', tables: ['SigninLogs', 'AuditLogs'] },
    { query: 'SigninLogs | where UserPrincipalName in ((IdentityInfo | project AccountUPN))', tables: ['SigninLogs', 'IdentityInfo'] },
    { query: 'let Recent = SigninLogs;\nlet f = (T:(*)) { T | take 1 };\nf(Recent) | union Recent', tables: ['SigninLogs'] },
    { query: "table('Custom_CL') | take 1", tables: ['Custom_CL'], texts: ["'Custom_CL'"] },
    { query: "['Table With Space'] | take 1", tables: ['Table With Space'], texts: ["['Table With Space']"] },
    { query: 'workspace("contoso-ws").SecurityEvent | take 1', tables: ['SecurityEvent'] },
    { query: 'app("fabrikam-app").requests | take 1', tables: ['requests'] },
    { query: 'cluster("help").database("Samples").StormEvents | take 1', tables: ['StormEvents'] },
    { query: "adx('https://help.kusto.windows.net/Samples').StormEvents | take 1", tables: ['StormEvents'] },
    { query: 'search in (SecurityEvent, Syslog) "mimikatz"', tables: ['SecurityEvent', 'Syslog'] },
    { query: 'union * | where TimeGenerated > ago(1d)', tables: ['*'] },
    { query: 'find in (DeviceProcessEvents, DeviceFileEvents) where FileName == "x.exe"', tables: ['DeviceProcessEvents', 'DeviceFileEvents'] },
    { query: 'datatable(a:long)[1, 2] | join (print b = 1) on $left.a == $right.b', tables: [] },
    { query: 'range x from 1 to 10 step 1 | extend y = x * 2', tables: [] },
    { query: 'let threshold = 5;\nlet users = dynamic(["a"]);\nSigninLogs | where UserPrincipalName in (users) | where RiskLevel > threshold', tables: ['SigninLogs'] },
    { query: 'SigninLogs | as S | join (S | take 1) on UserPrincipalName', tables: ['SigninLogs'] },
  ];
  for (const row of rows) {
    it(row.query.replace(/\n/g, ' '), () => {
      const query = onlyQuery(analyze(row.query));
      assert.deepEqual(query.tables.map((table) => table.name), row.tables);
      const texts = row.texts ?? row.tables;
      assert.deepEqual(query.tables.map((table) => textAt(row.query, table.span)), texts);
    });
  }

  it('marks workspace functions read as tables', () => {
    const text = '_Im_NetworkSession(starttime=ago(1d)) | union _GetWatchlist("vip"), imAuthentication';
    const query = onlyQuery(analyze(text));
    assert.deepEqual(
      query.tables.map((table) => [table.name, table.isFunctionCall === true, textAt(text, table.span)]),
      [
        ['_Im_NetworkSession', true, '_Im_NetworkSession'],
        ['_GetWatchlist', true, '_GetWatchlist'],
        ['imAuthentication', false, 'imAuthentication'],
      ],
    );
  });

  it('does not take columns, let scalars or built-in functions for tables', () => {
    const query = onlyQuery(analyze('let start = ago(1d);\nSigninLogs | where TimeGenerated > start | extend h = hash_sha256(UserPrincipalName) | summarize count() by h'));
    assert.deepEqual(query.tables.map((table) => table.name), ['SigninLogs']);
  });
});

describe('kql analyzer: time bounds', () => {
  const rows: { name: string; query: string; unbounded: string[] }[] = [
    { name: 'where TimeGenerated > ago()', query: 'SigninLogs | where TimeGenerated > ago(1d)', unbounded: [] },
    { name: 'no filter', query: 'SigninLogs | take 10', unbounded: ['SigninLogs'] },
    { name: 'filter on another column', query: 'SigninLogs | where ResultType == 0', unbounded: ['SigninLogs'] },
    { name: 'upper bound only', query: 'SigninLogs | where TimeGenerated < ago(7d)', unbounded: ['SigninLogs'] },
    { name: 'reversed comparison', query: 'SigninLogs | where ago(1d) <= TimeGenerated', unbounded: [] },
    { name: 'equality with a time value', query: 'SigninLogs | where bin(TimeGenerated, 1d) == startofday(now())', unbounded: [] },
    { name: 'one operand of and', query: 'SigninLogs | where ResultType == 0 and TimeGenerated >= ago(1d)', unbounded: [] },
    { name: 'or with an unbounded branch', query: 'SigninLogs | where TimeGenerated > ago(1d) or ResultType == 0', unbounded: ['SigninLogs'] },
    { name: 'or with both branches bounded', query: 'SigninLogs | where TimeGenerated > ago(1d) or ingestion_time() > ago(1h)', unbounded: [] },
    { name: 'let timespan in ago()', query: 'let lookback = 7d;\nSigninLogs | where TimeGenerated > ago(lookback)', unbounded: [] },
    { name: 'let datetime in between', query: 'let start = ago(1d);\nSigninLogs | where TimeGenerated between (start .. now())', unbounded: [] },
    { name: 'between datetime literals', query: 'SecurityEvent | where TimeGenerated between (datetime(2024-01-01) .. datetime(2024-01-02))', unbounded: [] },
    { name: '!between is no bound', query: 'SecurityEvent | where TimeGenerated !between (ago(1d) .. now())', unbounded: ['SecurityEvent'] },
    { name: 'let chain of time values', query: 'let lookback = 14d;\nlet start = startofday(ago(lookback));\nlet end = start + 7d;\nSigninLogs | where TimeGenerated between (start .. end)', unbounded: [] },
    { name: 'todatetime of a string', query: "let start = todatetime('2024-05-01T00:00:00Z');\nSigninLogs | where TimeGenerated >= start", unbounded: [] },
    { name: 'now() minus a timespan', query: 'SigninLogs | where TimeGenerated > now() - 1h', unbounded: [] },
    { name: 'let toscalar as a bound', query: 'let lastSeen = toscalar(Heartbeat | where TimeGenerated > ago(1d) | summarize max(TimeGenerated));\nSigninLogs | where TimeGenerated > lastSeen - 1h', unbounded: [] },
    { name: 'column against column', query: 'SigninLogs | where TimeGenerated > CreatedDateTime', unbounded: ['SigninLogs'] },
    { name: 'todatetime of a column', query: 'SigninLogs | where TimeGenerated > todatetime(LastSeen)', unbounded: ['SigninLogs'] },
    { name: 'Timestamp (Defender)', query: 'DeviceProcessEvents | where Timestamp > ago(7d)', unbounded: [] },
    { name: 'custom log _t column', query: 'MyApp_CL | where EventTime_t > ago(1d)', unbounded: [] },
    { name: 'CreatedDateTime', query: 'AADRiskyUsers | where CreatedDateTime >= ago(30d)', unbounded: [] },
    { name: 'ingestion_time()', query: 'Syslog | where ingestion_time() > ago(10m)', unbounded: [] },
    { name: 'bracketed column', query: "SigninLogs | where ['TimeGenerated'] > ago(1d)", unbounded: [] },
    { name: 'let tabular bounded inside', query: 'let Recent = SigninLogs | where TimeGenerated > ago(1d);\nRecent | summarize count() by UserPrincipalName', unbounded: [] },
    { name: 'let tabular bounded by its consumer', query: 'let Raw = SigninLogs;\nRaw | where TimeGenerated > ago(1d)', unbounded: [] },
    { name: 'let tabular used bounded and unbounded', query: 'let Raw = SigninLogs;\nRaw | where TimeGenerated > ago(1d)\n| union (Raw | take 1)', unbounded: ['SigninLogs'] },
    { name: 'let chain through two names', query: 'let A = SigninLogs | project TimeGenerated, UserPrincipalName;\nlet B = A | where TimeGenerated > ago(1d);\nB | count', unbounded: [] },
    { name: 'unused let is not read', query: 'let Unused = AuditLogs;\nSigninLogs | where TimeGenerated > ago(1d)', unbounded: [] },
    { name: 'union of bounded and unbounded', query: 'union (SigninLogs | where TimeGenerated > ago(1d)), AuditLogs', unbounded: ['AuditLogs'] },
    { name: 'where after union bounds every input', query: 'union SigninLogs, AADNonInteractiveUserSignInLogs\n| where TimeGenerated > ago(1d)', unbounded: [] },
    { name: 'union withsource with wildcard', query: 'union withsource=T AAD*\n| where TimeGenerated > ago(1d)', unbounded: [] },
    { name: 'extend, project, parse, mv-expand pass rows', query: 'SecurityEvent | extend x = 1 | parse EventData with * "<Data>" D "</Data>" * | mv-expand D | project TimeGenerated, D | where TimeGenerated > ago(1d)', unbounded: [] },
    { name: 'where after summarize does not count', query: 'SigninLogs | summarize arg_max(TimeGenerated, *) by UserPrincipalName | where TimeGenerated > ago(1d)', unbounded: ['SigninLogs'] },
    { name: 'where after take does not count', query: 'SigninLogs | sort by TimeGenerated desc | take 10 | where TimeGenerated > ago(1d)', unbounded: ['SigninLogs'] },
    { name: 'join with both sides bounded', query: 'SigninLogs | where TimeGenerated > ago(1d)\n| join kind=inner (AuditLogs | where TimeGenerated > ago(1d)) on $left.UserPrincipalName == $right.Identity', unbounded: [] },
    { name: 'join with the right side unbounded', query: 'SigninLogs | where TimeGenerated > ago(1d)\n| join kind=leftouter (IdentityInfo) on $left.UserPrincipalName == $right.AccountUPN', unbounded: ['IdentityInfo'] },
    { name: 'where after join does not count', query: 'SigninLogs | join AuditLogs on CorrelationId | where TimeGenerated > ago(1d)', unbounded: ['SigninLogs', 'AuditLogs'] },
    { name: 'lookup table unbounded', query: 'SigninLogs | where TimeGenerated > ago(1d) | lookup kind=leftouter (Watch_CL) on IPAddress', unbounded: ['Watch_CL'] },
    { name: 'materialize of a bounded query', query: 'let M = materialize(SigninLogs | where TimeGenerated > ago(1d));\nM | summarize count()', unbounded: [] },
    { name: 'toscalar subquery ends its flow', query: 'let maxTime = toscalar(SigninLogs | summarize max(TimeGenerated));\nSigninLogs | where TimeGenerated > maxTime - 1h', unbounded: ['SigninLogs'] },
    { name: 'in subquery ends its flow', query: 'SigninLogs | where TimeGenerated > ago(1d)\n| where UserPrincipalName in ((AuditLogs | project Identity))', unbounded: ['AuditLogs'] },
    { name: 'let tabular used in in()', query: 'let vips = IdentityInfo | where TimeGenerated > ago(14d) | project AccountUPN;\nSigninLogs | where TimeGenerated > ago(1d) | where UserPrincipalName in (vips)', unbounded: [] },
    { name: 'let function bounding with its parameter', query: 'let f = (lookback:timespan) { SigninLogs | where TimeGenerated > ago(lookback) };\nf(1d) | count', unbounded: [] },
    { name: 'let function with an unbounded body', query: 'let f = () { SigninLogs | project UserPrincipalName };\nf() | count', unbounded: ['SigninLogs'] },
    { name: 'let function bounded by its caller', query: 'let f = () { SigninLogs };\nf() | where TimeGenerated > ago(1d)', unbounded: [] },
    { name: 'uncalled let function', query: 'let f = () { SigninLogs | count };\nprint x = 1', unbounded: [] },
    { name: 'view', query: 'let v = view () { SecurityEvent | where TimeGenerated > ago(1h) };\nv | count', unbounded: [] },
    { name: 'datetime parameter', query: 'let f = (start:datetime) { SigninLogs | where TimeGenerated >= start };\nf(ago(1d))', unbounded: [] },
    { name: 'tabular parameter bounded in the body (invoke)', query: 'let recent = (T:(TimeGenerated:datetime)) { T | where TimeGenerated > ago(1d) };\nSigninLogs | invoke recent()', unbounded: [] },
    { name: 'tabular parameter bounded in the body (call)', query: 'let recent = (T:(*)) { T | where TimeGenerated > ago(1d) };\nrecent(SigninLogs) | count', unbounded: [] },
    { name: 'tabular parameter passed through', query: 'let keep = (T:(*)) { T | project-away Extra };\nkeep(SigninLogs) | where TimeGenerated > ago(1d)', unbounded: [] },
    { name: 'tabular parameter consumed unbounded', query: 'let counts = (T:(*)) { T | summarize count() };\ncounts(SigninLogs)', unbounded: ['SigninLogs'] },
    { name: 'declare query_parameters', query: 'declare query_parameters(start:datetime);\nSigninLogs | where TimeGenerated > start', unbounded: [] },
    { name: 'make-series from ago()', query: 'SigninLogs | make-series count() default=0 on TimeGenerated from ago(7d) to now() step 1h', unbounded: [] },
    { name: 'make-series in range()', query: 'SigninLogs | make-series count() on TimeGenerated in range(ago(7d), now(), 1h)', unbounded: [] },
    { name: 'make-series without a range', query: 'SigninLogs | make-series count() default=0 on TimeGenerated step 1h', unbounded: ['SigninLogs'] },
    { name: 'ASIM parser with starttime', query: '_Im_NetworkSession(starttime=ago(1d), endtime=now()) | summarize count() by SrcIpAddr', unbounded: [] },
    { name: 'ASIM parser without a time argument', query: '_Im_Dns() | take 10', unbounded: ['_Im_Dns'] },
    { name: 'ASIM parser by name', query: 'imAuthentication | where TimeGenerated > ago(1d)', unbounded: [] },
    { name: '_GetWatchlist is never reported', query: "_GetWatchlist('HighValueAssets') | project SearchKey", unbounded: [] },
    { name: 'search over every table', query: 'search "mimikatz"', unbounded: ['*'] },
    { name: 'search with a time bound', query: 'search in (SecurityEvent, Syslog) "mimikatz" and TimeGenerated > ago(1d)', unbounded: [] },
    { name: 'find with a time bound', query: 'find in (SecurityEvent) where TimeGenerated > ago(1d) and EventID == 4688', unbounded: [] },
    { name: 'cross-workspace bounded', query: 'workspace("ws1").SecurityEvent | where TimeGenerated > ago(1d)', unbounded: [] },
    { name: 'evaluate bag_unpack passes rows', query: 'SigninLogs | evaluate bag_unpack(DeviceDetail) | where TimeGenerated > ago(1d)', unbounded: [] },
    { name: 'other plug-ins end the flow', query: 'SigninLogs | evaluate autocluster() | where TimeGenerated > ago(1d)', unbounded: ['SigninLogs'] },
    { name: 'two statements', query: 'SigninLogs | take 1;\nAuditLogs | where TimeGenerated > ago(1d)', unbounded: ['SigninLogs'] },
    { name: 'as name reused', query: 'SigninLogs | where TimeGenerated > ago(1d) | as S | join (S | take 1) on UserPrincipalName', unbounded: [] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const query = onlyQuery(analyze(row.query));
      assert.deepEqual(query.unboundedTables.map((table) => table.name), row.unbounded, row.query);
      for (const table of query.unboundedTables) {
        assert.equal(textAt(row.query, table.span), table.name === '*' ? 'search' : table.name);
      }
    });
  }

  it('reports the read inside toscalar, not the bounded one after it', () => {
    const text = 'let maxTime = toscalar(SigninLogs | summarize max(TimeGenerated));\nSigninLogs | where TimeGenerated > maxTime - 1h';
    const query = onlyQuery(analyze(text));
    assert.deepEqual(query.unboundedTables.map((table) => table.span), [{ startLine: 1, startColumn: 24, endLine: 1, endColumn: 34 }]);
  });
});

describe('kql analyzer: plug-ins, cross-resource calls, endpoints', () => {
  it('lists evaluate plug-ins with their name spans', () => {
    const text = 'SigninLogs | evaluate bag_unpack(DeviceDetail)\n| evaluate ipv4_lookup(Ranges, IPAddress, Network)';
    const query = onlyQuery(analyze(text));
    assert.deepEqual(query.plugins.map((plugin) => [plugin.name, textAt(text, plugin.span)]), [
      ['bag_unpack', 'bag_unpack'],
      ['ipv4_lookup', 'ipv4_lookup'],
    ]);
  });

  it('lists cross-resource calls with kind and target', () => {
    const text = [
      'union workspace("contoso-ws").SecurityEvent,',
      "  app('fabrikam').requests,",
      '  cluster("help.kusto.windows.net").database("Samples").StormEvents,',
      '  adx("https://help.kusto.windows.net/Samples").StormEvents,',
      '  arg("").Resources',
    ].join('\n');
    const query = onlyQuery(analyze(text));
    assert.deepEqual(query.crossResource.map((call) => [call.kind, call.target, textAt(text, call.span)]), [
      ['workspace', 'contoso-ws', 'workspace("contoso-ws")'],
      ['app', 'fabrikam', "app('fabrikam')"],
      ['cluster', 'help.kusto.windows.net', 'cluster("help.kusto.windows.net")'],
      ['database', 'Samples', 'database("Samples")'],
      ['adx', 'https://help.kusto.windows.net/Samples', 'adx("https://help.kusto.windows.net/Samples")'],
      ['arg', '', 'arg("")'],
    ]);
  });

  it('finds externaldata and http_request endpoints', () => {
    const text = [
      'let feed = externaldata(Ip:string, Tag:string)',
      '  [ h@"https://Stor.blob.core.windows.net/feeds/ips.csv?sv=2024&sig=secret", "https://raw.example.org/list.txt" ]',
      '  with (format="csv", ignoreFirstRecord=true);',
      'evaluate http_request("https://api.example.com:8443/v1/lookup?q=1")',
      '| union (evaluate http_request_post(@"https://hooks.example.net/post", dynamic({}), "{}"))',
      '| union feed',
    ].join('\n');
    const model = analyze(text);
    assert.deepEqual(model.endpoints?.map((endpoint) => [endpoint.via, endpoint.host, endpoint.url, textAt(text, endpoint.span)]), [
      ['externaldata', 'stor.blob.core.windows.net', 'https://Stor.blob.core.windows.net/feeds/ips.csv?sv=2024&sig=secret', 'h@"https://Stor.blob.core.windows.net/feeds/ips.csv?sv=2024&sig=secret"'],
      ['externaldata', 'raw.example.org', 'https://raw.example.org/list.txt', '"https://raw.example.org/list.txt"'],
      ['evaluate http_request', 'api.example.com', 'https://api.example.com:8443/v1/lookup?q=1', '"https://api.example.com:8443/v1/lookup?q=1"'],
      ['evaluate http_request_post', 'hooks.example.net', 'https://hooks.example.net/post', '@"https://hooks.example.net/post"'],
    ]);
    assert.deepEqual(onlyQuery(model).plugins.map((plugin) => plugin.name), ['http_request', 'http_request_post']);
  });
});

describe('kql analyzer: functions and calls', () => {
  it('lists let functions and views, nested ones qualified', () => {
    const text = [
      'let threshold = 5;',
      'let Recent = SigninLogs | where TimeGenerated > ago(1d);',
      'let failures = (user:string, lookback:timespan = 1d) {',
      '  let inner = (x:long) { x + 1 };',
      '  SigninLogs | where TimeGenerated > ago(lookback) and UserPrincipalName == user | extend n = inner(1)',
      '};',
      'let v = view () { AuditLogs | take 1 };',
      'failures("a@contoso.com") | union v',
    ].join('\n');
    const model = analyze(text);
    assert.deepEqual(
      model.functions.map((fn) => [fn.name, fn.qualifiedName, fn.kind, fn.isNested, textAt(text, fn.nameSpan)]),
      [
        ['failures', 'failures', 'let', false, 'failures'],
        ['inner', 'failures.inner', 'let', true, 'inner'],
        ['v', 'v', 'let', false, 'v'],
      ],
    );
    const failures = model.functions[0];
    assert.ok(failures);
    assert.ok(textAt(text, failures.span).startsWith('let failures = (user:string'));
    assert.ok(textAt(text, failures.span).endsWith('extend n = inner(1)\n}'));
    assert.equal(textAt(text, model.functions[2]?.span ?? failures.span), 'let v = view () { AuditLogs | take 1 }');
  });

  it('lists calls with literal and named arguments, and evaluate as evaluate:<plugin>', () => {
    const text = '_Im_NetworkSession(starttime=ago(1d), eventresult="Failure", 3)\n| evaluate bag_unpack(Extra, "x_")';
    const model = analyze(text);
    const calls = model.calls.map((call) => ({
      callee: call.callee,
      written: call.written,
      text: textAt(text, call.span),
      callee_text: textAt(text, call.calleeSpan),
      args: call.arguments.map((arg) => [arg.name ?? null, arg.value ?? null, textAt(text, arg.span)]),
    }));
    assert.deepEqual(calls, [
      {
        callee: '_Im_NetworkSession',
        written: '_Im_NetworkSession',
        text: '_Im_NetworkSession(starttime=ago(1d), eventresult="Failure", 3)',
        callee_text: '_Im_NetworkSession',
        args: [
          ['starttime', null, 'starttime=ago(1d)'],
          ['eventresult', 'Failure', 'eventresult="Failure"'],
          [null, 3, '3'],
        ],
      },
      { callee: 'ago', written: 'ago', text: 'ago(1d)', callee_text: 'ago', args: [[null, null, '1d']] },
      {
        callee: 'evaluate:bag_unpack',
        written: 'bag_unpack',
        text: 'evaluate bag_unpack(Extra, "x_")',
        callee_text: 'bag_unpack',
        args: [[null, null, 'Extra'], [null, 'x_', '"x_"']],
      },
    ]);
  });
});

describe('kql analyzer: literal argument values', () => {
  it('unboxes Bridge.NET literal values', () => {
    const model = analyze('print x = pack_array(true, bool(false), 1.5, long(7), 42, int(null), "s" "t", 1d, Col)');
    const call = model.calls.find((site) => site.callee === 'pack_array');
    assert.deepEqual(call?.arguments.map((arg) => arg.value), [true, false, 1.5, 7, 42, null, 'st', undefined, undefined]);
  });
});

describe('kql analyzer: strings and comments', () => {
  it('decodes string literals and skips bracketed names', () => {
    const text = 'print a = "x\\"y", b = @"C:\\Temp", c = h\'secret\', d = ```multi\nline```, e = [\'col name\']';
    const model = analyze(text);
    assert.deepEqual(model.strings.map((string) => [string.value, textAt(text, string.span)]), [
      ['x"y', '"x\\"y"'],
      ['C:\\Temp', '@"C:\\Temp"'],
      ['secret', "h'secret'"],
      ['multi\nline', '```multi\nline```'],
    ]);
  });

  it('collects // comments with their text, span and whether they stand on their own line', () => {
    const text = [
      '// socguard-ignore kql-time-filter -- lookup table, ticket SOC-7',
      'let x = 1; // trailing',
      '  // indented own line',
      'SigninLogs // after a name',
      '| extend url = "https://not-a-comment.example.com" //',
      '| take x',
      '// last line',
    ].join('\n');
    const model = analyze(text);
    assert.deepEqual(model.comments.map((comment) => [comment.text, comment.isOwnLine, textAt(text, comment.span)]), [
      ['socguard-ignore kql-time-filter -- lookup table, ticket SOC-7', true, '// socguard-ignore kql-time-filter -- lookup table, ticket SOC-7'],
      ['trailing', false, '// trailing'],
      ['indented own line', true, '// indented own line'],
      ['after a name', false, '// after a name'],
      ['', false, '//'],
      ['last line', true, '// last line'],
    ]);
  });
});

describe('kql analyzer: syntax errors', () => {
  const rows: { name: string; text: string; errors: [string, number, number, number, number][] }[] = [
    { name: 'missing where condition', text: 'SigninLogs\n| where', errors: [['Missing expression', 2, 8, 2, 8]] },
    { name: 'dangling operator', text: 'SigninLogs | where ResultType ==', errors: [['Missing expression', 1, 33, 1, 33]] },
    { name: 'unterminated string', text: 'print "abc', errors: [['Missing: "', 1, 11, 1, 11]] },
    { name: 'unknown operator keyword', text: 'SigninLogs\r\n| frobnicate x', errors: [['Query operator expected.', 2, 3, 2, 13]] },
    { name: 'keyword as a let name', text: 'let last = 1;\nprint last', errors: [['The incomplete fragment is unexpected.', 1, 5, 1, 9]] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const model = analyze(row.text);
      assert.deepEqual(
        model.syntaxErrors.slice(0, row.errors.length).map((error) => [error.message, error.span.startLine, error.span.startColumn, error.span.endLine, error.span.endColumn]),
        row.errors,
      );
    });
  }

  it('reports the incomplete fragment with its extent', () => {
    const text = 'SigninLogs | where x = = 1';
    const model = analyze(text);
    assert.ok(model.syntaxErrors.length > 0);
    for (const error of model.syntaxErrors) assert.equal(error.span.startLine, 1);
  });

  it('reports no semantic diagnostics: unknown tables, columns, functions and plug-ins are fine', () => {
    const model = analyze('NoSuchTable_CL | where NoSuchColumn > 1 | extend y = no_such_function(2) | evaluate no_such_plugin()');
    assert.deepEqual(model.syntaxErrors, []);
  });

  it('analyzes a 5000-operator pipeline without exhausting the stack', () => {
    const model = analyzer.analyze(`SigninLogs${' | where ResultType != 0'.repeat(5000)}`, { path: '/q/long.kql' });
    assert.deepEqual(model.syntaxErrors, []);
    assert.deepEqual(model.kql?.queries[0]?.unboundedTables.map((table) => table.name), ['SigninLogs']);
  });

  it('never throws on hostile input', () => {
    const inputs = ['', '\u0000\u0001\u0002', '((((((((((', ')'.repeat(50), '|'.repeat(200), `print x = ${'('.repeat(3000)}1${')'.repeat(3000)}`, 'let', 'let f = (', '```', '\uD800'];
    for (const input of inputs) {
      const model = analyzer.analyze(input, { path: '/q/hostile.kql' });
      assert.equal(model.language, 'kql');
    }
  });
});

describe('kql analyzer: files', () => {
  it('reads a .kql file of blank-line separated queries as several queries', () => {
    const text = 'SigninLogs\n| take 10\n\nAuditLogs\n| where TimeGenerated > ago(1d)\n';
    const model = analyze(text);
    assert.deepEqual(model.syntaxErrors, []);
    const queries = model.kql?.queries ?? [];
    assert.deepEqual(queries.map((query) => [textAt(text, query.span), query.unboundedTables.map((table) => table.name)]), [
      ['SigninLogs\n| take 10', ['SigninLogs']],
      ['AuditLogs\n| where TimeGenerated > ago(1d)', []],
    ]);
  });

  it('reads a comment-only file as comments and no query', () => {
    const model = analyze('// TODO: write the hunting query\n\n// socguard-ignore kql-time-filter -- placeholder\n');
    assert.deepEqual(model.kql?.queries, []);
    assert.deepEqual(model.comments.map((comment) => comment.text), ['TODO: write the hunting query', 'socguard-ignore kql-time-filter -- placeholder']);
  });

  it('does not split a Sentinel rule query at blank lines', () => {
    const text = 'queryPeriod: 1d\nquery: |\n  SigninLogs\n\n  AuditLogs\n';
    const model = analyze(text, '/rules/two.yaml');
    assert.equal(model.kql?.queries.length, 1);
    assert.deepEqual(model.syntaxErrors.map((error) => error.message), ['Expected: ;']);
  });

  it('keeps a query with blank lines between its let statements whole', () => {
    const text = 'let lookback = 1d;\n\nlet Recent = SigninLogs | where TimeGenerated > ago(lookback);\n\nRecent\n| count\n';
    const model = analyze(text);
    assert.deepEqual(model.syntaxErrors, []);
    const query = onlyQuery(model);
    assert.deepEqual(query.unboundedTables, []);
    assert.equal(textAt(text, query.span), text.trim());
  });

  it('maps positions in a CRLF file with a BOM', () => {
    const text = '\uFEFF// header\r\nlet x = 1d;\r\nSecurityEvent\r\n| where TimeGenerated > ago(x) and Account == "a"\r\n| where\r\n';
    const model = analyze(text);
    const query = onlyQuery(model);
    assert.deepEqual(query.tables[0]?.span, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 14 });
    assert.deepEqual(model.comments.map((comment) => comment.span), [{ startLine: 1, startColumn: 1, endLine: 1, endColumn: 10 }]);
    assert.deepEqual(model.strings.map((string) => textAt(text, string.span)), ['"a"']);
    assert.deepEqual(model.syntaxErrors.map((error) => [error.message, error.span.startLine, error.span.startColumn]), [['Missing expression', 5, 8]]);
    assert.equal(model.lineCount, 6);
  });

  it('maps a Sentinel scheduled rule with a literal block query', () => {
    const text = [
      'id: 0b6e6d5e-9a2c-4f5b-8e3c-2f6a1c9d7e10',
      'name: Brute force against Azure Portal',
      'severity: Medium',
      'requiredDataConnectors:',
      '  - connectorId: AzureActiveDirectory',
      '    dataTypes: [SigninLogs]',
      'queryFrequency: 1d',
      'queryPeriod: "14d"',
      'triggerOperator: gt',
      'triggerThreshold: 0',
      'query: |',
      '  // suppress noisy service accounts',
      '  let threshold = 30;',
      '  SigninLogs',
      '  | where AppDisplayName == "Azure Portal"',
      '  | where ResultType in ("50126", "50053")',
      '  | summarize FailedLogons = count() by UserPrincipalName, IPAddress',
      '  | where FailedLogons > threshold',
      'entityMappings:',
      '  - entityType: Account',
      '    fieldMappings:',
      '      - identifier: FullName',
      '        columnName: UserPrincipalName',
      'version: 1.0.2',
      'kind: Scheduled',
      '',
    ].join('\n');
    const model = analyze(text, '/rules/BruteForce.yaml');
    assert.deepEqual(model.syntaxErrors, []);
    const query = onlyQuery(model);
    assert.equal(query.origin, 'scheduled-rule');
    assert.deepEqual(query.span, { startLine: 12, startColumn: 3, endLine: 18, endColumn: 35 });
    assert.deepEqual(query.tables.map((table) => [table.name, table.span]), [['SigninLogs', { startLine: 14, startColumn: 3, endLine: 14, endColumn: 13 }]]);
    assert.deepEqual(query.unboundedTables.map((table) => table.name), ['SigninLogs']);
    assert.deepEqual(model.strings.map((string) => [string.value, textAt(text, string.span)]), [
      ['Azure Portal', '"Azure Portal"'],
      ['50126', '"50126"'],
      ['50053', '"50053"'],
    ]);
    assert.deepEqual(model.comments.map((comment) => [comment.text, comment.isOwnLine, comment.span.startLine, comment.span.startColumn]), [
      ['suppress noisy service accounts', true, 12, 3],
    ]);
    assert.equal(query.schedule?.queryPeriod?.text, '14d');
    assert.equal(textAt(text, query.schedule?.queryPeriod?.span ?? query.span), '"14d"');
    assert.equal(query.schedule?.queryFrequency?.text, '1d');
    assert.equal(textAt(text, query.schedule?.queryFrequency?.span ?? query.span), '1d');
  });

  it('maps a syntax error inside a YAML block scalar to the file', () => {
    const text = 'name: x\nqueryPeriod: 1h\nqueryFrequency: 1h\nquery: |-\n    SecurityEvent\n    | where EventID ==\n    | take 1\n';
    const model = analyze(text, '/rules/x.yml');
    assert.deepEqual(model.syntaxErrors.map((error) => [error.message, error.span.startLine, error.span.startColumn]), [['Missing expression', 6, 23]]);
  });

  it('maps folded, double-quoted and single-quoted queries exactly', () => {
    const rows: { name: string; text: string }[] = [
      { name: 'folded', text: 'query: >\n  SigninLogs\n  | where TimeGenerated > ago(1d)\n  | where UserPrincipalName == "a@b.c"\n' },
      { name: 'folded strip', text: 'query: >-\n    SigninLogs | where TimeGenerated > ago(1d)\n\n    | where UserPrincipalName == "a@b.c"\n' },
      { name: 'double quoted', text: 'query: "SigninLogs | where TimeGenerated > ago(1d)\\n| where UserPrincipalName == \\"a@b.c\\"\\t"\n' },
      { name: 'double quoted, folded over lines', text: 'query: "SigninLogs\n  | where TimeGenerated > ago(1d) \\\n  | where UserPrincipalName == \\u0022a@b.c\\u0022"\n' },
      { name: 'single quoted', text: "query: 'SigninLogs | where TimeGenerated > ago(1d)\n  | where UserPrincipalName == ''a@b.c'''\n" },
      { name: 'plain', text: 'query: SigninLogs | where TimeGenerated > ago(1d)\n  | where UserPrincipalName == "a@b.c"\n' },
      { name: 'CRLF literal', text: 'query: |\r\n  SigninLogs\r\n  | where TimeGenerated > ago(1d)\r\n  | where UserPrincipalName == "a@b.c"\r\n' },
    ];
    for (const row of rows) {
      const model = analyze(row.text, `/hunting/${row.name}.yaml`);
      assert.deepEqual(model.syntaxErrors, [], row.name);
      const query = onlyQuery(model);
      assert.equal(query.origin, 'hunting', row.name);
      assert.deepEqual(query.unboundedTables, [], row.name);
      assert.deepEqual(query.tables.map((table) => textAt(row.text, table.span)), ['SigninLogs'], row.name);
      const calls = model.calls.map((call) => textAt(row.text, call.span));
      assert.deepEqual(calls, ['ago(1d)'], row.name);
      const [value] = model.strings;
      assert.equal(value?.value, 'a@b.c', row.name);
      const written = textAt(row.text, value?.span ?? query.span);
      assert.ok(['"a@b.c"', '\\"a@b.c\\"', "''a@b.c''", '\\u0022a@b.c\\u0022'].includes(written), `${row.name}: ${written}`);
    }
  });

  it('treats NRT rules as scheduled, hunting YAML as hunting, and reports YAML errors', () => {
    const nrt = onlyQuery(analyze('kind: NRT\nquery: SigninLogs | take 1\n', '/rules/nrt.yaml'));
    assert.equal(nrt.origin, 'scheduled-rule');
    assert.deepEqual(nrt.schedule, {});
    const hunting = onlyQuery(analyze('name: h\ndescription: x\nquery: |\n  SigninLogs | take 1\n', '/hunting/h.yaml'));
    assert.equal(hunting.origin, 'hunting');
    assert.equal(hunting.schedule, undefined);
    const broken = analyze('query: |\n  SigninLogs\nname: [unclosed\n', '/rules/broken.yaml');
    assert.ok(broken.syntaxErrors.some((error) => error.message.startsWith('YAML: ')));
  });

  it('reads ```kql and ```kusto fences of Markdown and skips others', () => {
    const text = [
      '# Hunting notes',
      '',
      '```python',
      'print("not kql")',
      '```',
      '',
      '```kql',
      'SigninLogs',
      '| where TimeGenerated > ago(1d) // bounded',
      '```',
      '',
      '1. A list item:',
      '',
      '   ~~~Kusto title="x"',
      '   AuditLogs',
      '   | take 5',
      '   ~~~',
      '',
      '````kql',
      'SecurityEvent | where',
    ].join('\r\n');
    const model = analyze(text, '/docs/notes.md');
    const queries = model.kql?.queries ?? [];
    assert.deepEqual(queries.map((query) => [query.origin, textAt(text, query.span), query.tables.map((table) => textAt(text, table.span))]), [
      ['markdown', 'SigninLogs\n| where TimeGenerated > ago(1d) // bounded', ['SigninLogs']],
      ['markdown', 'AuditLogs\n   | take 5', ['AuditLogs']],
      ['markdown', 'SecurityEvent | where', ['SecurityEvent']],
    ]);
    assert.deepEqual(queries.map((query) => query.span.startColumn), [1, 4, 1]);
    assert.deepEqual(model.comments.map((comment) => [comment.text, comment.span.startLine, comment.span.startColumn]), [['bounded', 9, 33]]);
    assert.deepEqual(model.syntaxErrors.map((error) => [error.message, error.span.startLine, error.span.startColumn]), [['Missing expression', 20, 22]]);
    assert.deepEqual(queries[1]?.unboundedTables.map((table) => table.name), ['AuditLogs']);
  });

  it('gives the same model on a second run', () => {
    const text = 'let Recent = SigninLogs | where TimeGenerated > ago(1d);\nRecent | join (AuditLogs) on CorrelationId // x\n| evaluate bag_unpack(y)';
    assert.deepEqual(analyze(text), analyze(text));
  });
});
