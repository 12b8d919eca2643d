// Table tests for kql-unapproved-workspace.
import { ruleTests } from './rule-tester';

const ALLOW = 'kql:\n  workspaces:\n    allow: [contoso-soc-prod, "contoso-*-dev"]\n';

ruleTests('kql-unapproved-workspace', 'kql', {
  valid: [
    { code: 'workspace("contoso-soc-prod").SigninLogs | where TimeGenerated > ago(1d)\n', policy: ALLOW },
    { code: 'workspace("Contoso-Hunt-Dev").SigninLogs | where TimeGenerated > ago(1d)\n', policy: ALLOW },
    { name: 'no allowlist: not restricted', code: 'workspace("anything").SigninLogs | where TimeGenerated > ago(1d)\n' },
  ],
  invalid: [
    {
      name: 'workspace not approved',
      code: 'union SigninLogs, workspace("contoso-legal-prod").SigninLogs\n| where TimeGenerated > ago(1d)\n',
      policy: ALLOW,
      errors: [{ message: '`workspace("contoso-legal-prod")` is not an approved cross-resource target (policy Test policy 1.0.0); add it to `kql.workspaces.allow` if it is' }],
    },
    { name: 'cluster', code: 'cluster("https://help.kusto.windows.net").database("Samples").StormEvents | take 1\n', policy: ALLOW, errors: [{ message: /`cluster\(/ }, { message: /`database\(/ }] },
  ],
});
