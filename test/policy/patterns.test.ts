// Pattern tables: module/command names, host names, path globs, version ranges and core paths.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coerceVersion, matchesGlob, matchesHostPattern, matchesModulePattern, satisfiesRange, toSemverRange } from '../../src/core/policy';
import { ancestorDirectories, basename, dirname, extname, isInside, joinPath, normalizePath, relativePath } from '../../src/core/paths';

describe('matchesModulePattern', () => {
  const rows: [name: string, pattern: string, caseInsensitive: boolean, expected: boolean][] = [
    ['requests', 'requests', false, true],
    ['requests.adapters', 'requests', false, true],
    ['requestsx', 'requests', false, false],
    ['reqeusts', 'requests', false, false],
    ['azure.identity', 'azure.identity', false, true],
    ['azure.identity.aio', 'azure.identity', false, true],
    ['azure.identityx', 'azure.identity', false, false],
    ['azure', 'azure.identity', false, false],
    ['azure.mgmt.compute', 'azure.mgmt.*', false, true],
    ['azure.mgmt.compute.models', 'azure.mgmt.*', false, true],
    ['azure.mgmt', 'azure.mgmt.*', false, false],
    ['azure.mgmtx.compute', 'azure.mgmt.*', false, false],
    ['Requests', 'requests', false, false],
    ['Microsoft.Graph.Users', 'Microsoft.Graph.*', true, true],
    ['microsoft.graph.users', 'Microsoft.Graph.*', true, true],
    ['Microsoft.Graph.Beta.Users', 'Microsoft.Graph.*', true, true],
    ['Microsoft.Graph', 'Microsoft.Graph.*', true, false],
    ['Microsoft.GraphX', 'Microsoft.Graph.*', true, false],
    ['az.accounts', 'Az.Accounts', true, true],
    ['Az.Accounts', 'az.accounts', false, false],
    ['subprocess.run', 'subprocess.*', false, true],
    ['subprocess', 'subprocess.*', false, false],
    ['pickle.loads', 'pickle.load', false, false],
    ['Invoke-Expression', 'invoke-expression', true, true],
    ['Invoke-WebRequest', 'Invoke-*', true, true],
    ['a.b.c', 'a.**', false, true],
    ['x', '*', false, true],
    ['a+b', 'a+b', false, true],
    ['aab', 'a+b', false, false],
  ];
  for (const [name, pattern, caseInsensitive, expected] of rows) {
    it(`${name} ${expected ? 'matches' : 'does not match'} ${pattern}${caseInsensitive ? ' (case-insensitive)' : ''}`, () => {
      assert.equal(matchesModulePattern(name, pattern, { caseInsensitive }), expected);
    });
  }
});

describe('matchesHostPattern', () => {
  const rows: [host: string, pattern: string, expected: boolean][] = [
    ['graph.microsoft.com', 'graph.microsoft.com', true],
    ['GRAPH.Microsoft.com', 'graph.microsoft.com', true],
    ['graph.microsoft.com.', 'graph.microsoft.com', true],
    ['graph.microsoft.com:443', 'graph.microsoft.com', true],
    ['evilgraph.microsoft.com', 'graph.microsoft.com', false],
    ['a.contoso.com', '*.contoso.com', true],
    ['a.b.contoso.com', '*.contoso.com', true],
    ['contoso.com', '*.contoso.com', false],
    ['contoso.com.evil.io', '*.contoso.com', false],
    ['a.contoso.com.evil.io', '*.contoso.com', false],
    ['evilcontoso.com', '*.contoso.com', false],
    ['xcontoso.com', '*.contoso.com', false],
    ['api-eu.contoso.com', 'api-*.contoso.com', true],
    ['api-eu.x.contoso.com', 'api-*.contoso.com', false],
    ['ws1.ods.opinsights.azure.com', '*.ods.opinsights.azure.com', true],
    ['anything.example', '*', true],
    ['', '*', false],
  ];
  for (const [host, pattern, expected] of rows) {
    it(`${JSON.stringify(host)} ${expected ? 'matches' : 'does not match'} ${pattern}`, () => {
      assert.equal(matchesHostPattern(host, pattern), expected);
    });
  }
});

describe('matchesGlob', () => {
  const rows: [path: string, glob: string, expected: boolean][] = [
    ['hunt.py', '**/*.py', true],
    ['a/b/hunt.py', '**/*.py', true],
    ['.github/x.py', '**/*.py', true],
    ['a/.venv/lib/x.py', '**/.venv/**', true],
    ['detections/rule.kql', 'detections/**', true],
    ['sub/detections/rule.kql', 'detections/**', false],
    ['./detections/rule.kql', 'detections/**', true],
    ['hunt.py', './*.py', true],
    ['Hunt.Tests.ps1', '**/*.Tests.ps1', true],
    ['a/hunt.py', '*.py', false],
  ];
  for (const [path, glob, expected] of rows) {
    it(`${path} ${expected ? 'matches' : 'does not match'} ${glob}`, () => {
      assert.equal(matchesGlob(path, glob), expected);
    });
  }
});

describe('version ranges', () => {
  const ranges: [range: string, normalized: string | undefined][] = [
    ['>=2.31.0 <3', '>=2.31.0 <3.0.0-0'],
    ['>=2.31,<3', '>=2.31.0 <3.0.0'],
    ['~=2.31', '>=2.31.0 <3.0.0'],
    ['~=2.31.4', '>=2.31.4 <2.32.0'],
    ['==2.31.0', '2.31.0'],
    ['==2.*', '>=2.0.0 <3.0.0-0'],
    ['^2.0', '>=2.0.0 <3.0.0-0'],
    ['*', '*'],
    ['>=2.12.0.1', '>=2.12.0'],
    ['>= 1.0, < 2.0', '>=1.0.0 <2.0.0'],
    ['!=1.2.3', undefined],
    ['latest', undefined],
    ['', undefined],
  ];
  for (const [range, normalized] of ranges) {
    it(`${JSON.stringify(range)} -> ${String(normalized)}`, () => {
      assert.equal(toSemverRange(range), normalized);
    });
  }

  it('coerces Python and PowerShell versions', () => {
    assert.equal(coerceVersion('2.31'), '2.31.0');
    assert.equal(coerceVersion('2.12.0.1'), '2.12.0');
    assert.equal(coerceVersion('v1.2.3'), '1.2.3');
    assert.equal(coerceVersion('2.0.0rc1'), '2.0.0-rc.1');
    assert.equal(coerceVersion('1.0.post2'), '1.0.0');
    assert.equal(coerceVersion('banana'), undefined);
  });

  it('checks versions against ranges', () => {
    assert.equal(satisfiesRange('2.32.3', '>=2.31,<3'), true);
    assert.equal(satisfiesRange('3.0', '>=2.31,<3'), false);
    assert.equal(satisfiesRange('2.12.0.1', '>=2.12.0'), true);
    assert.equal(satisfiesRange('2.30', '~=2.31'), false);
    assert.equal(satisfiesRange('2.99', '~=2.31'), true);
    assert.equal(satisfiesRange('anything', '*'), false);
    assert.equal(satisfiesRange('1.0.0', '*'), true);
  });
});

describe('core paths', () => {
  it('normalizes, joins and splits', () => {
    assert.equal(normalizePath('/a/./b//c/../d/'), '/a/b/d');
    assert.equal(normalizePath('C:\\repo\\a'), 'C:/repo/a');
    assert.equal(normalizePath('/..'), '/');
    assert.equal(joinPath('/repo', 'shared/../x.yaml'), '/repo/x.yaml');
    assert.equal(dirname('/repo/a.py'), '/repo');
    assert.equal(dirname('/repo'), '/');
    assert.equal(dirname('/'), '/');
    assert.equal(dirname('C:/repo'), 'C:/');
    assert.equal(basename('/repo/a.py'), 'a.py');
    assert.equal(extname('/repo/Triage.PS1'), '.ps1');
    assert.equal(extname('/repo/.socguard'), '');
  });

  it('relates paths', () => {
    assert.equal(isInside('/repo/a/b.py', '/repo'), true);
    assert.equal(isInside('/repo', '/repo'), true);
    assert.equal(isInside('/repository/a', '/repo'), false);
    assert.equal(isInside('/a', '/'), true);
    assert.equal(relativePath('/repo', '/repo/a/b.py'), 'a/b.py');
    assert.equal(relativePath('/repo/x', '/repo/a/b.py'), '../a/b.py');
    assert.equal(relativePath('/repo', '/repo'), '');
    assert.deepEqual(ancestorDirectories('/r/a/b', '/r'), ['/r/a/b', '/r/a', '/r']);
    assert.deepEqual(ancestorDirectories('/r/a'), ['/r/a', '/r', '/']);
  });
});
