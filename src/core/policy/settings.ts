// What a resolved policy says for one file: rule settings after overrides, inclusion, and its label.
import type { SeveritySetting } from '../findings';
import { matchesAnyGlob } from './patterns';
import type { EffectiveRuleSetting, Policy, ResolvedPolicy, RuleSetting } from './types';

/**
 * A rule's effective setting for a file (path relative to `resolved.root`): `rules`, then each override
 * whose `files` match, in order; severities replace, options merge key by key (later wins).
 */
export function ruleSettingFor(resolved: ResolvedPolicy, ruleId: string, relativeFile: string): EffectiveRuleSetting {
  const result: EffectiveRuleSetting = { options: {} };
  const apply = (setting: RuleSetting | undefined): void => {
    if (!setting) return;
    if (setting.severity !== undefined) result.severity = setting.severity;
    if (setting.options) Object.assign(result.options, setting.options);
  };
  apply(ownSetting(resolved.policy.rules, ruleId));
  for (const override of resolved.policy.overrides) {
    if (matchesAnyGlob(relativeFile, override.files)) apply(ownSetting(override.rules, ruleId));
  }
  return result;
}

/** The severity a policy sets for a rule on a file, or `undefined` to use the rule's default. */
export function severityFor(resolved: ResolvedPolicy, ruleId: string, relativeFile: string): SeveritySetting | undefined {
  return ruleSettingFor(resolved, ruleId, relativeFile).severity;
}

/** Whether a file (path relative to `resolved.root`) matches `files.include` and no `files.exclude`. */
export function isIncluded(resolved: ResolvedPolicy, relativeFile: string): boolean {
  const { include, exclude } = resolved.policy.files;
  return matchesAnyGlob(relativeFile, include) && !matchesAnyGlob(relativeFile, exclude);
}

/** Whether `files.exclude` rules out a file or folder (path relative to `resolved.root`); lets walkers prune folders. */
export function isExcluded(resolved: ResolvedPolicy, relativePath: string): boolean {
  const { exclude } = resolved.policy.files;
  return matchesAnyGlob(relativePath, exclude) || matchesAnyGlob(`${relativePath.replace(/\/$/, '')}/x`, exclude.filter((glob) => glob.endsWith('/**')));
}

/** Name and version for messages: `Contoso SOC 2.3.0` (just the name when the policy has no version). */
export function policyLabel(policy: Pick<Policy, 'name' | 'version'>): string {
  return policy.version ? `${policy.name} ${policy.version}` : policy.name;
}

function ownSetting(rules: Record<string, RuleSetting>, ruleId: string): RuleSetting | undefined {
  return Object.prototype.hasOwnProperty.call(rules, ruleId) ? rules[ruleId] : undefined;
}
