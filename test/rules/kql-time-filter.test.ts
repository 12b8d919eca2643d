// Table tests for kql-time-filter: hunting queries need a bound; scheduled rules need a sane queryPeriod.
import { ruleTests } from './rule-tester';

const rule = (extra: string, query = '  SigninLogs\n  | where ResultType != "0"\n'): string =>
  `id: 00000000-0000-0000-0000-000000000001\nname: Test rule\nkind: Scheduled\n${extra}query: |\n${query}`;

ruleTests('kql-time-filter', 'kql', {
  valid: [
    'SigninLogs\n| where TimeGenerated > ago(1d)\n| summarize count() by UserPrincipalName\n',
    'let lookback = 7d;\nDeviceProcessEvents\n| where Timestamp > ago(lookback)\n',
    'let start = ago(1d);\nSecurityEvent\n| where TimeGenerated between (start .. now())\n',
    'let Recent = SigninLogs | where TimeGenerated > ago(1d);\nRecent | take 10\n',
    { name: 'timeFilter optional', code: 'SigninLogs | take 10\n', policy: 'kql:\n  timeFilter: optional\n' },
    { name: 'scheduled rule with queryPeriod needs no filter', code: rule('queryFrequency: 1h\nqueryPeriod: 1h\n'), file: 'rules/r.yaml' },
  ],
  invalid: [
    { name: 'no filter', code: 'SigninLogs\n| where ResultType != "0"\n', errors: [{ text: 'SigninLogs', message: '`SigninLogs` is read without a time filter; add e.g. `| where TimeGenerated > ago(1d)` right after it' }] },
    { name: 'filter after summarize does not count', code: 'SigninLogs\n| summarize arg_max(TimeGenerated, *) by UserPrincipalName\n| where TimeGenerated > ago(1d)\n', errors: [{ text: 'SigninLogs' }] },
    { name: 'union with one unbounded side', code: 'union (SigninLogs | where TimeGenerated > ago(1d)), AADNonInteractiveUserSignInLogs\n| take 5\n', errors: [{ text: 'AADNonInteractiveUserSignInLogs' }] },
    { name: 'hunting query in YAML', code: 'name: hunt\nquery: |\n  DeviceNetworkEvents\n  | where RemotePort == 4444\n', file: 'hunting/h.yaml', errors: [{ text: 'DeviceNetworkEvents', line: 3 }] },
    { name: 'markdown kql block', code: '# Notes\n\n```kql\nSecurityAlert\n| take 10\n```\n', file: 'notes.md', errors: [{ text: 'SecurityAlert', line: 4 }] },
    { name: 'scheduled rule without queryPeriod', code: rule('queryFrequency: 1h\n'), file: 'rules/r.yaml', errors: [{ message: /has no `queryPeriod`/ }] },
    { name: 'queryPeriod over 14 days', code: rule('queryFrequency: 1d\nqueryPeriod: 30d\n'), file: 'rules/r.yaml', errors: [{ text: '30d', message: /exceeds the 14 days/ }] },
    { name: 'queryPeriod shorter than frequency', code: rule('queryFrequency: 1d\nqueryPeriod: 1h\n'), file: 'rules/r.yaml', errors: [{ text: '1h', message: /shorter than `queryFrequency: 1d`/ }] },
  ],
});
