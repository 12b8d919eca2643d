// Table tests for kql-unapproved-table.
import { ruleTests } from './rule-tester';

const ALLOWLIST = 'kql:\n  tables:\n    default: deny\n    allow: [SigninLogs, "Device*", "*_CL"]\n    deny: [{ name: HRLeavers_CL, reason: "HR data is out of scope" }]\n';

ruleTests('kql-unapproved-table', 'kql', {
  valid: [
    { code: 'SigninLogs | where TimeGenerated > ago(1d)\n', policy: ALLOWLIST },
    { code: 'DeviceProcessEvents | where Timestamp > ago(1d)\n', policy: ALLOWLIST },
    { code: 'Firewall_CL | where TimeGenerated > ago(1d)\n', policy: ALLOWLIST },
    { name: 'ASIM parsers are functions', code: '_Im_NetworkSession(starttime=ago(1d))\n| take 5\n', policy: ALLOWLIST },
    { name: 'let-bound names are not tables', code: 'let T = SigninLogs | where TimeGenerated > ago(1d);\nT | take 1\n', policy: ALLOWLIST },
    { name: 'default allow', code: 'AuditLogs | where TimeGenerated > ago(1d)\n' },
  ],
  invalid: [
    { name: 'not on the allowlist', code: 'AuditLogs | where TimeGenerated > ago(1d)\n', policy: ALLOWLIST, errors: [{ text: 'AuditLogs', message: '`AuditLogs` is not on the approved table list (policy Test policy 1.0.0)' }] },
    { name: 'denied custom table beats the *_CL allow', code: 'HRLeavers_CL | where TimeGenerated > ago(1d)\n', policy: ALLOWLIST, errors: [{ message: '`HRLeavers_CL` is denied by policy Test policy 1.0.0: HR data is out of scope' }] },
    { name: 'case matters', code: 'signinlogs | where TimeGenerated > ago(1d)\n', policy: ALLOWLIST, errors: [{ text: 'signinlogs' }] },
  ],
});
