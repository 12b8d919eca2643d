// unapproved-import: a module that the policy's allowlist does not approve.
import { classifyImport } from './import-policy';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    name: 'unapproved-import',
    languages: ['python', 'powershell'],
    defaultSeverity: 'error',
    description: 'module is not on the approved list',
    messages: {
      notApproved: '`{{module}}` is not on the approved list (policy {{policy}})',
      notApprovedSuggest: '`{{module}}` is not on the approved list (policy {{policy}}) — did you mean `{{suggestion}}`?',
    },
    fixable: true,
  },
  check(context) {
    for (const ref of context.model.imports) {
      const verdict = classifyImport(ref, context);
      if (verdict.status !== 'unapproved') continue;
      const data = { module: ref.module, policy: context.policyLabel };
      if (verdict.suggestion === undefined) {
        context.report({ messageId: 'notApproved', data, span: ref.span });
        continue;
      }
      context.report({
        messageId: 'notApprovedSuggest',
        data: { ...data, suggestion: verdict.suggestion },
        span: ref.span,
        fixes: [{ title: `Replace \`${ref.module}\` with \`${verdict.suggestion}\``, kind: 'replace', isPreferred: true, edits: [{ span: ref.span, newText: verdict.suggestion }] }],
      });
    }
  },
});
