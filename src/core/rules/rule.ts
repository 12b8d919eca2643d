// What a rule is: `meta` plus a synchronous, pure `check(context)` over the ScriptModel (STYLE.md).
import type { Fix, Severity } from '../findings';
import type { Language, ScriptModel, Span } from '../model';
import type { Policy } from '../policy/types';

/** Facts about the checked project that rules need beyond one file. */
export interface ProjectInfo {
  /** Whether a Python module resolves to code inside the checked repository (first-party). */
  isFirstPartyPython(module: string, fromFile: string): boolean;
  /** Whether a PowerShell module resolves to a module inside the checked repository. */
  isFirstPartyPowerShell(module: string, fromFile: string): boolean;
}

/** Static description of a rule. */
export interface RuleMeta {
  /** Stable kebab-case id, read as the thing found. */
  name: string;
  languages: readonly Language[];
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** Message templates; `{{key}}` is replaced from the report's `data`. */
  messages: Record<string, string>;
  /** Default options, merged under the policy's options. */
  defaultOptions?: Record<string, unknown>;
  /** Whether findings carry fixes. */
  fixable?: boolean;
}

/** What a rule reports. */
export interface RuleReport {
  messageId: string;
  data?: Record<string, string>;
  span: Span;
  fixes?: Fix[];
  /** Overrides the configured severity for this one finding (rare: e.g. a warning-level variant). */
  severity?: Severity;
}

/** Everything a rule may read, and `report`. */
export interface RuleContext {
  readonly model: ScriptModel;
  /** The file's path relative to the check root (`/`-separated). */
  readonly file: string;
  /** The file's absolute path. */
  readonly absolutePath: string;
  /** The file's text (line endings as on disk). */
  readonly text: string;
  readonly policy: Policy;
  /** Name and version of the policy, for messages: `Contoso SOC 2.3.0`. */
  readonly policyLabel: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly project: ProjectInfo;
  report(report: RuleReport): void;
}

/** A rule: metadata and its check. */
export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Declares a rule (identity function that keeps the type precise). */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Fills `{{key}}` placeholders in a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}
