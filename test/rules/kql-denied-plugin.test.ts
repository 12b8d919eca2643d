// Table tests for kql-denied-plugin.
import { ruleTests } from './rule-tester';

ruleTests('kql-denied-plugin', 'kql', {
  valid: ['SigninLogs\n| where TimeGenerated > ago(1d)\n| evaluate bag_unpack(DeviceDetail)\n', 'SecurityEvent\n| where TimeGenerated > ago(1h)\n| evaluate autocluster()\n'],
  invalid: [
    {
      name: 'python plugin',
      code: 'SecurityEvent\n| where TimeGenerated > ago(1d)\n| evaluate python(typeof(*), "result = df")\n',
      errors: [{ text: 'python', line: 3, message: /^`evaluate python` is denied by policy Test policy 1\.0\.0: / }],
    },
    { name: 'http_request_post', code: 'evaluate http_request_post("https://x.example.org", dynamic({}), dynamic({}), "{}")\n', errors: [{ text: 'http_request_post' }] },
    {
      name: 'policy-defined plugin, any case',
      code: 'SigninLogs\n| where TimeGenerated > ago(1d)\n| evaluate Bag_Unpack(DeviceDetail)\n',
      policy: 'kql:\n  plugins:\n    deny: [{ name: bag_unpack, reason: "schema drift", alternative: "explicit extend" }]\n',
      errors: [{ message: '`evaluate Bag_Unpack` is denied by policy Test policy 1.0.0: schema drift; approved alternative: explicit extend' }],
    },
  ],
});
