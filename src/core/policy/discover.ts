// Finding the repository root and the policy file that governs a directory.
import type { Host } from '../host';
import { ancestorDirectories, isInside, joinPath, normalizePath } from '../paths';

/** Policy file names, in the order they win when several sit in one directory. */
export const POLICY_FILE_NAMES: readonly string[] = ['.socguard.yaml', '.socguard.yml', '.socguard.json'];

/** The nearest ancestor of `dir` (or `dir` itself) containing `.git` (a folder, or a file for worktrees); else `dir`. */
export async function findRepositoryRoot(host: Host, dir: string): Promise<string> {
  const start = normalizePath(dir);
  for (const candidate of ancestorDirectories(start)) {
    if (await host.stat(joinPath(candidate, '.git'))) return candidate;
  }
  return start;
}

/**
 * The nearest policy file from `startDir` upwards, stopping at `stopAt` (inclusive; default: the
 * repository root of `startDir`). When `startDir` is not inside `stopAt`, only `startDir` is searched.
 */
export async function discoverPolicyFile(host: Host, startDir: string, stopAt?: string): Promise<string | undefined> {
  const start = normalizePath(startDir);
  const stop = normalizePath(stopAt ?? (await findRepositoryRoot(host, start)));
  const directories = isInside(start, stop) ? ancestorDirectories(start, stop) : [start];
  for (const dir of directories) {
    for (const name of POLICY_FILE_NAMES) {
      const file = joinPath(dir, name);
      if ((await host.stat(file))?.isFile) return file;
    }
  }
  return undefined;
}
