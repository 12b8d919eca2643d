// denied-import: a module the policy forbids outright, with its reason and approved alternative.
import { classifyImport } from './import-policy';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    name: 'denied-import',
    languages: ['python', 'powershell'],
    defaultSeverity: 'error',
    description: 'module is denied by the policy',
    messages: {
      denied: '`{{module}}` is denied by policy {{policy}}: {{reason}}',
      deniedWithAlternative: '`{{module}}` is denied by policy {{policy}}: {{reason}}; approved alternative: {{alternative}}',
    },
    fixable: true,
  },
  check(context) {
    for (const ref of context.model.imports) {
      const verdict = classifyImport(ref, context);
      if (verdict.status !== 'denied') continue;
      const { entry } = verdict;
      const data = { module: verdict.module, policy: context.policyLabel, reason: entry.reason ?? 'no reason given' };
      if (entry.alternative === undefined) {
        context.report({ messageId: 'denied', data, span: ref.span });
        continue;
      }
      // Replacing is only mechanical when the whole referenced module is the denied one and the
      // alternative is a module name (policies may describe alternatives in prose).
      const isModuleName = /^[A-Za-z_][\w.-]*$/.test(entry.alternative);
      const canReplace = verdict.module === ref.module && isModuleName;
      context.report({
        messageId: 'deniedWithAlternative',
        data: { ...data, alternative: isModuleName ? `\`${entry.alternative}\`` : entry.alternative },
        span: ref.span,
        fixes: canReplace
          ? [{ title: `Replace \`${ref.module}\` with \`${entry.alternative}\``, kind: 'replace', edits: [{ span: ref.span, newText: entry.alternative }] }]
          : undefined,
      });
    }
  },
});
