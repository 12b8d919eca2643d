// Table tests for denied-import.
import { ruleTests } from './rule-tester';

ruleTests('denied-import', 'python', {
  valid: ['import json\n', 'import pickletools\n', { name: 'pickle mentioned in a string', code: 'x = "import pickle"\n' }],
  invalid: [
    {
      name: 'baseline denies pickle with reason and alternative',
      code: 'import pickle\n',
      errors: [{ message: /^`pickle` is denied by policy Test policy 1\.0\.0: .+; approved alternative: `json`$/, text: 'pickle', fix: 'json' }],
    },
    { name: 'from-import of a denied module', code: 'from marshal import loads\n', errors: [{ text: 'marshal' }] },
    { name: 'submodule of a denied package', code: 'import telnetlib\nimport shelve\n', errors: [{ text: 'telnetlib' }, { text: 'shelve' }] },
    {
      name: 'a child deny beats an allow',
      code: 'import requests\n',
      policy: 'python:\n  imports:\n    allow: [requests]\n    deny: [{ module: requests, reason: "use the SOC proxy client", alternative: contoso_http }]\n',
      errors: [{ message: '`requests` is denied by policy Test policy 1.0.0: use the SOC proxy client; approved alternative: `contoso_http`', fix: 'contoso_http' }],
    },
    {
      name: 'a plain-name deny entry has no alternative',
      code: 'import ftplib\n',
      policy: 'python:\n  imports:\n    deny: [paramiko]\n',
      errors: [{ text: 'ftplib' }],
    },
    { name: 'suppressed with reason', code: 'import pickle  # socguard-ignore denied-import -- legacy cache, SOC-142\n', errors: [{ suppressed: true }] },
  ],
});
