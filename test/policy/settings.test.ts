// Per-file queries on a resolved policy: rule settings with overrides, include/exclude, the label.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isExcluded, isIncluded, loadPolicy, policyLabel, ruleSettingFor } from '../../src/core/policy';
import type { ResolvedPolicy } from '../../src/core/policy';
import { memoryHost } from './memory-host';

const POLICY = `name: Contoso SOC
version: 2.3.0
files:
  include: ["**/*.py", "**/*.ps1"]
  exclude: ["**/.venv/**", "vendor/**"]
rules:
  untested-function: { severity: warning, options: { minLines: 3 } }
  unapproved-import: error
overrides:
  - files: ["sandbox/**"]
    rules: { untested-function: off, unapproved-import: warning }
  - files: ["sandbox/keep/**", "**/*_prod.py"]
    rules: { untested-function: { severity: error, options: { strict: true } } }
`;

async function resolve(): Promise<ResolvedPolicy> {
  const result = await loadPolicy(memoryHost({ '/repo/.git/HEAD': '', '/repo/.socguard.yaml': POLICY }), '/repo/.socguard.yaml');
  assert.deepEqual(result.problems, []);
  return result.resolved!;
}

describe('ruleSettingFor', () => {
  it('returns the rules setting where no override matches', async () => {
    const resolved = await resolve();
    assert.deepEqual(ruleSettingFor(resolved, 'untested-function', 'hunts/a.py'), { severity: 'warning', options: { minLines: 3 } });
    assert.deepEqual(ruleSettingFor(resolved, 'unapproved-import', 'hunts/a.py'), { severity: 'error', options: {} });
  });

  it('returns no severity for rules the policy does not mention', async () => {
    assert.deepEqual(ruleSettingFor(await resolve(), 'kql-time-filter', 'a.kql'), { options: {} });
  });

  it('applies matching overrides in order', async () => {
    const resolved = await resolve();
    assert.deepEqual(ruleSettingFor(resolved, 'untested-function', 'sandbox/try.py'), { severity: 'off', options: { minLines: 3 } });
    assert.deepEqual(ruleSettingFor(resolved, 'unapproved-import', 'sandbox/try.py'), { severity: 'warning', options: {} });
    assert.deepEqual(ruleSettingFor(resolved, 'untested-function', 'sandbox/keep/x.py'), { severity: 'error', options: { minLines: 3, strict: true } });
    assert.deepEqual(ruleSettingFor(resolved, 'untested-function', 'deep/dir/job_prod.py'), { severity: 'error', options: { minLines: 3, strict: true } });
  });
});

describe('isIncluded / isExcluded', () => {
  it('matches include globs and honours exclude', async () => {
    const resolved = await resolve();
    assert.equal(isIncluded(resolved, 'hunt.py'), true);
    assert.equal(isIncluded(resolved, 'a/b/triage.ps1'), true);
    assert.equal(isIncluded(resolved, 'query.kql'), false);
    assert.equal(isIncluded(resolved, '.venv/lib/site.py'), false);
    assert.equal(isIncluded(resolved, 'tools/.venv/x.py'), false);
    assert.equal(isIncluded(resolved, 'vendor/lib.py'), false);
    assert.equal(isIncluded(resolved, '.github/scripts/x.py'), true, 'dot folders match (dot: true)');
  });

  it('prunes excluded folders', async () => {
    const resolved = await resolve();
    assert.equal(isExcluded(resolved, 'tools/.venv'), true);
    assert.equal(isExcluded(resolved, 'vendor'), true);
    assert.equal(isExcluded(resolved, 'src'), false);
  });
});

describe('policyLabel', () => {
  it('joins name and version', () => {
    assert.equal(policyLabel({ name: 'Contoso SOC', version: '2.3.0' }), 'Contoso SOC 2.3.0');
    assert.equal(policyLabel({ name: 'Contoso SOC', version: '' }), 'Contoso SOC');
  });
});
