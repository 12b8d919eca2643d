// Table tests for denied-call (Python calls and PowerShell commands, through aliases).
import { ruleTests } from './rule-tester';

ruleTests('denied-call', 'python', {
  valid: [
    'import subprocess\nsubprocess.run(["ls", "-l"], check=True)\n',
    'import subprocess\nsubprocess.run("ls", shell=False)\n',
    'import yaml\nyaml.load(f, Loader=yaml.SafeLoader)\n',
    'import yaml\nyaml.load(f, yaml.SafeLoader)\n',
    'import requests\nrequests.get("https://graph.microsoft.com", verify=True)\n',
    { name: 'a local function called eval is not the builtin… but a method named eval is fine', code: 'model.eval()\n' },
    { name: 'json.loads is fine', code: 'import json\njson.loads(s)\n' },
  ],
  invalid: [
    { name: 'builtin eval', code: 'x = eval(user_input)\n', errors: [{ text: 'eval', message: /^`eval` is denied by policy Test policy 1\.0\.0: runs arbitrary strings as code; approved alternative: / }] },
    { name: 'resolved through an alias', code: 'import subprocess as sp\nsp.run(cmd, shell=True)\n', errors: [{ text: 'sp.run', line: 2, message: /^`subprocess\.run\(shell=True\)` is denied/ }] },
    { name: 'resolved through from-import', code: 'from os import system as run\nrun("whoami")\n', errors: [{ text: 'run', message: /^`os\.system` is denied/ }] },
    { name: 'pickle.loads with a same-module alternative? no: json is another module', code: 'import pickle  # socguard-ignore denied-import -- test\npickle.loads(blob)\n', errors: [{ text: 'pickle.loads', line: 2 }] },
    { name: 'yaml.load without Loader, with a fix', code: 'import yaml\nyaml.load(stream)\n', errors: [{ text: 'yaml.load', fix: 'yaml.safe_load' }] },
    { name: 'verify=False on a requests call', code: 'import requests\nrequests.post(url, json=body, verify=False)\n', errors: [{ text: 'requests.post', message: /`requests\.post\(verify=False\)`/ }] },
    {
      name: 'policy entry with a custom reason',
      code: 'import shutil\nshutil.rmtree(path)\n',
      policy: 'python:\n  calls:\n    deny: [{ name: shutil.rmtree, reason: "deletes evidence" }]\n',
      errors: [{ message: '`shutil.rmtree` is denied by policy Test policy 1.0.0: deletes evidence' }],
    },
  ],
});

ruleTests('denied-call', 'powershell', {
  valid: [
    'Get-Process | Select-Object Name\n',
    'Set-MpPreference -SignatureUpdateInterval 4\n',
    'ConvertTo-SecureString $encrypted\n',
  ],
  invalid: [
    { name: 'Invoke-Expression through its alias', code: 'iex $payload\n', errors: [{ text: 'iex', message: /^`Invoke-Expression` is denied/ }] },
    { name: 'full name, any case', code: 'invoke-expression "Get-Date"\n', errors: [{ text: 'invoke-expression' }] },
    { name: 'parameter condition', code: 'Set-MpPreference -DisableRealtimeMonitoring $true\n', errors: [{ message: /^`Set-MpPreference -DisableRealtimeMonitoring` is denied/ }] },
    { name: 'parameter prefix and case', code: 'ConvertTo-SecureString "P@ss" -asplain -Force\n', errors: [{ message: /^`ConvertTo-SecureString -AsPlainText` is denied/ }] },
  ],
});
