// PowerShell facts the analyzer and rules need: modules that ship with PowerShell/Windows, the default alias table, cmdlet casing.

/**
 * Where a default alias exists: `desktop` is Windows PowerShell 5.1, `core-windows` PowerShell 7 on
 * Windows, `core-unix` PowerShell 7 on Linux and macOS (where aliases that shadow native tools are not defined).
 */
export type PowerShellEdition = 'desktop' | 'core-windows' | 'core-unix';

/** One default alias and the editions that define it. */
export interface PowerShellAlias {
  /** The alias as PowerShell spells it. */
  alias: string;
  /** The command it runs, in canonical casing. */
  command: string;
  editions: readonly PowerShellEdition[];
}

const ALL: readonly PowerShellEdition[] = ['desktop', 'core-windows', 'core-unix'];
const WINDOWS: readonly PowerShellEdition[] = ['desktop', 'core-windows'];
const DESKTOP: readonly PowerShellEdition[] = ['desktop'];
const CORE: readonly PowerShellEdition[] = ['core-windows', 'core-unix'];

// Source: the BuiltInAliases table of System.Management.Automation's InitialSessionState (PowerShell 7,
// `#if !UNIX` entries are Windows-only, `#if !CORECLR` entries are Windows PowerShell-only) and the
// Windows PowerShell 5.1 table, plus aliases exported by inbox modules (Utility, Management, PowerShellGet).
const ALIAS_TABLE: readonly (readonly [string, string, readonly PowerShellEdition[]])[] = [
  ['%', 'ForEach-Object', ALL],
  ['?', 'Where-Object', ALL],
  ['foreach', 'ForEach-Object', ALL],
  ['where', 'Where-Object', ALL],
  ['clc', 'Clear-Content', ALL],
  ['cli', 'Clear-Item', ALL],
  ['clp', 'Clear-ItemProperty', ALL],
  ['clv', 'Clear-Variable', ALL],
  ['cpi', 'Copy-Item', ALL],
  ['cvpa', 'Convert-Path', ALL],
  ['dbp', 'Disable-PSBreakpoint', ALL],
  ['ebp', 'Enable-PSBreakpoint', ALL],
  ['epal', 'Export-Alias', ALL],
  ['epcsv', 'Export-Csv', ALL],
  ['fl', 'Format-List', ALL],
  ['ft', 'Format-Table', ALL],
  ['fw', 'Format-Wide', ALL],
  ['fc', 'Format-Custom', ALL],
  ['gal', 'Get-Alias', ALL],
  ['gbp', 'Get-PSBreakpoint', ALL],
  ['gc', 'Get-Content', ALL],
  ['gci', 'Get-ChildItem', ALL],
  ['gcm', 'Get-Command', ALL],
  ['gdr', 'Get-PSDrive', ALL],
  ['gcs', 'Get-PSCallStack', ALL],
  ['ghy', 'Get-History', ALL],
  ['gi', 'Get-Item', ALL],
  ['gl', 'Get-Location', ALL],
  ['gm', 'Get-Member', ALL],
  ['gmo', 'Get-Module', ALL],
  ['gp', 'Get-ItemProperty', ALL],
  ['gpv', 'Get-ItemPropertyValue', ALL],
  ['gps', 'Get-Process', ALL],
  ['group', 'Group-Object', ALL],
  ['gu', 'Get-Unique', ALL],
  ['gv', 'Get-Variable', ALL],
  ['iex', 'Invoke-Expression', ALL],
  ['ihy', 'Invoke-History', ALL],
  ['ii', 'Invoke-Item', ALL],
  ['ipmo', 'Import-Module', ALL],
  ['ipal', 'Import-Alias', ALL],
  ['ipcsv', 'Import-Csv', ALL],
  ['irm', 'Invoke-RestMethod', ALL],
  ['iwr', 'Invoke-WebRequest', ALL],
  ['measure', 'Measure-Object', ALL],
  ['mi', 'Move-Item', ALL],
  ['mp', 'Move-ItemProperty', ALL],
  ['nal', 'New-Alias', ALL],
  ['ndr', 'New-PSDrive', ALL],
  ['ni', 'New-Item', ALL],
  ['nv', 'New-Variable', ALL],
  ['nmo', 'New-Module', ALL],
  ['oh', 'Out-Host', ALL],
  ['rbp', 'Remove-PSBreakpoint', ALL],
  ['rdr', 'Remove-PSDrive', ALL],
  ['ri', 'Remove-Item', ALL],
  ['rni', 'Rename-Item', ALL],
  ['rnp', 'Rename-ItemProperty', ALL],
  ['rp', 'Remove-ItemProperty', ALL],
  ['rmo', 'Remove-Module', ALL],
  ['rv', 'Remove-Variable', ALL],
  ['rvpa', 'Resolve-Path', ALL],
  ['sal', 'Set-Alias', ALL],
  ['sbp', 'Set-PSBreakpoint', ALL],
  ['select', 'Select-Object', ALL],
  ['si', 'Set-Item', ALL],
  ['sl', 'Set-Location', ALL],
  ['sp', 'Set-ItemProperty', ALL],
  ['saps', 'Start-Process', ALL],
  ['spps', 'Stop-Process', ALL],
  ['sv', 'Set-Variable', ALL],
  ['cd', 'Set-Location', ALL],
  ['chdir', 'Set-Location', ALL],
  ['dir', 'Get-ChildItem', ALL],
  ['echo', 'Write-Output', ALL],
  ['pwd', 'Get-Location', ALL],
  ['type', 'Get-Content', ALL],
  ['h', 'Get-History', ALL],
  ['history', 'Get-History', ALL],
  ['md', 'mkdir', ALL],
  ['popd', 'Pop-Location', ALL],
  ['pushd', 'Push-Location', ALL],
  ['r', 'Invoke-History', ALL],
  ['cls', 'Clear-Host', ALL],
  ['copy', 'Copy-Item', ALL],
  ['del', 'Remove-Item', ALL],
  ['erase', 'Remove-Item', ALL],
  ['move', 'Move-Item', ALL],
  ['rd', 'Remove-Item', ALL],
  ['ren', 'Rename-Item', ALL],
  ['set', 'Set-Variable', ALL],
  ['icm', 'Invoke-Command', ALL],
  ['clhy', 'Clear-History', ALL],
  ['gjb', 'Get-Job', ALL],
  ['rcjb', 'Receive-Job', ALL],
  ['rjb', 'Remove-Job', ALL],
  ['sajb', 'Start-Job', ALL],
  ['spjb', 'Stop-Job', ALL],
  ['wjb', 'Wait-Job', ALL],
  ['nsn', 'New-PSSession', ALL],
  ['gsn', 'Get-PSSession', ALL],
  ['rsn', 'Remove-PSSession', ALL],
  ['etsn', 'Enter-PSSession', ALL],
  ['rcsn', 'Receive-PSSession', ALL],
  ['exsn', 'Exit-PSSession', ALL],
  ['sls', 'Select-String', ALL],
  ['gcb', 'Get-Clipboard', ALL],
  ['scb', 'Set-Clipboard', ALL],
  ['gtz', 'Get-TimeZone', ALL],
  // Defined by PowerShellGet 2.x (Windows PowerShell 5.1 and PowerShell 7 alike).
  ['inmo', 'Install-Module', ALL],
  ['fimo', 'Find-Module', ALL],
  ['upmo', 'Update-Module', ALL],
  ['pumo', 'Publish-Module', ALL],
  // PowerShell 7 only.
  ['gerr', 'Get-Error', CORE],
  ['fhx', 'Format-Hex', CORE],
  // Not defined on Linux/macOS, where they would shadow native tools.
  ['ac', 'Add-Content', WINDOWS],
  ['clear', 'Clear-Host', WINDOWS],
  ['compare', 'Compare-Object', WINDOWS],
  ['cpp', 'Copy-ItemProperty', WINDOWS],
  ['diff', 'Compare-Object', WINDOWS],
  ['gsv', 'Get-Service', WINDOWS],
  ['sleep', 'Start-Sleep', WINDOWS],
  ['sort', 'Sort-Object', WINDOWS],
  ['start', 'Start-Process', WINDOWS],
  ['sasv', 'Start-Service', WINDOWS],
  ['spsv', 'Stop-Service', WINDOWS],
  ['tee', 'Tee-Object', WINDOWS],
  ['write', 'Write-Output', WINDOWS],
  ['cat', 'Get-Content', WINDOWS],
  ['cp', 'Copy-Item', WINDOWS],
  ['ls', 'Get-ChildItem', WINDOWS],
  ['man', 'help', WINDOWS],
  ['mount', 'New-PSDrive', WINDOWS],
  ['mv', 'Move-Item', WINDOWS],
  ['ps', 'Get-Process', WINDOWS],
  ['rm', 'Remove-Item', WINDOWS],
  ['rmdir', 'Remove-Item', WINDOWS],
  ['kill', 'Stop-Process', WINDOWS],
  ['cnsn', 'Connect-PSSession', WINDOWS],
  ['dnsn', 'Disconnect-PSSession', WINDOWS],
  ['ogv', 'Out-GridView', WINDOWS],
  ['shcm', 'Show-Command', WINDOWS],
  ['gin', 'Get-ComputerInfo', WINDOWS],
  ['stz', 'Set-TimeZone', WINDOWS],
  // Windows PowerShell 5.1 only. In PowerShell 7 `curl` and `wget` run the native executables
  // (curl.exe on Windows 10+, /usr/bin/curl elsewhere) and the WMI v1 and snap-in cmdlets are gone.
  ['curl', 'Invoke-WebRequest', DESKTOP],
  ['wget', 'Invoke-WebRequest', DESKTOP],
  ['gwmi', 'Get-WmiObject', DESKTOP],
  ['iwmi', 'Invoke-WmiMethod', DESKTOP],
  ['rwmi', 'Remove-WmiObject', DESKTOP],
  ['swmi', 'Set-WmiInstance', DESKTOP],
  ['sc', 'Set-Content', DESKTOP],
  ['trcm', 'Trace-Command', DESKTOP],
  ['sujb', 'Suspend-Job', DESKTOP],
  ['rujb', 'Resume-Job', DESKTOP],
  ['npssc', 'New-PSSessionConfigurationFile', DESKTOP],
  ['ipsn', 'Import-PSSession', DESKTOP],
  ['epsn', 'Export-PSSession', DESKTOP],
  ['asnp', 'Add-PSSnapin', DESKTOP],
  ['gsnp', 'Get-PSSnapin', DESKTOP],
  ['rsnp', 'Remove-PSSnapin', DESKTOP],
  ['lp', 'Out-Printer', DESKTOP],
  ['ise', 'powershell_ise.exe', DESKTOP],
  ['CFS', 'ConvertFrom-String', DESKTOP],
];

/** The default aliases of Windows PowerShell 5.1 and PowerShell 7, keyed by lower-case alias. */
export const POWERSHELL_ALIASES: ReadonlyMap<string, PowerShellAlias> = new Map(
  ALIAS_TABLE.map(([alias, command, editions]) => [alias.toLowerCase(), { alias, command, editions }]),
);

/**
 * The command a default alias runs (`iex` → `Invoke-Expression`), case-insensitively, or `undefined`
 * when the name is no default alias. Aliases of any edition resolve: `curl`/`wget` give
 * `Invoke-WebRequest` although PowerShell 7 runs the native tools for them (see POWERSHELL_ALIASES).
 */
export function resolvePowerShellAlias(name: string): string | undefined {
  return POWERSHELL_ALIASES.get(name.toLowerCase())?.command;
}

// Modules in $PSHOME/Modules of PowerShell 7 (Windows and Unix builds) or of Windows PowerShell 5.1.
const POWERSHELL_SHIPPED_MODULES = [
  'Microsoft.PowerShell.Core',
  'Microsoft.PowerShell.Management',
  'Microsoft.PowerShell.Utility',
  'Microsoft.PowerShell.Security',
  'Microsoft.PowerShell.Host',
  'Microsoft.PowerShell.Diagnostics',
  'Microsoft.PowerShell.Archive',
  'Microsoft.PowerShell.PSResourceGet',
  'Microsoft.PowerShell.ThreadJob',
  'Microsoft.PowerShell.LocalAccounts',
  'Microsoft.PowerShell.ODataUtils',
  'Microsoft.PowerShell.Operation.Validation',
  'Microsoft.WSMan.Management',
  'CimCmdlets',
  'ISE',
  'PackageManagement',
  'PowerShellGet',
  'PSDesiredStateConfiguration',
  'PSDiagnostics',
  'PSReadLine',
  'PSScheduledJob',
  'PSWorkflow',
  'PSWorkflowUtility',
  'ThreadJob',
] as const;

// Inbox modules of Windows 10/11 and Windows Server 2016+ (System32\WindowsPowerShell\v1.0\Modules).
// Not included on purpose: optional features and RSAT (Hyper-V, ActiveDirectory, GroupPolicy, DnsServer),
// and Pester, whose inbox 3.4.0 copy is obsolete: teams install and pin Pester 5 from the Gallery.
const WINDOWS_INBOX_MODULES = [
  'AppBackgroundTask',
  'AppLocker',
  'Appx',
  'AssignedAccess',
  'BitLocker',
  'BitsTransfer',
  'BranchCache',
  'ConfigCI',
  'ConfigDefender',
  'Defender',
  'DeliveryOptimization',
  'DirectAccessClientComponents',
  'Dism',
  'DnsClient',
  'EventTracingManagement',
  'International',
  'iSCSI',
  'Kds',
  'LanguagePackManagement',
  'MMAgent',
  'MsDtc',
  'NetAdapter',
  'NetConnection',
  'NetEventPacketCapture',
  'NetLbfo',
  'NetNat',
  'NetQos',
  'NetSecurity',
  'NetSwitchTeam',
  'NetTCPIP',
  'NetworkConnectivityStatus',
  'NetworkSwitchManager',
  'NetworkTransition',
  'PcsvDevice',
  'PKI',
  'PnpDevice',
  'PrintManagement',
  'ProcessMitigations',
  'Provisioning',
  'ScheduledTasks',
  'SecureBoot',
  'SmbShare',
  'SmbWitness',
  'StartLayout',
  'Storage',
  'TLS',
  'TroubleshootingPack',
  'TrustedPlatformModule',
  'VpnClient',
  'Wdac',
  'WindowsErrorReporting',
  'WindowsSearch',
  'WindowsUpdate',
  'WindowsUpdateProvider',
] as const;

/** Modules that come with PowerShell 7 or Windows PowerShell 5.1 and Windows itself (the "standard library"). */
export const POWERSHELL_BUILTIN_MODULES: readonly string[] = [...POWERSHELL_SHIPPED_MODULES, ...WINDOWS_INBOX_MODULES];

const BUILTIN_MODULE_SET = new Set(POWERSHELL_BUILTIN_MODULES.map((name) => name.toLowerCase()));

/** Whether a module ships with PowerShell or Windows (case-insensitive, as PowerShell compares module names). */
export function isPowerShellBuiltinModule(name: string): boolean {
  return BUILTIN_MODULE_SET.has(name.trim().toLowerCase());
}

// Cmdlets SOC policies and rules commonly name, beyond the alias targets, for canonical casing.
const KNOWN_COMMANDS = [
  'Add-Member', 'Add-MpPreference', 'Add-Type', 'Compress-Archive', 'Connect-AzAccount', 'Connect-ExchangeOnline',
  'Connect-MgGraph', 'ConvertFrom-Json', 'ConvertFrom-SecureString', 'ConvertTo-Html', 'ConvertTo-Json',
  'ConvertTo-SecureString', 'Disable-PSRemoting', 'Enable-PSRemoting', 'Expand-Archive', 'Export-Clixml',
  'Export-ModuleMember', 'Find-PSResource', 'Get-Acl', 'Get-CimInstance', 'Get-Credential', 'Get-Date',
  'Get-EventLog', 'Get-FileHash', 'Get-InstalledModule', 'Get-MpComputerStatus', 'Get-MpPreference',
  'Get-NetTCPConnection', 'Get-Random', 'Get-ScheduledTask', 'Get-Service', 'Get-WinEvent', 'Import-Clixml',
  'Install-Module', 'Install-PSResource', 'Invoke-CimMethod', 'Invoke-Expression', 'Invoke-WebRequest',
  'Join-Path', 'New-Object', 'New-ScheduledTaskAction', 'New-Service', 'Out-File', 'Out-Null', 'Out-String',
  'Register-ObjectEvent', 'Register-PSRepository', 'Register-PSResourceRepository', 'Register-ScheduledTask',
  'Remove-MpPreference', 'Resolve-DnsName', 'Save-Module', 'Save-PSResource', 'Send-MailMessage', 'Set-Acl',
  'Set-ExecutionPolicy', 'Set-MpPreference', 'Set-PSRepository', 'Set-StrictMode', 'Split-Path',
  'Start-BitsTransfer', 'Start-ThreadJob', 'Stop-Computer', 'Restart-Computer', 'Test-Connection',
  'Test-NetConnection', 'Test-Path', 'Uninstall-Module', 'Update-Module', 'Update-PSResource', 'Write-Debug',
  'Write-Error', 'Write-Host', 'Write-Information', 'Write-Progress', 'Write-Verbose', 'Write-Warning',
  'New-PSSessionOption', 'Invoke-AzRestMethod', 'Unblock-File', 'Clear-EventLog', 'New-ItemProperty',
];

const CANONICAL_COMMANDS = new Map<string, string>(
  [...ALIAS_TABLE.map(([, command]) => command), ...KNOWN_COMMANDS].map((command) => [command.toLowerCase(), command]),
);

/** The canonical casing of a well-known cmdlet (`invoke-expression` → `Invoke-Expression`); other names come back unchanged. */
export function canonicalPowerShellCommand(name: string): string {
  return CANONICAL_COMMANDS.get(name.toLowerCase()) ?? name;
}

// PowerShell type accelerators ([uri], [regex], …) and System types PowerShell finds without the namespace.
const TYPE_ACCELERATORS: Record<string, string> = {
  activator: 'System.Activator',
  adsi: 'System.DirectoryServices.DirectoryEntry',
  adsisearcher: 'System.DirectoryServices.DirectorySearcher',
  appdomain: 'System.AppDomain',
  array: 'System.Array',
  bitconverter: 'System.BitConverter',
  bool: 'System.Boolean',
  byte: 'System.Byte',
  char: 'System.Char',
  console: 'System.Console',
  convert: 'System.Convert',
  datetime: 'System.DateTime',
  decimal: 'System.Decimal',
  double: 'System.Double',
  environment: 'System.Environment',
  gc: 'System.GC',
  guid: 'System.Guid',
  hashtable: 'System.Collections.Hashtable',
  int: 'System.Int32',
  ipaddress: 'System.Net.IPAddress',
  long: 'System.Int64',
  mailaddress: 'System.Net.Mail.MailAddress',
  math: 'System.Math',
  pscredential: 'System.Management.Automation.PSCredential',
  pscustomobject: 'System.Management.Automation.PSObject',
  psobject: 'System.Management.Automation.PSObject',
  regex: 'System.Text.RegularExpressions.Regex',
  scriptblock: 'System.Management.Automation.ScriptBlock',
  securestring: 'System.Security.SecureString',
  string: 'System.String',
  timespan: 'System.TimeSpan',
  type: 'System.Type',
  uri: 'System.Uri',
  wmi: 'System.Management.ManagementObject',
  wmiclass: 'System.Management.ManagementClass',
  wmisearcher: 'System.Management.ManagementObjectSearcher',
  xml: 'System.Xml.XmlDocument',
};

// First segments that PowerShell resolves under `System.` ([Net.WebClient] is System.Net.WebClient).
const SYSTEM_NAMESPACES = new Set([
  'buffers', 'collections', 'componentmodel', 'configuration', 'data', 'diagnostics', 'directoryservices', 'drawing',
  'globalization', 'io', 'linq', 'management', 'net', 'numerics', 'reflection', 'resources', 'runtime', 'security',
  'serviceprocess', 'text', 'threading', 'timers', 'web', 'windows', 'xml',
]);

// Canonical casing for the .NET types security rules name most often.
const KNOWN_TYPES = new Map(
  [
    'System.Net.WebClient', 'System.Net.Http.HttpClient', 'System.Net.WebRequest', 'System.Net.HttpWebRequest',
    'System.Net.Dns', 'System.Net.Sockets.TcpClient', 'System.Net.Sockets.UdpClient', 'System.Net.Sockets.Socket',
    'System.Net.Mail.SmtpClient', 'System.Net.ServicePointManager', 'System.Net.SecurityProtocolType',
    'System.Net.WebUtility', 'System.IO.File', 'System.IO.Path', 'System.IO.Directory', 'System.IO.FileSystemWatcher',
    'System.IO.Compression.ZipFile', 'System.Text.Encoding', 'System.Reflection.Assembly',
    'System.Runtime.InteropServices.Marshal', 'System.Diagnostics.Process', 'System.Diagnostics.Stopwatch',
    'System.Security.Cryptography.AesManaged', 'System.Security.Cryptography.ProtectedData', 'System.Convert',
  ].map((name) => [name.toLowerCase(), name]),
);

/**
 * The full name of a .NET type as written in PowerShell: accelerators resolve (`[uri]` → `System.Uri`),
 * well-known namespaces get `System.` (`Net.WebClient` → `System.Net.WebClient`); other names come back as written.
 */
export function normalizeDotNetTypeName(written: string): string {
  let name = written.trim();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1).trim();
  const lower = name.toLowerCase();
  const accelerator = TYPE_ACCELERATORS[lower];
  if (accelerator) return accelerator;
  const firstSegment = lower.split('.', 1)[0] ?? '';
  if (lower.includes('.') && SYSTEM_NAMESPACES.has(firstSegment)) name = `System.${name}`;
  const known = KNOWN_TYPES.get(name.toLowerCase());
  if (known) return known;
  return /^system\./i.test(name) ? `System.${name.slice(7)}` : name;
}
