// Tests for the text reporter: grouping, alignment, suppressed findings, summary wording, colors, unsafe text.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripAnsi } from '../../src/core/reporters/ansi';
import { displayWidth, formatText } from '../../src/core/reporters/text';
import { cleanInput, sampleInput, span } from './sample-input';

void describe('text reporter', () => {
  void it('groups findings under their file and aligns the columns per file', () => {
    const lines = formatText(sampleInput()).split('\n');
    const header = lines.indexOf('scripts/Get-Triage.ps1');
    assert.ok(header >= 0);
    assert.deepEqual(lines.slice(header + 1, header + 4), [
      '    7:1   error  `Invoke-Expression` is denied: runs arbitrary strings as code  denied-command',
      '   30:3   error  missing closing `}`                                            syntax-error',
      '  120:10  info   `Get-TriageData` has no test (looked in **/*.Tests.ps1)        untested-function',
    ]);
  });

  void it('leaves suppressed findings out but counts them in the summary', () => {
    const output = formatText(sampleInput());
    assert.ok(!output.includes('exfil_to'));
    assert.match(output, / · 1 suppressed · /);
  });

  void it('lists skipped files with their reason', () => {
    assert.match(formatText(sampleInput()), /Skipped 2 files\n {2}bin\/tool\.ps1 {2}binary file\n {2}data\/huge\.py {2}file is larger than 1 MB\n/);
  });

  void it('ends with the summary line', () => {
    const lines = formatText(sampleInput()).trimEnd().split('\n');
    assert.equal(lines.at(-1), '✖ 7 problems (4 errors, 2 warnings, 1 info) in 12 files · 1 suppressed · 2 skipped · policy Contoso SOC 2.3.0');
  });

  void it('reports a clean run', () => {
    assert.equal(formatText(cleanInput()), '✔ No problems in 12 files · policy Contoso SOC 2.3.0\n');
  });

  void it('uses singular nouns for one of a kind and hides the info count when there are none', () => {
    const input = cleanInput();
    input.filesChecked = 1;
    input.findings = [{ ruleId: 'untested-function', severity: 'warning', file: 'a.py', span: span(1, 1, 2), message: '`f` has no test' }];
    assert.match(formatText(input), /✖ 1 problem \(0 errors, 1 warning\) in 1 file · policy/);
  });

  void it('prints policy problems first and counts them', () => {
    const input = cleanInput();
    input.policyProblems = ['.socguard.yaml:3:5  unknown key `foo`'];
    const output = formatText(input);
    assert.ok(output.startsWith('Policy problems\n  .socguard.yaml:3:5  unknown key `foo`\n\n'));
    assert.ok(formatText(input, { color: true }).includes('\u001b[1m\u001b[31m✖ 1 policy problem\u001b[39m\u001b[22m'), 'a broken policy colors the summary red');
    assert.match(output, /✖ 1 policy problem · No problems in 12 files/);
  });

  void it('adds ANSI colors only when asked', () => {
    const plain = formatText(sampleInput());
    const colored = formatText(sampleInput(), { color: true });
    assert.ok(!plain.includes('\u001b['));
    assert.ok(colored.includes('\u001b[31merror\u001b[39m'));
    assert.ok(colored.includes('\u001b[4msrc/hunt.py\u001b[24m'));
    assert.equal(stripAnsi(colored), plain);
  });

  void it('keeps each finding on one line and neutralizes terminal control characters', () => {
    const input = cleanInput();
    input.findings = [
      { ruleId: 'r', severity: 'error', file: 'x\u001b]0;evil\u0007.py', span: span(1, 1, 2), message: 'line one\nline two\r\n\u001b[2Jcleared\ttab' },
    ];
    const output = formatText(input);
    assert.ok(!output.includes('\u001b'), 'no raw ESC');
    assert.ok(!output.includes('\u0007'), 'no raw BEL');
    assert.ok(output.includes('x\\u001B]0;evil\\u0007.py\n'));
    assert.ok(output.includes('  1:1  error  line one line two \\u001B[2Jcleared tab  r\n'));
  });

  void it('shows bidirectional control characters instead of letting them reorder the line', () => {
    const input = cleanInput();
    input.findings = [{ ruleId: 'r', severity: 'error', file: 'a.py', span: span(1, 1, 2), message: 'admin\u202e\u2066 // check later\u2069' }];
    assert.ok(formatText(input).includes('admin\\u202E\\u2066 // check later\\u2069  r\n'));
  });

  void it('aligns columns by display width (wide characters, combining marks)', () => {
    assert.equal(displayWidth('abc'), 3);
    assert.equal(displayWidth('日本'), 4);
    assert.equal(displayWidth('e\u0301'), 1);
    assert.equal(displayWidth('😀'), 2);
    const input = cleanInput();
    input.findings = [
      { ruleId: 'a', severity: 'error', file: 'f.py', span: span(1, 1, 2), message: '日本' },
      { ruleId: 'b', severity: 'error', file: 'f.py', span: span(2, 1, 2), message: 'abcd' },
    ];
    const output = formatText(input);
    assert.ok(output.includes('  1:1  error  日本  a\n  2:1  error  abcd  b\n'));
  });
});
