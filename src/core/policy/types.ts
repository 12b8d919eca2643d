// The shape of a policy after parsing, validation and merging along `extends` (DESIGN.md §4).
import type { SeveritySetting } from '../findings';
import type { Span } from '../model';

/** `deny` = allowlist mode (anything not allowed is unapproved); `allow` = denylist mode. */
export type DefaultMode = 'allow' | 'deny';

/** A denied module, command, call or plugin, with why and what to use instead. */
export interface DenyEntry {
  /** Module, command, call or plugin name; globs allowed where the section says so. */
  name: string;
  reason?: string;
  alternative?: string;
}

/** An allow/deny list of modules for one language. */
export interface ModuleRules {
  default: DefaultMode;
  /** Standard library / built-in modules: `allow` treats them as approved. */
  stdlib: DefaultMode;
  allow: string[];
  deny: DenyEntry[];
}

/** Dependency allowlist with version ranges. */
export interface DependencyRules {
  /** `required`: every requirement must be an exact pin. */
  pinned: 'required' | 'optional';
  /** Distribution name -> semver range (`*` for any version). */
  allow: Record<string, string>;
  deny: DenyEntry[];
}

/** A call the policy forbids, optionally only with a given argument. */
export interface CallDenyEntry extends DenyEntry {
  /** Only when this argument/parameter is present (`shell`, `AsPlainText`). */
  argument?: string;
  /** Only when the argument has this literal value (`true`). */
  value?: string | number | boolean | null;
  /** Only when this argument is missing (e.g. `Loader` for `yaml.load`). */
  unlessArgument?: string;
}

/** Python section of a policy. */
export interface PythonPolicy {
  imports: ModuleRules;
  dependencies: DependencyRules;
  /** Import name -> distribution name, adding to the bundled map. */
  distributions: Record<string, string>;
  calls: { deny: CallDenyEntry[] };
}

/** PowerShell section of a policy. */
export interface PowerShellPolicy {
  modules: ModuleRules & { versions: Record<string, string> };
  commands: { deny: CallDenyEntry[] };
}

/** KQL section of a policy. */
export interface KqlPolicy {
  tables: { default: DefaultMode; allow: string[]; deny: DenyEntry[] };
  plugins: { deny: DenyEntry[] };
  workspaces: { allow: string[] };
  timeFilter: 'required' | 'optional';
}

/** Where tests and coverage reports live. */
export interface TestsPolicy {
  python: string[];
  powershell: string[];
  kql: string[];
  coverage: string[];
}

/** A rule setting: a severity, or a severity with options. */
export interface RuleSetting {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

/** Per-path settings that apply on top of the policy. */
export interface Override {
  files: string[];
  rules: Record<string, RuleSetting>;
}

/** One checklist item a reviewer must tick. */
export interface ChecklistItem {
  id: string;
  text: string;
}

/** The review gate's settings. */
export interface ReviewPolicy {
  operational: string[];
  checklist: ChecklistItem[];
  reviewers: string[];
  expiresAfterDays?: number;
  separationOfDuties: boolean;
}

/** A fully merged policy as rules see it. */
export interface Policy {
  name: string;
  version: string;
  files: { include: string[]; exclude: string[] };
  /** Maximum size of a checked file in bytes. */
  maxFileSize: number;
  python: PythonPolicy;
  powershell: PowerShellPolicy;
  kql: KqlPolicy;
  network: { allow: string[] };
  tests: TestsPolicy;
  rules: Record<string, RuleSetting>;
  /** Rules whose findings inline comments cannot suppress. */
  unsuppressible: string[];
  overrides: Override[];
  review: ReviewPolicy;
}

/** Where a setting came from: a policy file (or shipped pack) and the position of its value. */
export interface SettingOrigin {
  /** Absolute path of the policy file, or `socguard:<pack>` for a shipped pack. */
  source: string;
  span: Span;
}

/** A merged policy with the origin of every setting, keyed by JSON pointer. */
export interface ResolvedPolicy {
  policy: Policy;
  /** The file the policy was loaded from (the nearest policy), or `socguard:baseline` for the default. */
  source: string;
  /** The directory policy-relative globs are matched against. */
  root: string;
  /** JSON pointer (`/python/imports/allow/2`) -> where that value was set. */
  origins: Map<string, SettingOrigin>;
}

/** A problem in a policy file, with its position and the JSON pointer of the offending value. */
export interface PolicyProblem {
  /** Absolute path of the policy file, or `socguard:<pack>`. */
  file: string;
  span: Span;
  pointer: string;
  message: string;
}

/** The outcome of loading a policy: a resolved policy, or every problem found (then `resolved` is absent). */
export interface PolicyLoadResult {
  resolved?: ResolvedPolicy;
  problems: PolicyProblem[];
}

/** Options for `loadPolicy`. */
export interface LoadPolicyOptions {
  /** `extends` paths must stay inside this directory; default: the repository containing the policy file. */
  repositoryRoot?: string;
  /** Rule ids the engine knows; when given, unknown ids in `rules`, `overrides` and `unsuppressible` are problems. */
  knownRules?: ReadonlySet<string>;
}

/** A rule's effective setting for one file: `rules`, then every matching override in order. */
export interface EffectiveRuleSetting {
  severity?: SeveritySetting;
  options: Record<string, unknown>;
}

/** One line of `socguard policy explain`: a setting of the effective policy and where it came from. */
export interface ExplainEntry {
  /** JSON pointer of the setting in the effective policy (`/python/imports/allow/2`). */
  pointer: string;
  /** The value as compact JSON. */
  value: string;
  /** Where it was set; absent for built-in defaults. */
  origin?: SettingOrigin;
}
