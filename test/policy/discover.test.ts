// Discovery: the repository root and the nearest policy file, in name order, never above the repository.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverPolicyFile, findRepositoryRoot, POLICY_FILE_NAMES } from '../../src/core/policy';
import { memoryHost } from './memory-host';

describe('findRepositoryRoot', () => {
  it('finds the nearest ancestor with a .git folder', async () => {
    const host = memoryHost({ '/work/repo/.git/HEAD': 'ref', '/work/repo/a/b/c.py': '' });
    assert.equal(await findRepositoryRoot(host, '/work/repo/a/b'), '/work/repo');
    assert.equal(await findRepositoryRoot(host, '/work/repo'), '/work/repo');
  });

  it('accepts a .git file (worktrees, submodules)', async () => {
    const host = memoryHost({ '/work/repo/.git': 'gitdir: ../.git/worktrees/repo', '/work/repo/src/a.py': '' });
    assert.equal(await findRepositoryRoot(host, '/work/repo/src'), '/work/repo');
  });

  it('returns the start directory when there is no repository', async () => {
    const host = memoryHost({ '/tmp/scripts/a.py': '' });
    assert.equal(await findRepositoryRoot(host, '/tmp/scripts'), '/tmp/scripts');
  });
});

describe('discoverPolicyFile', () => {
  it('prefers .yaml over .yml over .json in one directory', async () => {
    assert.deepEqual(POLICY_FILE_NAMES, ['.socguard.yaml', '.socguard.yml', '.socguard.json']);
    const all = memoryHost({ '/r/.git/HEAD': '', '/r/.socguard.json': '{}', '/r/.socguard.yml': '', '/r/.socguard.yaml': '' });
    assert.equal(await discoverPolicyFile(all, '/r'), '/r/.socguard.yaml');
    const two = memoryHost({ '/r/.git/HEAD': '', '/r/.socguard.json': '{}', '/r/.socguard.yml': '' });
    assert.equal(await discoverPolicyFile(two, '/r'), '/r/.socguard.yml');
  });

  it('returns the nearest policy walking up', async () => {
    const host = memoryHost({
      '/r/.git/HEAD': '',
      '/r/.socguard.yaml': '',
      '/r/team-a/.socguard.json': '{}',
      '/r/team-a/hunts/deep/x.py': '',
      '/r/team-b/x.py': '',
    });
    assert.equal(await discoverPolicyFile(host, '/r/team-a/hunts/deep'), '/r/team-a/.socguard.json');
    assert.equal(await discoverPolicyFile(host, '/r/team-b'), '/r/.socguard.yaml');
  });

  it('stops at the repository root', async () => {
    const host = memoryHost({ '/home/.socguard.yaml': '', '/home/repo/.git/HEAD': '', '/home/repo/src/a.py': '' });
    assert.equal(await discoverPolicyFile(host, '/home/repo/src'), undefined);
  });

  it('stops at an explicit stopAt, inclusive', async () => {
    const host = memoryHost({ '/r/.socguard.yaml': '', '/r/a/.socguard.yaml': '', '/r/a/b/c/x.py': '' });
    assert.equal(await discoverPolicyFile(host, '/r/a/b/c', '/r/a'), '/r/a/.socguard.yaml');
    assert.equal(await discoverPolicyFile(host, '/r/a/b/c', '/r/a/b'), undefined);
  });

  it('ignores directories named like a policy file', async () => {
    const host = memoryHost({ '/r/.git/HEAD': '', '/r/.socguard.yaml/oops': '', '/r/.socguard.json': '{}' });
    assert.equal(await discoverPolicyFile(host, '/r'), '/r/.socguard.json');
  });
});
