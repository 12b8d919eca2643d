// First-party module resolution: which imports resolve to code inside the checked repository.
import type { Host } from './host';
import type { ScriptModel } from './model';
import { ancestorDirectories, dirname, joinPath } from './paths';
import type { ProjectInfo } from './rules/rule';

const PYTHON_SUFFIXES = ['.py', '.pyi', '.pyw'];

/**
 * Answers "is this module ours?" synchronously for rules, after `prepare` has looked up (with a few
 * targeted stats, cached per directory) the modules a file imports. A Python module is first-party when
 * `<name>.py` or a package directory `<name>/` exists in the file's directory, any ancestor up to the
 * repository root, or an ancestor's `src/`; a PowerShell module when `<name>.psm1`/`.psd1` or a module
 * folder `<name>/<name>.psd1|.psm1` exists there (or under `Modules/`).
 */
export class ProjectIndex implements ProjectInfo {
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly host: Host,
    private readonly repositoryRoot: string,
  ) {}

  /** Resolves the top-level modules `model` imports, so the synchronous queries can answer. */
  async prepare(absolutePath: string, model: ScriptModel): Promise<void> {
    const directories = this.searchDirectories(absolutePath);
    const lookups: Promise<void>[] = [];
    for (const ref of model.imports) {
      if (ref.level > 0 || ref.module === '') continue;
      const name = model.language === 'python' ? topLevel(ref.module) : ref.module;
      for (const dir of directories) {
        const key = this.key(model.language === 'python', dir, name);
        if (this.known.has(key)) continue;
        this.known.set(key, false);
        lookups.push(
          (model.language === 'python' ? this.hasPythonModule(dir, name) : this.hasPowerShellModule(dir, name)).then((found) => {
            this.known.set(key, found);
          }),
        );
      }
    }
    await Promise.all(lookups);
  }

  isFirstPartyPython(module: string, fromFile: string): boolean {
    const name = topLevel(module);
    return this.searchDirectories(fromFile).some((dir) => this.known.get(this.key(true, dir, name)) === true);
  }

  isFirstPartyPowerShell(module: string, fromFile: string): boolean {
    return this.searchDirectories(fromFile).some((dir) => this.known.get(this.key(false, dir, module)) === true);
  }

  private key(isPython: boolean, dir: string, name: string): string {
    return `${isPython ? 'py' : 'ps'}:${dir}:${isPython ? name : name.toLowerCase()}`;
  }

  private searchDirectories(absolutePath: string): string[] {
    const ancestors = ancestorDirectories(dirname(absolutePath), this.repositoryRoot);
    return [...ancestors, ...ancestors.map((dir) => joinPath(dir, 'src'))];
  }

  private async hasPythonModule(dir: string, name: string): Promise<boolean> {
    for (const suffix of PYTHON_SUFFIXES) {
      if ((await this.host.stat(joinPath(dir, name + suffix)))?.isFile) return true;
    }
    const packageDir = joinPath(dir, name);
    if (!(await this.host.stat(packageDir))?.isDirectory) return false;
    const entries = (await this.host.readDirectory(packageDir)) ?? [];
    return entries.some((entry) => entry.isFile && PYTHON_SUFFIXES.some((suffix) => entry.name.endsWith(suffix)));
  }

  private async hasPowerShellModule(dir: string, name: string): Promise<boolean> {
    const candidates = [`${name}.psm1`, `${name}.psd1`, `${name}/${name}.psd1`, `${name}/${name}.psm1`, `Modules/${name}/${name}.psd1`, `Modules/${name}/${name}.psm1`];
    for (const candidate of candidates) {
      if ((await this.host.stat(joinPath(dir, candidate)))?.isFile) return true;
    }
    return false;
  }
}

function topLevel(module: string): string {
  const index = module.indexOf('.');
  return index < 0 ? module : module.slice(0, index);
}
