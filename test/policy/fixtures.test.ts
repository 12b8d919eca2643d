// Policies on disk through the Node host: a team policy with extends, and a broken JSON policy.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainPolicy, formatPolicyProblem, isIncluded, loadPolicy, policyLabel, ruleSettingFor } from '../../src/core/policy';
import { fixturePath, testHost } from '../helpers';

const KNOWN_RULES = new Set(['unapproved-import', 'denied-import', 'untested-function']);

describe('policy fixtures', () => {
  it('loads a team policy that extends the baseline and a shared file', async () => {
    const root = fixturePath('policy', 'team');
    const result = await loadPolicy(testHost(), `${root}/.socguard.yaml`, { repositoryRoot: root, knownRules: KNOWN_RULES });
    assert.deepEqual(result.problems.map((problem) => formatPolicyProblem(problem, root)), []);
    const resolved = result.resolved!;
    assert.equal(policyLabel(resolved.policy), 'Contoso SOC 2.3.0');
    assert.equal(resolved.root, root);
    assert.ok(resolved.policy.python.imports.allow.includes('requests'), 'from the baseline');
    assert.ok(resolved.policy.python.imports.allow.includes('scapy'), 'from the team');
    assert.deepEqual(resolved.policy.kql.workspaces.allow, ['contoso-sentinel-prod']);
    assert.deepEqual(resolved.policy.tests.kql, ['**/*.tests.yaml', '**/*.test.kql', 'hunting/**/*.tests.yaml']);
    assert.equal(resolved.policy.python.dependencies.pinned, 'required');
    assert.equal(ruleSettingFor(resolved, 'untested-function', 'sandbox/x.py').severity, 'off');
    assert.equal(isIncluded(resolved, 'detections/rule.kql'), true);
    const origin = explainPolicy(resolved).find((entry) => entry.pointer === '/kql/workspaces/allow/0')?.origin;
    assert.equal(origin?.source, `${root}/shared/hunting.yaml`);
    assert.equal(origin?.span.startLine, 7);
  });

  it('reports every problem of a broken JSON policy, and refuses to extend outside its repository', async () => {
    const root = fixturePath('policy', 'broken');
    const result = await loadPolicy(testHost(), `${root}/.socguard.json`, { repositoryRoot: root, knownRules: KNOWN_RULES });
    assert.equal(result.resolved, undefined);
    assert.deepEqual(result.problems.map((problem) => formatPolicyProblem(problem, root)), [
      '.socguard.json:3:14: error: `version` must be a semantic version such as `2.3.0` (got `1.0`)',
      '.socguard.json:5:29: error: `python.imports.default` must be one of allow, deny (got `allowlist`)',
      '.socguard.json:5:64: error: `python.imports.allow[1]` must be a string (got `5`); quote it: `"5"`',
      '.socguard.json:7:35: error: `rules.untested-function` must be one of error, warning, info, off (got `loud`)',
      `.socguard.json:8:15: error: \`../team/.socguard.yaml\` is outside the repository (${root}); \`extends\` cannot leave it`,
    ]);
  });
});
