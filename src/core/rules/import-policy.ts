// Decides what the policy says about one module reference; shared by unapproved-import and denied-import.
import { isPowerShellBuiltinModule } from '../analyzers/powershell-builtins';
import { isPythonStdlib } from '../analyzers/python-stdlib';
import type { ImportRef, Language } from '../model';
import { matchesModulePattern } from '../policy';
import type { DenyEntry, ModuleRules, Policy } from '../policy/types';
import { closestMatch } from '../text';
import type { RuleContext } from './rule';

/** What the policy says about a module reference. */
export type ImportVerdict =
  | { status: 'approved' | 'ignored' }
  | { status: 'denied'; module: string; entry: DenyEntry }
  | { status: 'unapproved'; module: string; suggestion?: string };

/** The module rules of the policy for a language (KQL has none). */
export function moduleRulesFor(policy: Policy, language: Language): ModuleRules | undefined {
  if (language === 'python') return policy.python.imports;
  if (language === 'powershell') return policy.powershell.modules;
  return undefined;
}

/** True when a PowerShell module reference is a path to a local module file rather than a name. */
export function isPowerShellModulePath(module: string): boolean {
  return /[\\/]/.test(module) || /\.(psm1|psd1|dll|ps1)$/i.test(module);
}

/** Classifies an import against the policy; first-party, relative and built-in modules are never unapproved. */
export function classifyImport(ref: ImportRef, context: RuleContext): ImportVerdict {
  const language = context.model.language;
  const rules = moduleRulesFor(context.policy, language);
  if (!rules || ref.module === '' || ref.level > 0) return { status: 'ignored' };
  const caseInsensitive = language === 'powershell';
  const matches = (name: string, pattern: string): boolean => matchesModulePattern(name, pattern, { caseInsensitive });

  if (language === 'powershell' && isPowerShellModulePath(ref.module)) return { status: 'ignored' };

  // `from azure import identity` is about `azure.identity` as much as about `azure`.
  const candidates = [ref.module];
  if (ref.kind === 'from') {
    for (const name of ref.names) if (name.name !== '*') candidates.push(`${ref.module}.${name.name}`);
  }
  for (const candidate of candidates) {
    const entry = rules.deny.find((deny) => matches(candidate, deny.name));
    if (entry) return { status: 'denied', module: candidate, entry };
  }

  const isFirstParty =
    language === 'python'
      ? context.project.isFirstPartyPython(ref.module, context.absolutePath)
      : context.project.isFirstPartyPowerShell(ref.module, context.absolutePath);
  if (isFirstParty) return { status: 'approved' };

  const isBuiltin = language === 'python' ? isPythonStdlib(ref.module) : isPowerShellBuiltinModule(ref.module);
  if (isBuiltin) return rules.stdlib === 'allow' || rules.default === 'allow' ? { status: 'approved' } : unapproved(ref.module, rules);
  if (rules.default === 'allow') return { status: 'approved' };

  if (rules.allow.some((pattern) => matches(ref.module, pattern))) return { status: 'approved' };
  const submodules = candidates.slice(1);
  if (submodules.length > 0 && submodules.every((candidate) => rules.allow.some((pattern) => matches(candidate, pattern)))) {
    return { status: 'approved' };
  }
  return unapproved(ref.module, rules);
}

function unapproved(module: string, rules: ModuleRules): ImportVerdict {
  const names = rules.allow.filter((pattern) => !pattern.includes('*'));
  const top = module.split('.')[0] ?? module;
  const suggestion = closestMatch(module, names) ?? closestMatch(top, names);
  return suggestion === undefined ? { status: 'unapproved', module } : { status: 'unapproved', module, suggestion };
}
