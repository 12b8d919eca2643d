// Network endpoints a script reaches with a literal URL or host: derived from calls (Python,
// PowerShell) and taken from the analyzer (KQL `externaldata`, `http_request`).
import type { CallArgument, CallSite, NetworkEndpoint, ScriptModel } from './model';
import { matchesModulePattern } from './policy';

/** A call that reaches the network and where its destination is written. */
interface NetworkCall {
  /** Callee pattern (globs as in policies). */
  callee: string;
  /** Named arguments/parameters holding the destination, in order of preference. */
  names: string[];
  /** 0-based index of the positional argument holding the destination. */
  position: number;
  /** `url` (absolute URL) or `host` (a bare host name, or a `(host, port)` tuple). */
  kind: 'url' | 'host';
}

const PYTHON_NETWORK_CALLS: NetworkCall[] = [
  ...['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].flatMap((verb) => [
    { callee: `requests.${verb}`, names: ['url'], position: 0, kind: 'url' as const },
    { callee: `httpx.${verb}`, names: ['url'], position: 0, kind: 'url' as const },
    { callee: `requests.Session().${verb}`, names: ['url'], position: 0, kind: 'url' as const },
    { callee: `httpx.Client().${verb}`, names: ['url'], position: 0, kind: 'url' as const },
    { callee: `httpx.AsyncClient().${verb}`, names: ['url'], position: 0, kind: 'url' as const },
    { callee: `aiohttp.ClientSession().${verb}`, names: ['url'], position: 0, kind: 'url' as const },
  ]),
  { callee: 'requests.request', names: ['url'], position: 1, kind: 'url' },
  { callee: 'httpx.request', names: ['url'], position: 1, kind: 'url' },
  { callee: 'httpx.stream', names: ['url'], position: 1, kind: 'url' },
  { callee: 'urllib.request.urlopen', names: ['url'], position: 0, kind: 'url' },
  { callee: 'urllib.request.Request', names: ['url'], position: 0, kind: 'url' },
  { callee: 'urllib.request.urlretrieve', names: ['url'], position: 0, kind: 'url' },
  { callee: 'urllib3.PoolManager().request', names: ['url'], position: 1, kind: 'url' },
  { callee: 'socket.create_connection', names: ['address'], position: 0, kind: 'host' },
  { callee: 'http.client.HTTPSConnection', names: ['host'], position: 0, kind: 'host' },
  { callee: 'http.client.HTTPConnection', names: ['host'], position: 0, kind: 'host' },
  { callee: 'ftplib.FTP', names: ['host'], position: 0, kind: 'host' },
  { callee: 'smtplib.SMTP', names: ['host'], position: 0, kind: 'host' },
  { callee: 'smtplib.SMTP_SSL', names: ['host'], position: 0, kind: 'host' },
];

const POWERSHELL_NETWORK_CALLS: NetworkCall[] = [
  { callee: 'Invoke-RestMethod', names: ['Uri'], position: 0, kind: 'url' },
  { callee: 'Invoke-WebRequest', names: ['Uri'], position: 0, kind: 'url' },
  { callee: 'Start-BitsTransfer', names: ['Source'], position: 0, kind: 'url' },
  { callee: 'Test-NetConnection', names: ['ComputerName'], position: 0, kind: 'host' },
  { callee: 'Send-MailMessage', names: ['SmtpServer'], position: -1, kind: 'host' },
  ...['DownloadString', 'DownloadFile', 'DownloadData', 'UploadString', 'UploadFile', 'UploadData', 'OpenRead'].map((method) => ({
    callee: `System.Net.WebClient.${method}`,
    names: [],
    position: 0,
    kind: 'url' as const,
  })),
  ...['GetAsync', 'PostAsync', 'PutAsync', 'DeleteAsync', 'GetStringAsync'].map((method) => ({
    callee: `System.Net.Http.HttpClient.${method}`,
    names: [],
    position: 0,
    kind: 'url' as const,
  })),
];

/** Every network endpoint with a literal destination in the model. */
export function networkEndpoints(model: ScriptModel): NetworkEndpoint[] {
  const endpoints = [...(model.endpoints ?? [])];
  const table = model.language === 'python' ? PYTHON_NETWORK_CALLS : model.language === 'powershell' ? POWERSHELL_NETWORK_CALLS : [];
  const caseInsensitive = model.language === 'powershell';
  for (const call of model.calls) {
    const entry = table.find((candidate) => matchesCallee(call, candidate.callee, caseInsensitive));
    if (!entry) continue;
    const argument = destinationArgument(call, entry, caseInsensitive);
    if (!argument) continue;
    const literal = destinationLiteral(model, argument);
    if (!literal) continue;
    const host = entry.kind === 'url' ? hostOfUrl(literal.value) : literal.value.toLowerCase();
    if (host === undefined) continue;
    endpoints.push({ url: literal.value, host, via: call.callee, span: literal.span });
  }
  return endpoints;
}

function matchesCallee(call: CallSite, pattern: string, caseInsensitive: boolean): boolean {
  return caseInsensitive ? call.callee.toLowerCase() === pattern.toLowerCase() : matchesModulePattern(call.callee, pattern) && call.callee.split('.').length === pattern.split('.').length;
}

function destinationArgument(call: CallSite, entry: NetworkCall, caseInsensitive: boolean): CallArgument | undefined {
  const same = (a: string, b: string): boolean => (caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b);
  const named = call.arguments.find((argument) => argument.name !== undefined && entry.names.some((name) => same(name, argument.name!)));
  if (named) return named;
  if (entry.position < 0) return undefined;
  return call.arguments.filter((argument) => argument.name === undefined)[entry.position];
}

/** The literal text of a destination: a string argument, or the first string of a `(host, port)` tuple. */
function destinationLiteral(model: ScriptModel, argument: CallArgument): { value: string; span: CallArgument['span'] } | undefined {
  if (typeof argument.value === 'string') return { value: argument.value, span: argument.span };
  if (!argument.text.startsWith('(')) return undefined;
  const inner = model.strings.find(
    (literal) =>
      (literal.span.startLine > argument.span.startLine || (literal.span.startLine === argument.span.startLine && literal.span.startColumn >= argument.span.startColumn)) &&
      (literal.span.endLine < argument.span.endLine || (literal.span.endLine === argument.span.endLine && literal.span.endColumn <= argument.span.endColumn)),
  );
  return inner ? { value: inner.value, span: inner.span } : undefined;
}

/** The lower-case host of an absolute http(s)/ftp URL; undefined when the host is not literal. */
export function hostOfUrl(url: string): string | undefined {
  const match = /^(?:https?|ftps?|wss?):\/\/([^/?#]+)/i.exec(url.trim());
  if (!match) return undefined;
  let authority = match[1]!;
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  if (/[{}$()]/.test(authority)) return undefined;
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
  return host.toLowerCase() || undefined;
}

/** Whether a host is this machine (loopback traffic never leaves it). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
