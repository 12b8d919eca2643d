// Merging along `extends`: lists add up, deny beats allow, scalars override, defaults fill the rest.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULTS, loadPolicy, matchesModulePattern } from '../../src/core/policy';
import type { Policy } from '../../src/core/policy';
import { memoryHost } from './memory-host';

/** Loads /repo/.socguard.yaml from the given files (relative to /repo) and returns the merged policy. */
async function merged(files: Record<string, string>): Promise<Policy> {
  const tree: Record<string, string> = { '/repo/.git/HEAD': '' };
  for (const [path, text] of Object.entries(files)) tree[`/repo/${path}`] = text;
  const result = await loadPolicy(memoryHost(tree), '/repo/.socguard.yaml');
  assert.deepEqual(result.problems, []);
  return result.resolved!.policy;
}

const PARENT = `name: Parent
version: 1.0.0
files: { include: ["**/*.py"], exclude: ["**/.venv/**"] }
python:
  imports:
    default: deny
    allow: [requests, pandas, azure.identity]
    deny:
      - { module: pickle, reason: parent reason }
  dependencies:
    allow: { requests: ">=2.31.0", pandas: "*" }
  calls:
    deny:
      - eval
      - { name: "subprocess.*", argument: shell, value: true, reason: parent }
powershell:
  modules:
    allow: [Az.Accounts]
    versions: { Az.Accounts: ">=2.0.0" }
network: { allow: [graph.microsoft.com] }
rules:
  untested-function: { severity: warning, options: { minLines: 3, ignore: [main] } }
  unapproved-import: error
kql: { timeFilter: required }
review:
  checklist:
    - { id: tested, text: Parent text }
    - { id: data, text: Data text }
  reviewers: ["*"]
  expiresAfterDays: 90
`;

const CHILD = `name: Child
extends: [parent.yaml]
files: { include: ["**/*.ps1", "**/*.py"] }
python:
  imports:
    allow: [msticpy, requests]
    deny:
      - { module: pandas, reason: too heavy }
      - { module: pickle, reason: child reason, alternative: json }
  dependencies:
    allow: { requests: ">=2.32.0" }
  calls:
    deny:
      - { name: "subprocess.*", argument: shell, value: true, reason: child }
      - { name: "yaml.load", unlessArgument: Loader }
powershell:
  modules:
    versions: { az.accounts: ">=2.12.0" }
  commands:
    deny: [{ name: ConvertTo-SecureString, parameter: AsPlainText }]
network: { allow: ["*.contoso.com", GRAPH.microsoft.com] }
rules:
  untested-function: { options: { minLines: 5 } }
  unapproved-import: warning
kql: { timeFilter: optional }
review:
  checklist:
    - { id: tested, text: Child text }
    - { id: human, text: Human text }
  reviewers: ["*@contoso.com"]
`;

describe('mergePolicies along extends', () => {
  it('adds lists up, parents first, without duplicates', async () => {
    const policy = await merged({ '.socguard.yaml': CHILD, 'parent.yaml': PARENT });
    assert.deepEqual(policy.files.include, ['**/*.py', '**/*.ps1']);
    assert.deepEqual(policy.files.exclude, ['**/.venv/**']);
    assert.deepEqual(policy.python.imports.allow, ['requests', 'pandas', 'azure.identity', 'msticpy']);
    assert.deepEqual(policy.network.allow, ['graph.microsoft.com', '*.contoso.com']);
  });

  it("keeps a parent's allow and a child's deny; deny wins when evaluated", async () => {
    const policy = await merged({ '.socguard.yaml': CHILD, 'parent.yaml': PARENT });
    assert.ok(policy.python.imports.allow.includes('pandas'));
    const denied = policy.python.imports.deny.find((entry) => matchesModulePattern('pandas.io', entry.name));
    assert.deepEqual(denied, { name: 'pandas', reason: 'too heavy' });
  });

  it("replaces a parent's deny entry with the child's entry for the same name", async () => {
    const policy = await merged({ '.socguard.yaml': CHILD, 'parent.yaml': PARENT });
    assert.deepEqual(policy.python.imports.deny, [
      { name: 'pickle', reason: 'child reason', alternative: 'json' },
      { name: 'pandas', reason: 'too heavy' },
    ]);
    assert.deepEqual(policy.python.calls.deny, [
      { name: 'eval' },
      { name: 'subprocess.*', argument: 'shell', value: true, reason: 'child' },
      { name: 'yaml.load', unlessArgument: 'Loader' },
    ]);
  });

  it('normalizes PowerShell `parameter` to `argument`', async () => {
    const policy = await merged({ '.socguard.yaml': CHILD, 'parent.yaml': PARENT });
    assert.deepEqual(policy.powershell.commands.deny, [{ name: 'ConvertTo-SecureString', argument: 'AsPlainText' }]);
  });

  it('overrides scalars with the child', async () => {
    const policy = await merged({ '.socguard.yaml': CHILD, 'parent.yaml': PARENT });
    assert.equal(policy.kql.timeFilter, 'optional');
    assert.equal(policy.python.imports.default, 'deny');
    assert.equal(policy.review.expiresAfterDays, 90);
  });

  it('merges maps key by key, the child winning (PowerShell names case-insensitively)', async () => {
    const policy = await merged({ '.socguard.yaml': CHILD, 'parent.yaml': PARENT });
    assert.deepEqual(policy.python.dependencies.allow, { requests: '>=2.32.0', pandas: '*' });
    assert.deepEqual(policy.powershell.modules.versions, { 'az.accounts': '>=2.12.0' });
  });

  it('merges rule settings: severity replaced, options merged', async () => {
    const policy = await merged({ '.socguard.yaml': CHILD, 'parent.yaml': PARENT });
    assert.deepEqual(policy.rules, {
      'untested-function': { severity: 'warning', options: { minLines: 5, ignore: ['main'] } },
      'unapproved-import': { severity: 'warning' },
    });
  });

  it('merges checklist items by id and replaces reviewers', async () => {
    const policy = await merged({ '.socguard.yaml': CHILD, 'parent.yaml': PARENT });
    assert.deepEqual(policy.review.checklist, [
      { id: 'tested', text: 'Child text' },
      { id: 'data', text: 'Data text' },
      { id: 'human', text: 'Human text' },
    ]);
    assert.deepEqual(policy.review.reviewers, ['*@contoso.com']);
  });

  it('never inherits name and version', async () => {
    const policy = await merged({ '.socguard.yaml': CHILD, 'parent.yaml': PARENT });
    assert.equal(policy.name, 'Child');
    assert.equal(policy.version, '');
  });

  it('fills defaults only for settings no file in the chain sets', async () => {
    const policy = await merged({ '.socguard.yaml': CHILD, 'parent.yaml': PARENT });
    assert.deepEqual(policy.tests, DEFAULTS.tests);
    assert.equal(policy.maxFileSize, DEFAULTS.maxFileSize);
    assert.equal(policy.review.separationOfDuties, true);
    const minimal = await merged({ '.socguard.yaml': 'name: M\ntests: { python: ["checks/**/*.py"] }\n' });
    assert.deepEqual(minimal.tests.python, ['checks/**/*.py']);
    assert.deepEqual(minimal.tests.powershell, DEFAULTS.tests.powershell);
  });

  it('takes defaults from DEFAULTS, not from the baseline, unless the policy extends it', async () => {
    const plain = await merged({ '.socguard.yaml': 'name: Plain\n' });
    assert.equal(plain.python.imports.default, 'allow');
    assert.deepEqual(plain.kql.plugins.deny, []);
    const extended = await merged({ '.socguard.yaml': 'name: Team\nextends: [socguard:baseline]\npython: { imports: { allow: [scapy] } }\n' });
    assert.equal(extended.python.imports.default, 'deny');
    assert.ok(extended.python.imports.allow.includes('requests'));
    assert.equal(extended.python.imports.allow.at(-1), 'scapy');
    assert.ok(extended.kql.plugins.deny.some((entry) => entry.name === 'http_request'));
  });

  it('merges each file once, at its first place in a depth-first, parents-first order', async () => {
    const policy = await merged({
      '.socguard.yaml': 'name: Top\nextends: [a.yaml, b.yaml]\n',
      'a.yaml': 'name: A\nextends: [base.yaml]\nkql: { timeFilter: optional }\nnetwork: { allow: [a.contoso.com] }\n',
      'b.yaml': 'name: B\nextends: [base.yaml]\nnetwork: { allow: [b.contoso.com] }\n',
      'base.yaml': 'name: Base\nkql: { timeFilter: required }\nnetwork: { allow: [base.contoso.com] }\n',
    });
    // base is not merged again after a, so a's timeFilter stands.
    assert.equal(policy.kql.timeFilter, 'optional');
    assert.deepEqual(policy.network.allow, ['base.contoso.com', 'a.contoso.com', 'b.contoso.com']);
  });

  it('reads sizes and the never-expiring review', async () => {
    const policy = await merged({ '.socguard.yaml': 'name: S\nmaxFileSize: 512 KB\nreview: { expiresAfterDays: 0 }\n' });
    assert.equal(policy.maxFileSize, 512 * 1024);
    assert.equal(policy.review.expiresAfterDays, undefined);
  });

  it('normalizes string deny entries and rule severities', async () => {
    const policy = await merged({ '.socguard.yaml': 'name: N\nkql: { plugins: { deny: [python] } }\nrules: { untested-function: info }\noverrides: [{ files: [a/**], rules: { untested-function: off } }]\n' });
    assert.deepEqual(policy.kql.plugins.deny, [{ name: 'python' }]);
    assert.deepEqual(policy.rules, { 'untested-function': { severity: 'info' } });
    assert.deepEqual(policy.overrides, [{ files: ['a/**'], rules: { 'untested-function': { severity: 'off' } } }]);
  });
});
