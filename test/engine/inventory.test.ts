// Inventory lists module references, endpoints and KQL resources with exact positions.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildInventory, Checker } from '../../src/core';
import { fixturePath, testHost } from '../helpers';

test('inventory covers Python, PowerShell and KQL facts', async () => {
  const root = fixturePath('rules', 'unapproved-endpoint');
  const result = await new Checker(testHost(), { root }).checkPaths([root]);
  const records = buildInventory(result).map((r) => `${r.file}:${r.line}:${r.column} ${r.language} ${r.kind} ${r.module}`);
  for (const expected of [
    'exfil.py:4:8 python import requests',
    'exfil.py:11:19 python endpoint https://paste.example.net/api',
    'exfil.py:13:31 python endpoint c2.example.org',
    'Upload.ps1:3:24 powershell endpoint https://transfer.example.io/upload',
    'feed.kql:3:39 kql endpoint https://raw.example.org/feed.csv',
  ]) {
    assert.ok(records.includes(expected), `${expected}\nin:\n${records.join('\n')}`);
  }
});

test('inventory lists KQL tables, plugins and cross-resource targets', async () => {
  const root = fixturePath('rules', 'kql-unapproved-workspace');
  const records = buildInventory(await new Checker(testHost(), { root }).checkPaths([root])).map((r) => `${r.kind} ${r.module}`);
  assert.ok(records.includes('kql-cross-resource workspace("contoso-legal-prod")'), records.join('\n'));
  assert.ok(records.includes('kql-table SigninLogs'), records.join('\n'));
});
