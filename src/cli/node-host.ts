// The Host for Node (CLI and tests): the file system, and assets shipped beside the bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DirectoryEntry, FileStat, Host } from '../core/host';

/** Converts an OS path to the absolute, `/`-separated form core uses. */
export function toCorePath(osPath: string): string {
  return path.resolve(osPath).split(path.sep).join('/');
}

/** Finds the `assets/` folder: beside the bundle (`dist/assets`) or the compiled tests (`out/assets`). */
export function findAssetsDir(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'assets');
    if (fs.existsSync(path.join(candidate, 'tree-sitter'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`socguard: cannot find the assets folder near ${start}; run \`npm run build\``);
}

/** Creates a Host backed by node:fs. */
export function createNodeHost(options: { assetsDir?: string; log?: Host['log'] } = {}): Host {
  let assetsDir = options.assetsDir;
  return {
    async readFile(file: string): Promise<Uint8Array | undefined> {
      try {
        return await fs.promises.readFile(file);
      } catch {
        return undefined;
      }
    },
    async stat(file: string): Promise<FileStat | undefined> {
      try {
        const stats = await fs.promises.stat(file);
        return { isFile: stats.isFile(), isDirectory: stats.isDirectory(), size: stats.size, mtimeMs: stats.mtimeMs };
      } catch {
        return undefined;
      }
    },
    async readDirectory(dir: string): Promise<DirectoryEntry[] | undefined> {
      try {
        const entries = await fs.promises.readdir(dir, { withFileTypes: true });
        return entries.map((entry) => ({
          name: entry.name,
          isFile: entry.isFile(),
          isDirectory: entry.isDirectory(),
          isSymbolicLink: entry.isSymbolicLink(),
        }));
      } catch {
        return undefined;
      }
    },
    async readAsset(name: string): Promise<Uint8Array> {
      assetsDir ??= findAssetsDir();
      return fs.promises.readFile(path.join(assetsDir, name));
    },
    log: options.log,
  };
}
