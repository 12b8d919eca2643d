// kql-unapproved-table: a table the policy denies, or (in allowlist mode) does not list.
import { matchesSimpleGlob } from '../text';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    name: 'kql-unapproved-table',
    languages: ['kql'],
    defaultSeverity: 'error',
    description: 'KQL table is not approved by the policy',
    messages: {
      denied: '`{{table}}` is denied by policy {{policy}}: {{reason}}',
      notApproved: '`{{table}}` is not on the approved table list (policy {{policy}})',
    },
  },
  check(context) {
    const { tables } = context.policy.kql;
    for (const query of context.model.kql?.queries ?? []) {
      for (const table of query.tables) {
        if (table.name === '*') continue;
        const entry = tables.deny.find((candidate) => matchesName(table.name, candidate.name));
        if (entry) {
          context.report({ messageId: 'denied', data: { table: table.name, policy: context.policyLabel, reason: entry.reason ?? 'no reason given' }, span: table.span });
          continue;
        }
        if (tables.default === 'allow') continue;
        // Workspace functions such as ASIM parsers (`_Im_*`, `_ASim_*`, `imAuthentication`) are not tables.
        if (table.isFunctionCall === true || isAsimParser(table.name)) continue;
        if (tables.allow.some((pattern) => matchesName(table.name, pattern))) continue;
        context.report({ messageId: 'notApproved', data: { table: table.name, policy: context.policyLabel }, span: table.span });
      }
    }
  },
});

/** Table names compare exactly (KQL is case-sensitive); `*` globs are allowed (`*_CL`, `Device*`). */
function matchesName(name: string, pattern: string): boolean {
  return matchesSimpleGlob(name, pattern);
}

function isAsimParser(name: string): boolean {
  return /^(_Im_|_ASim_|ASim|im[A-Z])/.test(name);
}
