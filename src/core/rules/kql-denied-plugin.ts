// kql-denied-plugin: an `evaluate` plugin the policy forbids (python, r, http_request, …).
import { defineRule } from './rule';

export default defineRule({
  meta: {
    name: 'kql-denied-plugin',
    languages: ['kql'],
    defaultSeverity: 'error',
    description: 'KQL plugin is denied by the policy',
    messages: {
      denied: '`evaluate {{plugin}}` is denied by policy {{policy}}: {{reason}}',
      deniedWithAlternative: '`evaluate {{plugin}}` is denied by policy {{policy}}: {{reason}}; approved alternative: {{alternative}}',
    },
  },
  check(context) {
    const deny = context.policy.kql.plugins.deny;
    for (const query of context.model.kql?.queries ?? []) {
      for (const plugin of query.plugins) {
        const entry = deny.find((candidate) => candidate.name.toLowerCase() === plugin.name.toLowerCase());
        if (!entry) continue;
        const data = { plugin: plugin.name, policy: context.policyLabel, reason: entry.reason ?? 'no reason given' };
        if (entry.alternative === undefined) context.report({ messageId: 'denied', data, span: plugin.span });
        else context.report({ messageId: 'deniedWithAlternative', data: { ...data, alternative: entry.alternative }, span: plugin.span });
      }
    }
  },
});
