// Tests for the json reporter: shape, counts, stable order, and exact round-tripping of odd text.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatJson } from '../../src/core/reporters/json';
import { edgeInput, NASTY_MESSAGE, sampleInput } from './sample-input';

interface JsonReport {
  version: string;
  policy: string;
  summary: Record<string, number>;
  policyProblems?: string[];
  findings: { ruleId: string; file: string; line: number; message: string; suppressed?: boolean; suppression?: { reason: string } }[];
  skipped: { file: string; reason: string }[];
}

function parse(text: string): JsonReport {
  return JSON.parse(text) as JsonReport;
}

void describe('json reporter', () => {
  void it('reports version, policy, summary, findings and skipped files in that order', () => {
    const report = parse(formatJson(sampleInput()));
    assert.deepEqual(Object.keys(report), ['version', 'policy', 'summary', 'findings', 'skipped']);
    assert.equal(report.version, '0.1.0');
    assert.equal(report.policy, 'Contoso SOC 2.3.0');
    assert.deepEqual(report.summary, { errors: 4, warnings: 2, infos: 1, suppressed: 1, filesChecked: 12, skipped: 2, durationMs: 1234 });
  });

  void it('includes suppressed findings, marked, with their reason', () => {
    const report = parse(formatJson(sampleInput()));
    const suppressed = report.findings.filter((finding) => finding.suppressed);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0]!.suppression?.reason, 'prototype, ticket SOC-142');
    assert.equal(report.findings.filter((finding) => 'suppressed' in finding).length, 1, 'unsuppressed findings carry no flag');
  });

  void it('is the same whatever the order of the input', () => {
    const input = sampleInput();
    const shuffled = sampleInput();
    shuffled.findings.reverse();
    shuffled.skipped.reverse();
    for (const finding of shuffled.findings) {
      if (finding.data) finding.data = Object.fromEntries(Object.entries(finding.data).reverse());
    }
    assert.equal(formatJson(shuffled), formatJson(input));
  });

  void it('orders findings by file, then position', () => {
    const report = parse(formatJson(sampleInput()));
    assert.deepEqual(
      report.findings.map((finding) => `${finding.file}:${finding.line}`),
      ['detections/Suspicious sign-ins.kql:1', 'scripts/Get-Triage.ps1:7', 'scripts/Get-Triage.ps1:30', 'scripts/Get-Triage.ps1:120', 'src/hunt.py:3', 'src/hunt.py:4', 'src/hunt.py:12', 'src/hunt.py:40'],
    );
  });

  void it('round-trips messages, paths and policy problems exactly', () => {
    const input = edgeInput();
    const text = formatJson(input);
    assert.ok(text.includes('\\ud800'), 'a lone surrogate is written as an escape, keeping the file valid UTF-8');
    const report = parse(text);
    assert.equal(report.findings[0]!.message, NASTY_MESSAGE);
    assert.equal(report.findings[0]!.file, 'odd dir/a&b <c> "d" #1 %20 ü.py');
    assert.deepEqual(report.policyProblems, input.policyProblems);
    assert.equal(report.skipped[0]!.file, 'weird\nname.py');
  });
});
