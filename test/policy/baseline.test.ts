// The shipped baseline and the schema: the baseline validates, and the schema is complete for editors.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { DEFAULTS, loadPolicy, matchesHostPattern, matchesModulePattern, POLICY_FIELDS, SCHEMA_ASSET } from '../../src/core/policy';
import { testHost } from '../helpers';

async function asset(name: string): Promise<string> {
  return new TextDecoder().decode(await testHost().readAsset(name));
}

describe('policies/baseline.yaml', () => {
  it('validates against the schema with plain ajv', async () => {
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false });
    const validate = ajv.compile(JSON.parse(await asset(SCHEMA_ASSET)) as object);
    const baseline: unknown = parse(await asset('policies/baseline.yaml'));
    assert.equal(validate(baseline), true, JSON.stringify(validate.errors, null, 2));
  });

  it('loads without problems and behaves as a SOC baseline', async () => {
    const result = await loadPolicy(testHost(), undefined, { repositoryRoot: '/repo' });
    assert.deepEqual(result.problems, []);
    const policy = result.resolved!.policy;
    assert.equal(policy.version, '1.0.0');
    assert.equal(policy.python.imports.default, 'deny');
    assert.ok(policy.python.imports.allow.some((pattern) => matchesModulePattern('azure.mgmt.compute', pattern)));
    assert.ok(policy.python.imports.deny.some((entry) => entry.name === 'pickle' && entry.reason && entry.alternative));
    assert.ok(policy.python.calls.deny.some((entry) => entry.name === 'yaml.load' && entry.unlessArgument === 'Loader'));
    assert.ok(policy.python.calls.deny.some((entry) => entry.name === 'subprocess.*' && entry.argument === 'shell' && entry.value === true));
    assert.ok(policy.powershell.commands.deny.some((entry) => entry.name === 'ConvertTo-SecureString' && entry.argument === 'AsPlainText'));
    assert.ok(policy.powershell.modules.allow.some((pattern) => matchesModulePattern('Microsoft.Graph.Users', pattern, { caseInsensitive: true })));
    assert.deepEqual(
      ['python', 'r', 'http_request', 'http_request_post'].filter((name) => !policy.kql.plugins.deny.some((entry) => entry.name === name)),
      [],
    );
    assert.ok(policy.network.allow.some((pattern) => matchesHostPattern('eastus.ods.opinsights.azure.com', pattern)));
    assert.equal(policy.maxFileSize, 2 * 1024 * 1024);
    assert.deepEqual(policy.review.checklist.map((item) => item.id), ['understood', 'tested', 'data', 'human']);
  });

  it('gives every deny entry a reason', async () => {
    const policy = (await loadPolicy(testHost(), undefined)).resolved!.policy;
    const entries = [...policy.python.imports.deny, ...policy.python.calls.deny, ...policy.powershell.modules.deny, ...policy.powershell.commands.deny, ...policy.kql.plugins.deny];
    assert.deepEqual(entries.filter((entry) => !entry.reason).map((entry) => entry.name), []);
  });
});

describe('policies/policy.schema.json', () => {
  it('describes every property and rejects unknown keys everywhere', async () => {
    const schema = JSON.parse(await asset(SCHEMA_ASSET)) as Record<string, unknown>;
    const missing: string[] = [];
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${path}/${index}`));
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (record.properties && typeof record.properties === 'object') {
        if (record.additionalProperties !== false) open.push(path);
        for (const [name, property] of Object.entries(record.properties as Record<string, Record<string, unknown>>)) {
          if (typeof property.description !== 'string' && typeof property.$ref !== 'string') missing.push(`${path}/properties/${name}`);
        }
      }
      for (const [key, value] of Object.entries(record)) walk(value, `${path}/${key}`);
    };
    walk(schema, '#');
    assert.deepEqual(missing, []);
    assert.deepEqual(open, []);
  });

  it('covers exactly the settings the merge knows', async () => {
    const schema = JSON.parse(await asset(SCHEMA_ASSET)) as Record<string, unknown>;
    const leaves: string[] = [];
    const walk = (node: Record<string, unknown>, pointer: string): void => {
      const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
      const isContainer = properties !== undefined && POLICY_FIELDS.every((field) => field.pointer !== pointer);
      if (!isContainer) return void leaves.push(pointer);
      for (const [name, property] of Object.entries(properties)) walk(property, `${pointer}/${name}`);
    };
    walk(schema, '');
    const expected = [...POLICY_FIELDS.map((field) => field.pointer), '/$schema', '/extends'].sort();
    assert.deepEqual(leaves.sort(), expected);
    for (const field of POLICY_FIELDS) {
      const segments = field.pointer.slice(1).split('/');
      let value: unknown = DEFAULTS;
      for (const segment of segments) value = (value as Record<string, unknown>)[segment];
      assert.notEqual(value, undefined, `DEFAULTS has no value for ${field.pointer}`);
    }
  });
});
