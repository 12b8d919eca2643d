// The KQL parser (Kusto.Language, ~1 s to load) must load only when a KQL source is checked.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Checker } from '../../src/core';
import { fixturePath, testHost } from '../helpers';

const isKustoLoaded = (): boolean => Object.keys(require.cache).some((key) => key.includes('Kusto.Language.Bridge'));

test('checking only Python and PowerShell never loads Kusto.Language; the first KQL file does', async () => {
  const checker = new Checker(testHost(), { root: fixturePath('rules', 'denied-call') });
  const result = await checker.checkPaths([fixturePath('rules', 'denied-call')]);
  assert.ok(result.files.length >= 2);
  assert.equal(isKustoLoaded(), false);

  const kql = new Checker(testHost(), { root: fixturePath('rules', 'kql-denied-plugin') });
  const kqlResult = await kql.checkPaths([fixturePath('rules', 'kql-denied-plugin')]);
  assert.ok(kqlResult.findings.some((finding) => finding.ruleId === 'kql-denied-plugin'));
  assert.equal(isKustoLoaded(), true);
});
