// The analyzer contract: text in, ScriptModel out; loaded per language on first use.
import type { Host } from '../host';
import type { Language, ScriptModel } from '../model';

/** Turns source text into a ScriptModel. `analyze` never throws: syntax errors are data. */
export interface Analyzer {
  readonly language: Language;
  analyze(text: string, options?: AnalyzeOptions): ScriptModel;
}

/** Per-file facts an analyzer may use. */
export interface AnalyzeOptions {
  /** Absolute path of the file, when there is one (PowerShell `.psd1` manifests analyze differently). */
  path?: string;
}

/** Loads an analyzer once its parser (WASM grammar, Kusto.Language) is ready. */
export type AnalyzerLoader = (host: Host) => Promise<Analyzer>;
