// Tests for the github reporter: workflow command syntax and the runner's escaping rules.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeGithubData, escapeGithubProperty, formatGithub } from '../../src/core/reporters/github';
import { cleanInput, edgeInput, sampleInput, span } from './sample-input';

void describe('github reporter', () => {
  void it('writes one command per unsuppressed finding, skipped file and policy problem, then the summary', () => {
    const lines = formatGithub(sampleInput()).trimEnd().split('\n');
    assert.equal(lines.filter((line) => line.startsWith('::')).length, 9);
    assert.ok(!lines.some((line) => line.includes('exfil_to')), 'suppressed findings are left out');
    assert.equal(lines.at(-1), '✖ 7 problems (4 errors, 2 warnings, 1 info) in 12 files · 1 suppressed · 2 skipped · policy Contoso SOC 2.3.0');
  });

  void it('maps severities to error, warning and notice, with an inclusive end column', () => {
    const input = cleanInput();
    input.findings = [
      { ruleId: 'a', severity: 'error', file: 'x.py', span: span(3, 8, 13), message: 'm1' },
      { ruleId: 'b', severity: 'warning', file: 'x.py', span: span(4, 1, 1), message: 'm2' },
      { ruleId: 'c', severity: 'info', file: 'x.py', span: span(5, 2, 3, 7), message: 'm3' },
    ];
    assert.deepEqual(formatGithub(input).split('\n').slice(0, 3), [
      '::error file=x.py,line=3,col=8,endLine=3,endColumn=12,title=a::m1',
      '::warning file=x.py,line=4,col=1,endLine=4,endColumn=1,title=b::m2',
      '::notice file=x.py,line=5,endLine=7,title=c::m3',
    ]);
  });

  void it('escapes %, CR and LF in messages and also : and , in properties', () => {
    assert.equal(escapeGithubData('100% a:b,c\r\nd'), '100%25 a:b,c%0D%0Ad');
    assert.equal(escapeGithubProperty('100% a:b,c\r\nd'), '100%25 a%3Ab%2Cc%0D%0Ad');
    assert.equal(escapeGithubData('\u001b[31m\u0000'), '\\u001B[31m\\u0000');
    const output = formatGithub(edgeInput());
    assert.ok(output.includes('::error title=socguard policy::.socguard.yaml:3:5  unknown key `foo` <bar>\n'));
    assert.ok(output.includes('::error file=odd dir/a&b <c> "d" #1 %2520 ü.py,line=1,col=1,endLine=1,endColumn=6,title=unapproved-import::a <b> & "c" \'d\' 100%25 done: x, y%0Asecond line%0D%0Athird\tcol ü 日本 😀 \\u001B[31mred\\u0000 \\uD800 end\n'));
    assert.ok(output.includes('::warning file=日本/with%2Ccomma%3Acolon.ps1,line=9,col=1,endLine=9,endColumn=1,title=untested-function::`ünïcödé` has no test\n'));
    assert.ok(output.includes('::warning file=weird%0Aname.py,title=socguard%3A not checked::could not read: EACCES <denied>\n'));
  });

  void it('never lets a value start a new workflow command line', () => {
    const input = cleanInput();
    input.findings = [{ ruleId: 'r', severity: 'error', file: 'a.py', span: span(1, 1, 2), message: 'x\n::error::injected\r::warning::too' }];
    const lines = formatGithub(input).trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.equal(lines[0], '::error file=a.py,line=1,col=1,endLine=1,endColumn=1,title=r::x%0A::error::injected%0D::warning::too');
  });
});
