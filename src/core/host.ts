// The Host interface: every byte core reads comes through it, so core stays free of node and vscode.

/** What a host knows about a path. */
export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  mtimeMs: number;
}

/** One entry of a directory listing. */
export interface DirectoryEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

/**
 * I/O for core. Paths are absolute and use `/` separators (adapters convert Windows paths).
 * Methods that read report a missing path as `undefined`, never by throwing.
 */
export interface Host {
  /** Reads a file's bytes, or `undefined` when it does not exist or cannot be read. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Stats a path, or `undefined` when it does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Lists a directory, or `undefined` when it cannot be listed. */
  readDirectory(path: string): Promise<DirectoryEntry[] | undefined>;
  /** Reads a file shipped with the tool (grammars, data, policy packs) by its name under `assets/`. */
  readAsset(name: string): Promise<Uint8Array>;
  /** Writes diagnostics for humans (not findings); never required for correctness. */
  log?(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}
