// The public API of core, the only module the CLI and the extension import from core.
export { Checker } from './engine';
export type { CheckerOptions, CheckResult, FileOutcome, FileResult } from './engine';
export type { Finding, Fix, Severity, SeveritySetting, SkippedFile, TextEdit } from './findings';
export { compareFindings, countBySeverity, SEVERITIES } from './findings';
export type { DirectoryEntry, FileStat, Host } from './host';
export type { ImportRef, Language, ScriptModel, Span } from './model';
export { LANGUAGES } from './model';
export { isKqlContainer, languageForPath } from './analyzers';
export { buildInventory, formatInventoryText } from './inventory';
export type { InventoryRecord } from './inventory';
export * from './policy';
export type { Policy, PolicyProblem, ResolvedPolicy } from './policy/types';
export { ALL_RULE_METAS, KNOWN_RULE_IDS, RULES } from './rules';
export type { RuleMeta } from './rules';
export { getReporter, REPORT_FORMATS } from './reporters';
export type { ReportInput } from './reporters';
export * as paths from './paths';
