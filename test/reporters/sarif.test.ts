// Tests for the sarif reporter: rules and indexes, levels, URIs, fingerprints, suppressions, fixes, notifications.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fnv1a64 } from '../../src/core/reporters/hash';
import { FINGERPRINT_KEY, formatSarif } from '../../src/core/reporters/sarif';
import { directoryFileUri, encodePathUri } from '../../src/core/reporters/uri';
import type { ReportInput } from '../../src/core/reporters/types';
import { cleanInput, edgeInput, sampleInput, span } from './sample-input';

/** The parts of a SARIF log these tests read. */
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string; index: number }; region: Record<string, number> } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string }[];
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Record<string, number>; insertedContent: { text: string } }[] }[] }[];
}
interface SarifRun {
  tool: { driver: { name: string; version: string; semanticVersion: string; informationUri?: string; rules: { id: string; name: string; helpUri: string; defaultConfiguration: { level: string }; properties: { tags: string[] } }[] } };
  invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]; toolConfigurationNotifications?: { level: string; message: { text: string } }[] }[];
  originalUriBaseIds: Record<string, { uri: string }>;
  artifacts: { location: { uri: string }; roles?: string[] }[];
  results: SarifResult[];
  columnKind: string;
}

function run(input: ReportInput): SarifRun {
  const log = JSON.parse(formatSarif(input)) as { $schema: string; version: string; runs: SarifRun[] };
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  return log.runs[0]!;
}

function fingerprint(result: SarifResult): string {
  return result.partialFingerprints[FINGERPRINT_KEY]!;
}

void describe('sarif reporter', () => {
  void it('describes the tool and every rule that ran, plus rules only seen in findings', () => {
    const { driver } = run(sampleInput()).tool;
    assert.equal(driver.name, 'socguard');
    assert.equal(driver.semanticVersion, '0.1.0');
    assert.deepEqual(driver.rules.map((rule) => rule.id), ['denied-command', 'kql-time-filter', 'syntax-error', 'unapproved-import', 'untested-function']);
    const rule = driver.rules.find((candidate) => candidate.id === 'unapproved-import')!;
    assert.equal(rule.name, 'UnapprovedImport');
    assert.equal(rule.helpUri, 'https://socguard.example/rules/unapproved-import');
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.deepEqual(rule.properties.tags, ['python', 'powershell']);
  });

  void it('points ruleIndex and artifact index at the right entries', () => {
    const sarif = run(sampleInput());
    for (const result of sarif.results) {
      assert.equal(sarif.tool.driver.rules[result.ruleIndex]!.id, result.ruleId);
      const location = result.locations[0]!.physicalLocation.artifactLocation;
      assert.equal(sarif.artifacts[location.index]!.location.uri, location.uri);
      assert.equal(location.uriBaseId, '%SRCROOT%');
    }
  });

  void it('maps severities to levels and keeps 1-based, end-exclusive UTF-16 regions', () => {
    const sarif = run(sampleInput());
    assert.equal(sarif.columnKind, 'utf16CodeUnits');
    assert.deepEqual([...new Set(sarif.results.map((result) => result.level))].sort(), ['error', 'note', 'warning']);
    const multiLine = sarif.results.find((result) => result.ruleId === 'syntax-error')!;
    assert.deepEqual(multiLine.locations[0]!.physicalLocation.region, { startLine: 30, startColumn: 3, endLine: 32, endColumn: 4 });
  });

  void it('never writes a region position below 1', () => {
    const input = cleanInput();
    input.findings = [{ ruleId: 'r', severity: 'error', file: 'a.py', span: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, message: 'm' }];
    assert.deepEqual(run(input).results[0]!.locations[0]!.physicalLocation.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
  });

  void it('percent-encodes artifact URIs and the root', () => {
    assert.equal(encodePathUri('odd dir/a&b <c> "d" #1 %20 ü.py'), 'odd%20dir/a%26b%20%3Cc%3E%20%22d%22%20%231%20%2520%20%C3%BC.py');
    assert.equal(encodePathUri('日本/with,comma:colon.ps1'), '%E6%97%A5%E6%9C%AC/with%2Ccomma%3Acolon.ps1');
    assert.equal(encodePathUri('bad\ud800.py'), 'bad%EF%BF%BD.py');
    assert.equal(directoryFileUri('/work/soc repo'), 'file:///work/soc%20repo/');
    assert.equal(directoryFileUri('c:/Users/Jane Doe/soc'), 'file:///c:/Users/Jane%20Doe/soc/');
    assert.equal(directoryFileUri('/'), 'file:///');
    const sarif = run(edgeInput());
    assert.equal(sarif.originalUriBaseIds['%SRCROOT%']!.uri, 'file:///c:/Users/Jane%20Doe/soc/');
    assert.deepEqual(
      sarif.artifacts.map((artifact) => artifact.location.uri),
      ['odd%20dir/a%26b%20%3Cc%3E%20%22d%22%20%231%20%2520%20%C3%BC.py', 'weird%0Aname.py', '%E6%97%A5%E6%9C%AC/with%2Ccomma%3Acolon.ps1'],
    );
  });

  void it('lists every checked file as an artifact when the file list is given', () => {
    const sarif = run(sampleInput());
    assert.equal(sarif.artifacts.filter((artifact) => artifact.roles?.includes('analysisTarget')).length, 12);
    assert.equal(sarif.artifacts.length, 14);
  });

  void it('fingerprints stay put when code moves and tell identical findings apart', () => {
    const base = sampleInput();
    const moved = sampleInput();
    for (const finding of moved.findings) finding.span = { ...finding.span, startLine: finding.span.startLine + 5, endLine: finding.span.endLine + 5 };
    const before = run(base).results.map(fingerprint);
    assert.deepEqual(run(moved).results.map(fingerprint), before);
    assert.equal(new Set(before).size, before.length, 'fingerprints are unique in a run');

    const twice = cleanInput();
    const finding = { ruleId: 'unapproved-import', severity: 'error' as const, file: 'a.py', message: '`x` is not approved' };
    twice.findings = [{ ...finding, span: span(9, 1, 2) }, { ...finding, span: span(2, 1, 2) }];
    const [first, second] = run(twice).results.map(fingerprint);
    assert.match(first!, /^[0-9a-f]{16}:1$/);
    assert.equal(second, first!.replace(/:1$/, ':2'));
  });

  void it('hashes with FNV-1a 64', () => {
    assert.equal(fnv1a64(''), 'cbf29ce484222325');
    assert.equal(fnv1a64('a'), 'af63dc4c8601ec8c');
    assert.equal(fnv1a64('foobar'), '85944171f73967e8');
  });

  void it('marks suppressed results with an in-source suppression and its justification', () => {
    const suppressed = run(sampleInput()).results.filter((result) => result.suppressions);
    assert.equal(suppressed.length, 1);
    assert.deepEqual(
      suppressed[0]!.suppressions!.map(({ kind, justification }) => ({ kind, justification })),
      [{ kind: 'inSource', justification: 'prototype, ticket SOC-142' }],
    );
  });

  void it('turns fixes into artifact changes, per file', () => {
    const results = run(sampleInput()).results;
    const replace = results.find((result) => result.message.text.startsWith('`reqeusts`'))!;
    assert.deepEqual(replace.fixes, [
      {
        description: { text: 'Replace with `requests`.' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'src/hunt.py', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 4, startColumn: 8, endLine: 4, endColumn: 16 }, insertedContent: { text: 'requests' } }],
          },
        ],
      },
    ]);
    const createTest = results.find((result) => result.level === 'note')!;
    assert.equal(createTest.fixes![0]!.artifactChanges[0]!.artifactLocation.uri, 'scripts/Get-Triage.Tests.ps1');
  });

  void it('reports skipped files and policy problems as notifications of a successful run', () => {
    const sarif = run(edgeInput());
    const invocation = sarif.invocations[0]!;
    assert.equal(invocation.executionSuccessful, true);
    assert.equal(invocation.toolExecutionNotifications![0]!.message.text, 'Not checked: could not read: EACCES <denied>.');
    assert.equal(invocation.toolExecutionNotifications![0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'weird%0Aname.py');
    assert.deepEqual(invocation.toolConfigurationNotifications, [
      { descriptor: { id: 'policy-problem' }, level: 'error', message: { text: '.socguard.yaml:3:5  unknown key `foo` <bar>.' } },
    ]);
  });

  void it('writes a valid log for a clean run', () => {
    const sarif = run(cleanInput());
    assert.deepEqual(sarif.results, []);
    assert.deepEqual(sarif.artifacts, []);
    assert.equal(sarif.tool.driver.rules.length, 4);
  });

  void it('leaves informationUri out when the input has none', () => {
    const input = cleanInput();
    delete input.toolInformationUri;
    assert.equal(run(input).tool.driver.informationUri, undefined);
  });
});
