// An in-memory Host for policy tests: files from a map, shipped assets from the compiled assets folder.
import type { DirectoryEntry, FileStat, Host } from '../../src/core/host';
import { testHost } from '../helpers';

/** A Host whose file system is `files` (absolute `/`-separated path -> text); `.git` entries may be `''`. */
export function memoryHost(files: Record<string, string>): Host & { reads: string[] } {
  const assets = testHost();
  const encoder = new TextEncoder();
  const directories = new Set<string>(['/']);
  for (const path of Object.keys(files)) {
    let dir = path.slice(0, path.lastIndexOf('/'));
    while (dir !== '') {
      directories.add(dir);
      dir = dir.slice(0, dir.lastIndexOf('/'));
    }
  }
  const reads: string[] = [];
  return {
    reads,
    readFile(path: string): Promise<Uint8Array | undefined> {
      reads.push(path);
      const text = files[path];
      return Promise.resolve(text === undefined ? undefined : encoder.encode(text));
    },
    stat(path: string): Promise<FileStat | undefined> {
      if (files[path] !== undefined) return Promise.resolve({ isFile: true, isDirectory: false, size: encoder.encode(files[path]).length, mtimeMs: 0 });
      if (directories.has(path)) return Promise.resolve({ isFile: false, isDirectory: true, size: 0, mtimeMs: 0 });
      return Promise.resolve(undefined);
    },
    readDirectory(path: string): Promise<DirectoryEntry[] | undefined> {
      if (!directories.has(path)) return Promise.resolve(undefined);
      const prefix = path === '/' ? '/' : `${path}/`;
      const names = new Map<string, boolean>();
      for (const candidate of [...Object.keys(files), ...directories]) {
        if (!candidate.startsWith(prefix) || candidate === path) continue;
        const rest = candidate.slice(prefix.length);
        const name = rest.split('/')[0]!;
        names.set(name, (names.get(name) ?? false) || rest.includes('/') || directories.has(candidate));
      }
      return Promise.resolve([...names].map(([name, isDirectory]) => ({ name, isFile: !isDirectory, isDirectory, isSymbolicLink: false })));
    },
    readAsset: (name: string) => assets.readAsset(name),
  };
}
