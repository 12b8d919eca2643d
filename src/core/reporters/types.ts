// The input every reporter renders and the reporter function type (reporters are pure: data in, string out).
import type { Finding, SkippedFile } from '../findings';
import type { RuleMeta } from '../rules/rule';

/** Everything a reporter needs to render the result of one check. */
export interface ReportInput {
  /** Every finding, including suppressed ones (`finding.suppression` set). */
  findings: Finding[];
  skipped: SkippedFile[];
  /** Metadata of every rule that ran (SARIF rules, help links). */
  rules: RuleMeta[];
  /** The socguard version, e.g. `0.1.0`. */
  toolVersion: string;
  /** Name and version of the effective policy: `Contoso SOC 2.3.0`. */
  policyLabel: string;
  /** Already formatted policy problems (rare: a check normally stops at a broken policy). */
  policyProblems?: string[];
  /** How many files were checked. */
  filesChecked: number;
  /**
   * The checked files (relative to `root`, `/`-separated), when the caller has the list. JUnit uses it
   * to add a passing test case for every clean file; without it clean files are summarized in one case.
   */
  files?: string[];
  durationMs?: number;
  /** Absolute `/`-separated path of the check root (`/repo` or `c:/repo`); `finding.file` is relative to it. */
  root: string;
  /** Home page of the tool for SARIF `tool.driver.informationUri`; left out when not given. */
  toolInformationUri?: string;
  /** The help link for a rule. */
  ruleDocUrl(ruleId: string): string;
}

/** Rendering options shared by all reporters (each reporter reads what applies to it). */
export interface ReporterOptions {
  /** ANSI colors (text reporter only). */
  color?: boolean;
}

/** A reporter: renders a check result as the complete text of one output format. */
export type Reporter = (input: ReportInput, options?: ReporterOptions) => string;
