// kql-unapproved-workspace: a cross-resource query (`workspace()`, `app()`, `cluster()`) to a target not approved.
import { matchesSimpleGlob } from '../text';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    name: 'kql-unapproved-workspace',
    languages: ['kql'],
    defaultSeverity: 'error',
    description: 'cross-resource query targets a workspace, app or cluster that is not approved',
    messages: {
      unapproved: '`{{kind}}("{{target}}")` is not an approved cross-resource target (policy {{policy}}); add it to `kql.workspaces.allow` if it is',
    },
  },
  check(context) {
    const allow = context.policy.kql.workspaces.allow;
    // An empty list means the policy does not restrict cross-resource queries.
    if (allow.length === 0) return;
    for (const query of context.model.kql?.queries ?? []) {
      for (const target of query.crossResource) {
        const name = target.target;
        if (allow.some((pattern) => matchesSimpleGlob(name, pattern, { caseInsensitive: true }))) continue;
        context.report({ messageId: 'unapproved', data: { kind: target.kind, target: target.target, policy: context.policyLabel }, span: target.span });
      }
    }
  },
});
