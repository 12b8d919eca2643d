// The rule registry: every rule, in the order they run and are documented.
import deniedCall from './denied-call';
import deniedImport from './denied-import';
import kqlDeniedPlugin from './kql-denied-plugin';
import kqlTimeFilter from './kql-time-filter';
import kqlUnapprovedTable from './kql-unapproved-table';
import kqlUnapprovedWorkspace from './kql-unapproved-workspace';
import type { Rule, RuleMeta } from './rule';
import syntaxError from './syntax-error';
import unapprovedEndpoint from './unapproved-endpoint';
import unapprovedImport from './unapproved-import';

export type { Rule, RuleContext, RuleMeta, RuleReport, ProjectInfo } from './rule';
export { defineRule, formatMessage } from './rule';

/** Every rule, in a stable order. */
export const RULES: readonly Rule[] = [
  syntaxError,
  unapprovedImport,
  deniedImport,
  deniedCall,
  unapprovedEndpoint,
  kqlTimeFilter,
  kqlDeniedPlugin,
  kqlUnapprovedTable,
  kqlUnapprovedWorkspace,
];

/** Findings the engine reports itself (about suppressions and its own failures), documented like rules. */
export const ENGINE_RULES: readonly RuleMeta[] = [
  {
    name: 'invalid-suppression',
    languages: ['python', 'powershell', 'kql'],
    defaultSeverity: 'warning',
    description: 'a suppression comment without a reason, naming an unknown rule, or for a rule that cannot be suppressed',
    messages: {
      noReason: 'suppression of `{{rules}}` has no reason; write `socguard-ignore {{rules}} -- <why>`',
      unknownRule: 'suppression names unknown rule `{{rule}}`{{hint}}',
      unsuppressible: 'policy {{policy}} does not allow suppressing `{{rule}}`',
      expired: 'suppression of `{{rules}}` expired on {{until}}',
      unused: 'suppression of `{{rules}}` matches no finding on line {{line}}',
    },
  },
  {
    name: 'internal-error',
    languages: ['python', 'powershell', 'kql'],
    defaultSeverity: 'error',
    description: 'SOC Guardrails failed while checking this file (a bug: please report it)',
    messages: { crashed: '{{what}} failed: {{error}} (this is a bug in SOC Guardrails; the file was not fully checked)' },
  },
];

/** Metadata of everything that can produce a finding. */
export const ALL_RULE_METAS: readonly RuleMeta[] = [...RULES.map((rule) => rule.meta), ...ENGINE_RULES];

/** Every rule id a policy may name. */
export const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(ALL_RULE_METAS.map((meta) => meta.name));

/** Looks a rule up by id. */
export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.name === id);
}
