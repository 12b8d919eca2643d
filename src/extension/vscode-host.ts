// The Host for the extension: workspace files through vscode.workspace.fs, assets from the extension folder.
import * as vscode from 'vscode';
import type { DirectoryEntry, FileStat, Host } from '../core/host';

/** Creates a Host over VS Code's file system API (works for local and remote workspaces). */
export function createVscodeHost(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Host {
  const toUri = (path: string): vscode.Uri => vscode.Uri.file(path);
  return {
    async readFile(path: string): Promise<Uint8Array | undefined> {
      try {
        return await vscode.workspace.fs.readFile(toUri(path));
      } catch {
        return undefined;
      }
    },
    async stat(path: string): Promise<FileStat | undefined> {
      try {
        const stat = await vscode.workspace.fs.stat(toUri(path));
        return {
          isFile: (stat.type & vscode.FileType.File) !== 0,
          isDirectory: (stat.type & vscode.FileType.Directory) !== 0,
          size: stat.size,
          mtimeMs: stat.mtime,
        };
      } catch {
        return undefined;
      }
    },
    async readDirectory(path: string): Promise<DirectoryEntry[] | undefined> {
      try {
        const entries = await vscode.workspace.fs.readDirectory(toUri(path));
        return entries.map(([name, type]) => ({
          name,
          isFile: (type & vscode.FileType.File) !== 0,
          isDirectory: (type & vscode.FileType.Directory) !== 0,
          isSymbolicLink: (type & vscode.FileType.SymbolicLink) !== 0,
        }));
      } catch {
        return undefined;
      }
    },
    async readAsset(name: string): Promise<Uint8Array> {
      return vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'assets', ...name.split('/')));
    },
    log(level, message) {
      log[level](message);
    },
  };
}
