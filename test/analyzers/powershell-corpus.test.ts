// Corpus test: real-world-shaped PowerShell scripts, modules, manifests and Pester tests analyze cleanly and consistently.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Analyzer } from '../../src/core/analyzers/analyzer';
import { loadPowerShellAnalyzer } from '../../src/core/analyzers/powershell';
import type { ScriptModel, Span } from '../../src/core/model';
import { fixturePath, testHost } from '../helpers';

const corpusRoot = fixturePath('powershell-corpus');

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .filter((file) => /\.(ps1|psm1|psd1)$/i.test(file))
    .sort();
}

const files = listFiles(corpusRoot);

let analyzer: Analyzer;
before(async () => {
  analyzer = await loadPowerShellAnalyzer(testHost());
});

/** Editor lines of a document (BOM dropped; `\r\n`, `\r`, `\n` end lines). */
function editorLines(source: string): string[] {
  return (source.startsWith('\uFEFF') ? source.slice(1) : source).split(/\r\n|\r|\n/);
}

function textAt(lines: readonly string[], span: Span): string {
  const line = (n: number): string => lines[n - 1] ?? '';
  if (span.startLine === span.endLine) return line(span.startLine).slice(span.startColumn - 1, span.endColumn - 1);
  const parts = [line(span.startLine).slice(span.startColumn - 1)];
  for (let n = span.startLine + 1; n < span.endLine; n++) parts.push(line(n));
  parts.push(line(span.endLine).slice(0, span.endColumn - 1));
  return parts.join('\n');
}

function assertInside(lines: readonly string[], model: ScriptModel, span: Span, what: string): void {
  assert.equal(model.lineCount, lines.length);
  for (const [line, column] of [
    [span.startLine, span.startColumn],
    [span.endLine, span.endColumn],
  ] as const) {
    assert.ok(line >= 1 && line <= model.lineCount, `${what}: line ${line} outside 1..${model.lineCount}`);
    const length = lines[line - 1]?.length ?? 0;
    assert.ok(column >= 1 && column <= length + 1, `${what}: column ${column} outside 1..${length + 1} on line ${line}`);
  }
  assert.ok(span.startLine < span.endLine || (span.startLine === span.endLine && span.startColumn <= span.endColumn), `${what}: inverted span`);
}

describe('PowerShell corpus', () => {
  it('has a varied corpus', () => {
    assert.ok(files.length >= 30, `only ${files.length} corpus files`);
    for (const extension of ['.ps1', '.psm1', '.psd1']) assert.ok(files.some((file) => file.endsWith(extension)), extension);
  });

  for (const file of files) {
    const name = path.relative(corpusRoot, file).split(path.sep).join('/');
    it(name, () => {
      const source = fs.readFileSync(file, 'utf8');
      const corePath = file.split(path.sep).join('/');
      const model = analyzer.analyze(source, { path: corePath });
      const lines = editorLines(source);

      assert.deepEqual(model.syntaxErrors, [], 'valid PowerShell must not have syntax errors');
      assert.equal(model.language, 'powershell');

      for (const ref of model.imports) {
        assertInside(lines, model, ref.span, `import ${ref.module}`);
        assert.equal(textAt(lines, ref.span), ref.module);
        if (ref.version) {
          assertInside(lines, model, ref.version.span, `version of ${ref.module}`);
          assert.match(ref.version.text, /^(?:[<>]?=?\d[\w.*-]*)(?: [<>]=?\d[\w.*-]*)*$/, `version ${ref.version.text}`);
        }
      }
      for (const fn of model.functions) {
        assertInside(lines, model, fn.span, `function ${fn.name}`);
        assertInside(lines, model, fn.nameSpan, `name of ${fn.name}`);
        assert.equal(textAt(lines, fn.nameSpan), fn.name);
        assert.ok(textAt(lines, fn.span).includes(fn.name));
      }
      for (const call of model.calls) {
        assertInside(lines, model, call.span, `call ${call.written}`);
        assertInside(lines, model, call.calleeSpan, `callee ${call.written}`);
        assert.equal(textAt(lines, call.calleeSpan), call.written);
        assert.ok(call.callee.length > 0);
        for (const argument of call.arguments) {
          assertInside(lines, model, argument.span, `argument of ${call.written}`);
          assert.equal(textAt(lines, argument.span), argument.text);
        }
      }
      for (const string of model.strings) assertInside(lines, model, string.span, 'string');
      for (const comment of model.comments) {
        assertInside(lines, model, comment.span, 'comment');
        assert.ok(textAt(lines, comment.span).includes(comment.text.split('\n')[0] ?? ''));
      }

      assert.deepEqual(analyzer.analyze(source, { path: corePath }), model, 'a second analysis gives the same model');
      // Source text (argument text) keeps the file's line ends; everything else must not change.
      const crlf = analyzer.analyze(source.replace(/\r?\n/g, '\r\n'), { path: corePath });
      const sameBreaks = (value: ScriptModel): unknown => JSON.parse(JSON.stringify(value).replace(/\\r\\n/g, '\\n'));
      assert.deepEqual(sameBreaks(crlf), sameBreaks(model), 'CRLF line ends give the same model');
    });
  }

  it('extracts what the scripts reference', () => {
    const analyze = (relative: string): ScriptModel => {
      const file = path.join(corpusRoot, ...relative.split('/'));
      return analyzer.analyze(fs.readFileSync(file, 'utf8'), { path: file.split(path.sep).join('/') });
    };
    const importsOf = (relative: string): string[] =>
      analyze(relative).imports.map((ref) => `${ref.kind}:${ref.module}${ref.version ? ` ${ref.version.text}` : ''}`);

    assert.deepEqual(importsOf('SocToolkit/SocToolkit.psd1'), [
      'manifest:Microsoft.PowerShell.Utility',
      'manifest:Az.Accounts >=2.12.0',
      'manifest:Microsoft.Graph.Authentication =2.15.0',
      'manifest:PSFramework >=1.9.310 <=1.99.999',
      'manifest:Private\\Invoke-SocApi.ps1',
      'manifest:Classes\\Indicator.ps1',
    ]);
    assert.deepEqual(importsOf('sentinel/Deploy-Detections.ps1'), [
      'using-module:./DetectionTools.psm1',
      'using-module:..\\shared\\SocCommon.psd1',
      'requires:powershell-yaml',
      'requires:Az.Accounts >=2.12.0',
      'install:powershell-yaml =0.4.7',
      'import-module:powershell-yaml',
    ]);
    assert.deepEqual(importsOf('graph/Get-RiskyUsers.ps1'), [
      'requires:Microsoft.Graph.Authentication',
      'requires:Microsoft.Graph.Identity.SignIns',
      'requires:Microsoft.Graph.Users =2.15.0',
    ]);
    assert.deepEqual(importsOf('exchange/Search-MailboxAuditLog.ps1'), [
      'requires:ExchangeOnlineManagement >=3.2.0 <=3.9.99',
      'import-module:ExchangeOnlineManagement >=3.2.0 <=3.9.99',
    ]);

    const download = analyze('misc/Download-Tools.ps1');
    const dotnet = download.calls.filter((call) => call.callee.startsWith('System.Net.'));
    assert.deepEqual(
      dotnet.map((call) => [call.callee, call.arguments[0]?.value]),
      [
        ['System.Net.WebClient.new', undefined],
        ['System.Net.WebClient.DownloadFile', 'https://files.contoso.com/ir/kape-targets.zip'],
        ['System.Net.WebClient.DownloadString', 'https://files.contoso.com/ir/manifest.json'],
        ['System.Net.Http.HttpClient.new', undefined],
        ['System.Net.Http.HttpClient.GetByteArrayAsync', 'https://files.contoso.com/ir/yara-rules.zip'],
        ['System.Net.Http.HttpClient.Dispose', undefined],
        ['System.Net.WebClient.DownloadFile', undefined],
        ['System.Net.WebClient.new', undefined],
      ],
    );
    assert.ok(download.calls.some((call) => call.callee === 'Invoke-WebRequest' && call.written === 'iwr'));
    assert.ok(download.calls.some((call) => call.callee === 'Start-BitsTransfer'));

    const legacy = analyze('legacy/Get-InventoryWorkflow.ps1');
    assert.deepEqual(
      legacy.functions.map((fn) => `${fn.kind}:${fn.name}`),
      ['workflow:Get-InventoryWorkflow', 'filter:Select-Large', 'filter:ConvertTo-Kilobytes'],
    );
    assert.deepEqual(
      [...new Set(legacy.calls.filter((call) => call.written !== call.callee && /^[\w%?]+$/.test(call.written)).map((call) => `${call.written}=${call.callee}`))],
      ['gc=Get-Content', 'gwmi=Get-WmiObject', '?=Where-Object', 'select=Select-Object', 'ft=Format-Table', 'ls=Get-ChildItem', 'sort=Sort-Object', 'dir=Get-ChildItem', '%=ForEach-Object', 'icm=Invoke-Command'],
    );

    const classes = analyze('SocToolkit/Classes/Indicator.ps1');
    assert.deepEqual(
      classes.functions.map((fn) => fn.qualifiedName),
      ['Indicator.Indicator', 'Indicator.Indicator', 'Indicator.DetectKind', 'Indicator.Defang', 'Indicator.ToString', 'UrlIndicator.UrlIndicator', 'UrlIndicator.IsInternal'],
    );
  });
});
