// Checks parsed policy data against policy.schema.json (ajv, every error) and turns errors into positioned problems.
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Host } from '../host';
import { closestMatch } from '../text';
import { keySpanAt, spanAt } from './parse';
import type { ParsedPolicy } from './parse';
import { childPointer, displayPointer, isRecord, valueAtPointer } from './pointer';
import type { PolicyProblem } from './types';

/** The asset holding the policy schema. */
export const SCHEMA_ASSET = 'policies/policy.schema.json';

/** Editor-only annotation keywords the schema uses (VS Code reads them; ajv ignores them). */
const ANNOTATIONS = ['defaultSnippets', 'enumDescriptions', 'markdownDescription', 'markdownEnumDescriptions', 'patternErrorMessage', 'deprecationMessage', 'errorMessage'];

const validators = new Map<string, ValidateFunction>();

/** The compiled schema validator (compiled once per schema text). */
export async function loadSchemaValidator(host: Host): Promise<ValidateFunction> {
  const text = new TextDecoder().decode(await host.readAsset(SCHEMA_ASSET));
  return compileSchema(text);
}

/** Compiles a schema text with the options the policy loader relies on (all errors, verbose). */
export function compileSchema(text: string): ValidateFunction {
  let validate = validators.get(text);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true, logger: false });
    ajv.addVocabulary(ANNOTATIONS);
    validate = ajv.compile(JSON.parse(text) as object);
    validators.set(text, validate);
  }
  return validate;
}

/** Validates parsed data against the schema; every error becomes one problem with a span and a readable message. */
export function schemaProblems(validate: ValidateFunction, parsed: ParsedPolicy): PolicyProblem[] {
  if (validate(parsed.value)) return [];
  const errors = pruneErrors(validate.errors ?? [], parsed.value);
  const problems: PolicyProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const problem = toProblem(error, parsed);
    const key = `${problem.pointer}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/**
 * Drops the noise `anyOf` produces: when the value's type picks one branch, only that branch's errors
 * stay; when no branch fits, one error says which shapes are accepted.
 */
function pruneErrors(errors: readonly ErrorObject[], root: unknown): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const error of errors) {
    if (error.keyword === 'propertyNames' || error.keyword === 'if') dropped.add(error);
    if (error.keyword !== 'anyOf' || !Array.isArray(error.schema)) continue;
    const branches = error.schema as unknown[];
    const type = jsonType(valueAtPointer(root, error.instancePath));
    const match = branches.findIndex((branch) => isRecord(branch) && typeAccepts(branch.type, type));
    for (const other of errors) {
      if (other === error || other.instancePath !== error.instancePath) continue;
      const prefix = `${error.schemaPath}/`;
      if (!other.schemaPath.startsWith(prefix)) continue;
      const branch = Number(other.schemaPath.slice(prefix.length).split('/')[0]);
      if (match < 0 || branch !== match) dropped.add(other);
    }
    if (match >= 0) dropped.add(error);
  }
  return errors.filter((error) => !dropped.has(error));
}

function toProblem(error: ErrorObject, parsed: ParsedPolicy): PolicyProblem {
  const pointer = error.instancePath;
  const root = parsed.value;
  const where = pointer === '' ? 'the policy' : `\`${displayPointer(pointer, root)}\``;
  const data: unknown = error.data;
  const make = (message: string, at = pointer, preferKey = false): PolicyProblem => ({
    file: parsed.source,
    pointer: at,
    span: preferKey || isCollection(valueAtPointer(root, at)) ? keySpanAt(parsed, at) : spanAt(parsed, at),
    message,
  });
  const params = error.params as Record<string, unknown>;
  const parentSchema = isRecord(error.parentSchema) ? error.parentSchema : {};

  if (error.propertyName !== undefined) {
    const hint = typeof parentSchema.patternErrorMessage === 'string' ? `: ${sentenceFragment(parentSchema.patternErrorMessage)}` : '';
    return make(`invalid key \`${error.propertyName}\`${hint}`, childPointer(pointer, error.propertyName), true);
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = isRecord(parentSchema.properties) ? Object.keys(parentSchema.properties).filter((name) => name !== '$schema') : [];
      const suggestion = suggest(key, allowed);
      const inWhere = pointer === '' ? '' : ` in ${where}`;
      const hint = suggestion ? `did you mean \`${suggestion}\`? ` : '';
      return make(`unknown key \`${key}\`${inWhere} (${hint}allowed: ${allowed.join(', ')})`, childPointer(pointer, key), true);
    }
    case 'required': {
      const missing = String(params.missingProperty);
      return make(pointer === '' ? `missing required key \`${missing}\`` : `${where} is missing required key \`${missing}\``, pointer, true);
    }
    case 'type': {
      const wantsString = String(params.type).split(',').includes('string');
      const hint = wantsString && (typeof data === 'number' || typeof data === 'boolean') ? `; quote it: \`"${String(data)}"\`` : '';
      return make(`${where} must be ${describeTypes(params.type)} (got ${describeValue(data)})${hint}`);
    }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.map(String) : [];
      const suggestion = typeof data === 'string' ? suggest(data, allowed) : undefined;
      const hint = suggestion ? `; did you mean \`${suggestion}\`?` : '';
      return make(`${where} must be one of ${allowed.join(', ')} (got ${describeValue(data)})${hint}`);
    }
    case 'anyOf': {
      const shapes = (Array.isArray(error.schema) ? (error.schema as unknown[]) : []).map((branch) =>
        isRecord(branch) && Array.isArray(branch.enum) ? `one of ${branch.enum.map(String).join(', ')}` : describeTypes(isRecord(branch) ? branch.type : undefined),
      );
      return make(`${where} must be ${shapes.join(', or ')} (got ${describeValue(data)})`);
    }
    case 'minLength':
      return make(`${where} must not be empty`);
    case 'minItems':
      return make(`${where} must list at least ${String(params.limit)} ${params.limit === 1 ? 'entry' : 'entries'}`);
    case 'minimum':
      return make(`${where} must be at least ${String(params.limit)} (got ${describeValue(data)})`);
    case 'pattern': {
      const hint = typeof parentSchema.patternErrorMessage === 'string' ? sentenceFragment(parentSchema.patternErrorMessage) : `must match \`${String(params.pattern)}\``;
      return make(`invalid ${where} (got ${describeValue(data)}): ${hint}`);
    }
    default:
      return make(`${where} ${error.message ?? 'is invalid'}`);
  }
}

/** The closest allowed word, also catching case-only differences. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  return candidates.find((candidate) => candidate !== word && candidate.toLowerCase() === word.toLowerCase()) ?? closestMatch(word, candidates);
}

/** A JSON Schema type name for a value (`integer` for whole numbers). */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeAccepts(schemaType: unknown, type: string): boolean {
  const types = Array.isArray(schemaType) ? schemaType.map(String) : typeof schemaType === 'string' ? [schemaType] : [];
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: '`true` or `false`',
  array: 'a list',
  object: 'a mapping',
  null: 'empty',
};

function describeTypes(type: unknown): string {
  const types = Array.isArray(type) ? type.map(String) : [String(type)];
  return types.map((name) => TYPE_NAMES[name] ?? name).join(' or ');
}

/** A short description of a value for messages: `` `alow` ``, `` `5` ``, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return 'a mapping';
  const text = String(value);
  return `\`${text.length > 40 ? `${text.slice(0, 39)}…` : text}\``;
}

function isCollection(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function sentenceFragment(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed[0]!.toLowerCase() + trimmed.slice(1) : trimmed;
}
