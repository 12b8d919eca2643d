// syntax-error: the file does not parse; other rules still see whatever the parser recovered.
import { defineRule } from './rule';

export default defineRule({
  meta: {
    name: 'syntax-error',
    languages: ['python', 'powershell', 'kql'],
    defaultSeverity: 'error',
    description: 'the file does not parse',
    messages: {
      syntax: 'syntax error: {{message}}',
      syntaxMore: 'syntax error: {{message}} ({{more}} more after it, often caused by this one)',
    },
  },
  check(context) {
    // Like the interpreters, report the first error: parser recovery makes later ones mostly echoes.
    const [first, ...rest] = context.model.syntaxErrors;
    if (!first) return;
    if (rest.length === 0) context.report({ messageId: 'syntax', data: { message: first.message }, span: first.span });
    else context.report({ messageId: 'syntaxMore', data: { message: first.message, more: String(rest.length) }, span: first.span });
  },
});
