// Which analyzer handles a file, and lazy per-language loading (each parser loads on first use).
import type { Host } from '../host';
import type { Language } from '../model';
import { extname } from '../paths';
import type { Analyzer, AnalyzerLoader } from './analyzer';

export type { Analyzer, AnalyzeOptions, AnalyzerLoader } from './analyzer';

const EXTENSIONS: Record<string, Language> = {
  '.py': 'python',
  '.pyw': 'python',
  '.pyi': 'python',
  '.ps1': 'powershell',
  '.psm1': 'powershell',
  '.psd1': 'powershell',
  '.kql': 'kql',
  '.kusto': 'kql',
  '.csl': 'kql',
};

/** Extensions whose files may embed KQL (Sentinel rule YAML, Markdown with ```kql fences). */
const KQL_CONTAINER_EXTENSIONS = new Set(['.yaml', '.yml', '.md']);

/** The language a path is analyzed as, by extension; container files (YAML, Markdown) count as KQL. */
export function languageForPath(path: string): Language | undefined {
  const extension = extname(path);
  return EXTENSIONS[extension] ?? (KQL_CONTAINER_EXTENSIONS.has(extension) ? 'kql' : undefined);
}

/** Whether the file is a container (YAML/Markdown) that is checked only when it holds KQL. */
export function isKqlContainer(path: string): boolean {
  return KQL_CONTAINER_EXTENSIONS.has(extname(path));
}

const LOADERS: Record<Language, () => Promise<AnalyzerLoader>> = {
  python: async () => (await import('./python')).loadPythonAnalyzer,
  powershell: async () => (await import('./powershell')).loadPowerShellAnalyzer,
  kql: async () => (await import('./kql')).loadKqlAnalyzer,
};

const cache = new WeakMap<Host, Map<Language, Promise<Analyzer>>>();

/** Returns the analyzer for a language, loading its parser on first use (once per host). */
export function getAnalyzer(host: Host, language: Language): Promise<Analyzer> {
  let perHost = cache.get(host);
  if (!perHost) {
    perHost = new Map();
    cache.set(host, perHost);
  }
  let analyzer = perHost.get(language);
  if (!analyzer) {
    analyzer = LOADERS[language]().then((load) => load(host));
    perHost.set(language, analyzer);
    // A failed load must not poison the cache: the next file retries.
    analyzer.catch(() => perHost.delete(language));
  }
  return analyzer;
}
