// The policy subsystem's public API: discovery, loading (parse, validate, extends, merge), queries and explain.
export { BASELINE_SOURCE, DEFAULTS, DEFAULT_CHECKLIST, MAX_EXTENDS_DEPTH, PACK_PREFIX, SHIPPED_PACKS } from './defaults';
export { discoverPolicyFile, findRepositoryRoot, POLICY_FILE_NAMES } from './discover';
export { displaySource, explainPolicy, formatExplanation, formatOrigin, formatPolicyProblem } from './explain';
export { loadPolicy } from './load';
export { parseSize, POLICY_FIELDS } from './merge';
export type { MergeKind, PolicyField } from './merge';
export { matchesAnyGlob, matchesGlob, matchesHostPattern, matchesModulePattern } from './patterns';
export type { ModulePatternOptions } from './patterns';
export { isExcluded, isIncluded, policyLabel, ruleSettingFor, severityFor } from './settings';
export { globProblem, hostPatternProblem } from './semantic';
export { SCHEMA_ASSET } from './validate';
export { coerceVersion, satisfiesRange, toSemverRange } from './versions';
export type * from './types';
