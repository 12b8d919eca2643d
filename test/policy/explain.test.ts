// explain: the effective policy for a file with where each setting came from; problem formatting.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainPolicy, formatExplanation, formatPolicyProblem, loadPolicy } from '../../src/core/policy';
import type { ExplainEntry, ResolvedPolicy } from '../../src/core/policy';
import { memoryHost } from './memory-host';

const TEAM = `name: Contoso SOC
version: 2.3.0
extends: [socguard:baseline, shared/hunting.yaml]
python:
  imports:
    allow: [scapy]
rules:
  untested-function: warning
overrides:
  - files: ["sandbox/**"]
    rules:
      untested-function: off
`;

const HUNTING = `name: Hunting
kql:
  timeFilter: optional
`;

async function resolve(): Promise<ResolvedPolicy> {
  const result = await loadPolicy(
    memoryHost({ '/repo/.git/HEAD': '', '/repo/.socguard.yaml': TEAM, '/repo/shared/hunting.yaml': HUNTING }),
    '/repo/.socguard.yaml',
  );
  assert.deepEqual(result.problems, []);
  return result.resolved!;
}

function entry(entries: readonly ExplainEntry[], pointer: string): ExplainEntry {
  const found = entries.find((item) => item.pointer === pointer);
  assert.ok(found, `no entry for ${pointer}`);
  return found;
}

describe('origins', () => {
  it('records file and position for scalars, list items and map entries', async () => {
    const { origins } = await resolve();
    assert.deepEqual(origins.get('/name'), { source: '/repo/.socguard.yaml', span: { startLine: 1, startColumn: 7, endLine: 1, endColumn: 18 } });
    assert.equal(origins.get('/kql/timeFilter')?.source, '/repo/shared/hunting.yaml');
    assert.equal(origins.get('/kql/timeFilter')?.span.startLine, 3);
    assert.equal(origins.get('/python/imports/allow/0')?.source, 'socguard:baseline');
    assert.equal(origins.get('/rules/untested-function')?.span.startLine, 8);
    assert.equal(origins.get('/overrides/0/rules/untested-function')?.span.startLine, 12);
  });
});

describe('explainPolicy', () => {
  it('lists the effective setting and its origin', async () => {
    const resolved = await resolve();
    const entries = explainPolicy(resolved, 'hunts/beacon.py');
    assert.equal(entry(entries, '/name').value, '"Contoso SOC"');
    assert.equal(entry(entries, '/kql/timeFilter').value, '"optional"');
    assert.equal(entry(entries, '/kql/timeFilter').origin?.source, '/repo/shared/hunting.yaml');
    const scapy = entries.find((item) => item.value === '"scapy"');
    assert.equal(scapy?.origin?.source, '/repo/.socguard.yaml');
    assert.equal(scapy?.origin?.span.startLine, 6);
    assert.equal(entry(entries, '/rules/untested-function').value, '"warning"');
    assert.equal(entries.some((item) => item.pointer.startsWith('/overrides')), false, 'overrides are applied, not listed');
  });

  it('applies matching overrides and names the override as the origin', async () => {
    const entries = explainPolicy(await resolve(), 'sandbox/try.py');
    const rule = entry(entries, '/rules/untested-function');
    assert.equal(rule.value, '"off"');
    assert.equal(rule.origin?.span.startLine, 12);
  });

  it('lists overrides when no file is given, and marks defaults', async () => {
    const entries = explainPolicy(await resolve());
    assert.ok(entries.some((item) => item.pointer === '/overrides/0'));
    assert.equal(entry(entries, '/python/dependencies/deny/0').origin?.source, 'socguard:baseline');
    const minimal = await loadPolicy(memoryHost({ '/r/.socguard.yaml': 'name: M\n' }), '/r/.socguard.yaml');
    const defaults = explainPolicy(minimal.resolved!);
    assert.equal(entry(defaults, '/python/imports/allow').value, '[]');
    assert.equal(entry(defaults, '/python/imports/allow').origin, undefined);
  });
});

describe('formatExplanation', () => {
  it('prints aligned lines with path:line:column or (default)', async () => {
    const text = formatExplanation(explainPolicy(await resolve(), 'sandbox/x.py'), '/repo');
    const lines = text.split('\n');
    assert.match(lines.find((line) => line.startsWith('name '))!, /^name\s+"Contoso SOC"\s+\.socguard\.yaml:1:7$/);
    assert.match(lines.find((line) => line.startsWith('kql.timeFilter '))!, /"optional"\s+shared\/hunting\.yaml:3:15$/);
    assert.match(lines.find((line) => line.startsWith('python.imports.default '))!, /"deny"\s+socguard:baseline:\d+:\d+$/);
    assert.match(lines.find((line) => line.startsWith('rules.untested-function '))!, /"off"\s+\.socguard\.yaml:12:\d+$/);
    assert.match(lines.find((line) => line.startsWith('python.distributions.'))!, /socguard:baseline/);
  });
});

describe('formatPolicyProblem', () => {
  it('prints path:line:column: error: message relative to the root', () => {
    const problem = { file: '/repo/team/.socguard.yaml', span: { startLine: 12, startColumn: 5, endLine: 12, endColumn: 9 }, pointer: '/x', message: 'unknown key `x`' };
    assert.equal(formatPolicyProblem(problem, '/repo'), 'team/.socguard.yaml:12:5: error: unknown key `x`');
    assert.equal(formatPolicyProblem(problem, '/elsewhere'), '/repo/team/.socguard.yaml:12:5: error: unknown key `x`');
    assert.equal(formatPolicyProblem({ ...problem, file: 'socguard:baseline' }, '/repo'), 'socguard:baseline:12:5: error: unknown key `x`');
  });
});
