// denied-call: a call or command the policy forbids (optionally only with a given argument).
import type { CallArgument, CallSite, Language } from '../model';
import { matchesModulePattern } from '../policy';
import type { CallDenyEntry } from '../policy/types';
import { defineRule } from './rule';

/** Positional parameters of well-known Python calls, so `yaml.load(f, SafeLoader)` counts as passing `Loader`. */
const PYTHON_POSITIONAL_PARAMETERS: Record<string, string[]> = {
  'yaml.load': ['stream', 'Loader'],
  'yaml.load_all': ['stream', 'Loader'],
};

export default defineRule({
  meta: {
    name: 'denied-call',
    languages: ['python', 'powershell'],
    defaultSeverity: 'error',
    description: 'call or command is denied by the policy',
    messages: {
      denied: '`{{call}}` is denied by policy {{policy}}: {{reason}}',
      deniedWithAlternative: '`{{call}}` is denied by policy {{policy}}: {{reason}}; approved alternative: {{alternative}}',
    },
    fixable: true,
  },
  check(context) {
    const language = context.model.language;
    const entries = language === 'python' ? context.policy.python.calls.deny : context.policy.powershell.commands.deny;
    if (entries.length === 0) return;
    for (const call of context.model.calls) {
      const entry = entries.find((candidate) => isDenied(call, candidate, language));
      if (!entry) continue;
      const shown = entry.argument !== undefined ? describeWithArgument(call, entry, language) : call.callee;
      const data = { call: shown, policy: context.policyLabel, reason: entry.reason ?? 'no reason given' };
      if (entry.alternative === undefined) {
        context.report({ messageId: 'denied', data, span: call.calleeSpan });
        continue;
      }
      const isName = /^[A-Za-z_][\w.-]*$/.test(entry.alternative);
      // Only a fully written callee can be swapped mechanically (`yaml.load` -> `yaml.safe_load`).
      const canReplace = isName && entry.argument === undefined && call.written === call.callee && sameModule(call.callee, entry.alternative, language);
      context.report({
        messageId: 'deniedWithAlternative',
        data: { ...data, alternative: isName ? `\`${entry.alternative}\`` : entry.alternative },
        span: call.calleeSpan,
        fixes: canReplace ? [{ title: `Replace \`${call.written}\` with \`${entry.alternative}\``, kind: 'replace', edits: [{ span: call.calleeSpan, newText: entry.alternative }] }] : undefined,
      });
    }
  },
});

function isDenied(call: CallSite, entry: CallDenyEntry, language: Language): boolean {
  const caseInsensitive = language === 'powershell';
  if (!matchesModulePattern(call.callee, entry.name, { caseInsensitive })) return false;
  // `subprocess.*` covers `subprocess.run`, not `subprocess.run.x` attribute chains of a call result.
  if (!entry.name.includes('*') && call.callee.length !== entry.name.length) return false;
  if (entry.argument !== undefined) {
    const argument = findArgument(call, entry.argument, language);
    if (!argument) return false;
    if (entry.value !== undefined && argument.value !== entry.value) return false;
  }
  if (entry.unlessArgument !== undefined && findArgument(call, entry.unlessArgument, language)) return false;
  return true;
}

/** Finds an argument by keyword / parameter name (PowerShell: case-insensitive, unambiguous prefixes). */
function findArgument(call: CallSite, name: string, language: Language): CallArgument | undefined {
  if (language === 'powershell') {
    const wanted = name.toLowerCase();
    return call.arguments.find((argument) => {
      const given = argument.name?.toLowerCase();
      return given !== undefined && given.length >= 2 && wanted.startsWith(given);
    });
  }
  const named = call.arguments.find((argument) => argument.name === name);
  if (named) return named;
  const position = PYTHON_POSITIONAL_PARAMETERS[call.callee]?.indexOf(name) ?? -1;
  return position >= 0 ? call.arguments.filter((argument) => argument.name === undefined)[position] : undefined;
}

function describeWithArgument(call: CallSite, entry: CallDenyEntry, language: Language): string {
  if (language === 'powershell') return `${call.callee} -${entry.argument}`;
  const value = entry.value === undefined ? '…' : entry.value === true ? 'True' : entry.value === false ? 'False' : entry.value === null ? 'None' : JSON.stringify(entry.value);
  return `${call.callee}(${entry.argument}=${value})`;
}

function sameModule(callee: string, alternative: string, language: Language): boolean {
  if (language !== 'python') return false;
  const module = (name: string): string => name.slice(0, Math.max(0, name.lastIndexOf('.')));
  return module(callee) !== '' && module(callee) === module(alternative);
}
