// Shared test helpers: a Node host that finds the compiled assets, and fixture paths.
import * as path from 'node:path';
import { createNodeHost, toCorePath } from '../src/cli/node-host';
import type { Host } from '../src/core/host';

/** The repository root (tests run from out/test/...). */
export const repoRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../..' : '..').replace(/[\\/]out$/, '');

/** A Host over the real file system with the compiled assets. */
export function testHost(): Host {
  return createNodeHost();
}

/** Absolute core-style path of a file under test/fixtures. */
export function fixturePath(...parts: string[]): string {
  return toCorePath(path.join(repoRoot, 'test', 'fixtures', ...parts));
}
