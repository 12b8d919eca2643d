// loadPolicy: every class of policy problem is reported with file, line, column and a useful message.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPolicyProblem, loadPolicy } from '../../src/core/policy';
import type { PolicyLoadResult, PolicyProblem } from '../../src/core/policy';
import { memoryHost } from './memory-host';

const KNOWN_RULES = new Set(['unapproved-import', 'denied-import', 'untested-function', 'kql-time-filter']);

/** Loads `/repo/<name>` from an in-memory repository holding `files` (paths relative to /repo). */
async function load(files: Record<string, string>, name = '.socguard.yaml', knownRules: ReadonlySet<string> | null = KNOWN_RULES): Promise<PolicyLoadResult> {
  const tree: Record<string, string> = { '/repo/.git/HEAD': 'ref: refs/heads/main\n' };
  for (const [path, text] of Object.entries(files)) tree[path.startsWith('/') ? path : `/repo/${path}`] = text;
  return loadPolicy(memoryHost(tree), `/repo/${name}`, knownRules ? { knownRules } : {});
}

/** The problems of a one-file policy. */
async function problemsOf(text: string, name = '.socguard.yaml'): Promise<PolicyProblem[]> {
  const result = await load({ [name]: text }, name);
  assert.equal(result.resolved, undefined, 'a policy with problems has no resolved policy');
  return result.problems;
}

/** The single problem whose message contains `fragment`. */
function only(problems: readonly PolicyProblem[], fragment: string): PolicyProblem {
  const matching = problems.filter((problem) => problem.message.includes(fragment));
  assert.equal(matching.length, 1, `expected one problem containing ${JSON.stringify(fragment)} in:\n${problems.map((p) => formatPolicyProblem(p, '/repo')).join('\n')}`);
  return matching[0]!;
}

function at(problem: PolicyProblem): string {
  return `${problem.span.startLine}:${problem.span.startColumn}`;
}

describe('loadPolicy: valid policies', () => {
  it('accepts a policy with just a name and fills every default', async () => {
    const result = await load({ '.socguard.yaml': 'name: Minimal\n' });
    assert.deepEqual(result.problems, []);
    const policy = result.resolved!.policy;
    assert.equal(policy.name, 'Minimal');
    assert.equal(policy.version, '');
    assert.equal(policy.python.imports.default, 'allow');
    assert.deepEqual(policy.python.imports.allow, []);
    assert.equal(policy.maxFileSize, 2 * 1024 * 1024);
    assert.equal(policy.review.checklist.length, 4);
    assert.equal(result.resolved!.root, '/repo');
    assert.equal(result.resolved!.source, '/repo/.socguard.yaml');
  });

  it('loads the embedded baseline when no file is given', async () => {
    const result = await loadPolicy(memoryHost({}), undefined, { repositoryRoot: '/work', knownRules: KNOWN_RULES });
    assert.deepEqual(result.problems, []);
    assert.equal(result.resolved!.source, 'socguard:baseline');
    assert.equal(result.resolved!.root, '/work');
    assert.equal(result.resolved!.policy.name, 'SOC Guardrails baseline');
  });

  it('parses JSON policies', async () => {
    const result = await load({ '.socguard.json': '{ "name": "J", "version": "1.0.0", "rules": { "untested-function": "off" } }' }, '.socguard.json');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.resolved!.policy.rules, { 'untested-function': { severity: 'off' } });
  });

  it('reads `off` as a severity, not a YAML 1.1 boolean', async () => {
    const result = await load({ '.socguard.yaml': 'name: X\nrules:\n  untested-function: off\n' });
    assert.equal(result.resolved!.policy.rules['untested-function']!.severity, 'off');
  });
});

describe('loadPolicy: syntax problems', () => {
  it('reports a YAML syntax error with its line and column', async () => {
    const problems = await problemsOf('name: X\nfiles:\n  include: ["**/*.py"]]\n');
    const problem = only(problems, 'YAML syntax error: unexpected flow-seq-end token');
    assert.equal(problem.file, '/repo/.socguard.yaml');
    assert.equal(at(problem), '3:23');
  });

  it('reports a duplicate key at the second occurrence, naming the first', async () => {
    const problem = only(await problemsOf('name: X\nversion: 1.0.0\nname: Y\n'), 'duplicate key `name`');
    assert.equal(at(problem), '3:1');
    assert.match(problem.message, /first set on line 1/);
    assert.equal(problem.pointer, '/name');
  });

  it('reports a JSON syntax error at its position', async () => {
    const problem = only(await problemsOf('{\n  "name": "X",\n  "version": "1.0.0",\n}\n', '.socguard.json'), 'JSON syntax error');
    assert.equal(at(problem), '4:1');
  });

  it('reports duplicate keys in JSON too', async () => {
    const problem = only(await problemsOf('{ "name": "X", "name": "Y" }', '.socguard.json'), 'duplicate key');
    assert.equal(at(problem), '1:16');
  });

  it('refuses tags instead of constructing objects', async () => {
    only(await problemsOf('name: !!python/object:os.system X\n'), 'unsupported tag');
  });

  it('survives an alias bomb', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]', 'name: X'].join('\n');
    only(await problemsOf(bomb), 'too many aliases');
  });

  it('accepts a few aliases', async () => {
    const result = await load({ '.socguard.yaml': 'name: X\nnetwork: { allow: &hosts [a.contoso.com] }\nreview: { operational: [detections/**] }\n' });
    assert.deepEqual(result.problems, []);
  });

  it('reports an empty file', async () => {
    only(await problemsOf('# nothing yet\n'), 'the policy is empty');
  });
});

describe('loadPolicy: schema problems', () => {
  it('reports an unknown key at the key, with a suggestion and the allowed keys', async () => {
    const problem = only(await problemsOf('name: X\npythn:\n  imports: {}\n'), 'unknown key `pythn`');
    assert.equal(at(problem), '2:1');
    assert.match(problem.message, /did you mean `python`\?/);
    assert.match(problem.message, /allowed: name, version, extends, files, maxFileSize, python, powershell, kql, network, tests, rules, unsuppressible, overrides, review/);
    assert.equal(problem.pointer, '/pythn');
  });

  it('reports unknown nested keys with their parent', async () => {
    const problem = only(await problemsOf('name: X\npython:\n  imports:\n    alow: [requests]\n'), 'unknown key `alow`');
    assert.match(problem.message, /in `python.imports`/);
    assert.match(problem.message, /allowed: default, stdlib, allow, deny/);
    assert.equal(at(problem), '4:5');
  });

  it('reports a missing name', async () => {
    only(await problemsOf('version: 1.0.0\n'), 'missing required key `name`');
  });

  it('reports a wrong type at the value', async () => {
    const problem = only(await problemsOf('name: X\nmaxFileSize: true\n'), '`maxFileSize` must be');
    assert.equal(at(problem), '2:14');
  });

  it('suggests quoting a version YAML read as a number', async () => {
    const problem = only(await problemsOf('name: X\nversion: 2.3\n'), '`version` must be a string');
    assert.match(problem.message, /quote it: `"2.3"`/);
  });

  it('reports a bad enum value with the allowed values', async () => {
    const problem = only(await problemsOf('name: X\npython:\n  imports:\n    default: alow\n'), '`python.imports.default` must be one of allow, deny');
    assert.match(problem.message, /got `alow`/);
    assert.match(problem.message, /did you mean `allow`/);
    assert.equal(at(problem), '4:14');
  });

  it('uses `module` for module deny entries and says so', async () => {
    const problems = await problemsOf('name: X\npython:\n  imports:\n    deny:\n      - { name: pickle }\n');
    only(problems, 'missing required key `module`');
    assert.match(only(problems, 'unknown key `name`').message, /allowed: module, reason, alternative/);
  });

  it('reports one readable problem for a value that fits no accepted shape', async () => {
    const problems = await problemsOf('name: X\nrules:\n  untested-function: 7\n');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /`rules.untested-function` must be one of error, warning, info, off, or a mapping \(got `7`\)/);
  });

  it('reports a bad severity inside a rule object without the noise of the other shape', async () => {
    const problems = await problemsOf('name: X\nrules:\n  untested-function: { severity: loud }\n');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /`rules.untested-function.severity` must be one of error, warning, info, off \(got `loud`\)/);
  });

  it('reports rule ids that are not kebab-case', async () => {
    only(await problemsOf('name: X\nrules:\n  Untested_Function: off\n'), 'invalid key `Untested_Function`');
  });
});

describe('loadPolicy: semantic problems', () => {
  it('reports a version that is not semver', async () => {
    const problem = only(await problemsOf('name: X\nversion: "2.3"\n'), '`version` must be a semantic version');
    assert.equal(at(problem), '2:10');
  });

  it('reports an invalid version range and accepts semver, PEP 440 and `*`', async () => {
    const problems = await problemsOf('name: X\npython:\n  dependencies:\n    allow: { requests: ">=2.31,<3", pandas: "~=2.0", numpy: "*", bad: ">=two" }\n');
    assert.equal(problems.length, 1);
    const problem = only(problems, 'is not a version range');
    assert.match(problem.message, /`python.dependencies.allow.bad`/);
    assert.equal(problem.pointer, '/python/dependencies/allow/bad');
  });

  it('reports invalid PowerShell module version ranges', async () => {
    only(await problemsOf('name: X\npowershell:\n  modules:\n    versions: { Az.Accounts: "newest" }\n'), 'is not a version range for `Az.Accounts`');
  });

  it('reports an unknown rule with a suggestion, in rules, overrides and unsuppressible', async () => {
    const problems = await problemsOf(
      'name: X\nrules:\n  untested-fuction: warning\noverrides:\n  - { files: ["sandbox/**"], rules: { unaproved-import: off } }\nunsuppressible: [denied-imports]\n',
    );
    assert.equal(at(only(problems, 'unknown rule `untested-fuction` (did you mean `untested-function`?)')), '3:3');
    only(problems, 'unknown rule `unaproved-import` (did you mean `unapproved-import`?)');
    only(problems, 'unknown rule `denied-imports` (did you mean `denied-import`?)');
  });

  it('accepts any rule id when the known rules are not given', async () => {
    const result = await load({ '.socguard.yaml': 'name: X\nrules:\n  some-future-rule: off\n' }, '.socguard.yaml', null);
    assert.deepEqual(result.problems, []);
  });

  it('reports globs that cannot match what the author meant', async () => {
    const problems = await problemsOf('name: X\nfiles:\n  include: ["/src/**", "src\\\\**", "../x/**", "!tests/**", "src/{a,b"]\n');
    only(problems, 'drop the leading `/`');
    only(problems, 'use `/` in globs');
    only(problems, 'cannot leave the policy root');
    only(problems, 'negated globs are not supported');
    only(problems, 'unbalanced `{` `}`');
  });

  it('reports network entries that are URLs or too broad', async () => {
    const problems = await problemsOf('name: X\nnetwork:\n  allow: ["https://api.contoso.com/v1", "*.com", "*.contoso.com"]\n');
    assert.equal(problems.length, 2);
    only(problems, 'use a host name, not a URL (`api.contoso.com`)');
    only(problems, 'too broad');
  });

  it('reports distribution names in the import lists', async () => {
    only(await problemsOf('name: X\npython:\n  imports:\n    allow: [azure-identity]\n'), '`azure-identity` is not a Python import name');
  });

  it('reports duplicate checklist ids', async () => {
    only(await problemsOf('name: X\nreview:\n  checklist:\n    - { id: a, text: A }\n    - { id: a, text: B }\n'), 'duplicate checklist id `a`');
  });
});

describe('loadPolicy: extends problems', () => {
  it('reports an unknown pack with a suggestion', async () => {
    const problem = only(await problemsOf('name: X\nextends: [socguard:basline]\n'), 'unknown policy pack `socguard:basline`');
    assert.match(problem.message, /did you mean `socguard:baseline`/);
    assert.equal(at(problem), '2:11');
    assert.equal(problem.pointer, '/extends/0');
  });

  it('reports a missing file', async () => {
    const problem = only(await problemsOf('name: X\nextends: [shared/missing.yaml]\n'), 'cannot find the extended policy `shared/missing.yaml`');
    assert.equal(at(problem), '2:11');
  });

  it('reports a cycle naming the whole chain', async () => {
    const result = await load({
      '.socguard.yaml': 'name: Top\nextends: [shared/a.yaml]\n',
      'shared/a.yaml': 'name: A\nextends: [b.yaml]\n',
      'shared/b.yaml': 'name: B\nextends: [../.socguard.yaml]\n',
    });
    assert.equal(result.resolved, undefined);
    const cycle = only(result.problems, '`extends` cycle');
    assert.equal(cycle.file, '/repo/shared/b.yaml');
    assert.match(cycle.message, /\.socguard\.yaml → shared\/a\.yaml → shared\/b\.yaml → \.socguard\.yaml/);
    // The files that extend the broken one say so, so the author of the top policy sees it too.
    assert.equal(only(result.problems, 'the extended policy `shared/a.yaml` is broken (1 problem)').file, '/repo/.socguard.yaml');
  });

  it('refuses a path that leaves the repository', async () => {
    const result = await load({ '.socguard.yaml': 'name: X\nextends: [../outside.yaml]\n', '/outside.yaml': 'name: Outside\n' });
    only(result.problems, '`../outside.yaml` is outside the repository');
  });

  it('refuses absolute paths', async () => {
    only(await problemsOf('name: X\nextends: [/repo/shared.yaml]\n'), 'refuses absolute paths');
    only(await problemsOf('name: X\nextends: ["C:\\\\policies\\\\shared.yaml"]\n'), 'refuses absolute paths');
  });

  it('refuses URLs', async () => {
    only(await problemsOf('name: X\nextends: [https://example.com/policy.yaml]\n'), 'cannot fetch');
  });

  it('refuses chains deeper than ten levels', async () => {
    const files: Record<string, string> = { '.socguard.yaml': 'name: Top\nextends: [p1.yaml]\n' };
    for (let i = 1; i <= 12; i++) files[`p${i}.yaml`] = `name: P${i}\nextends: [p${i + 1}.yaml]\n`;
    files['p13.yaml'] = 'name: P13\n';
    const result = await load(files);
    only(result.problems, 'deeper than 10 levels');
  });

  it('reports problems in an extended file against that file', async () => {
    const result = await load({ '.socguard.yaml': 'name: X\nextends: [base.yaml]\n', 'base.yaml': 'name: Base\nkql:\n  timeFilter: sometimes\n' });
    const problem = only(result.problems, '`kql.timeFilter` must be one of required, optional');
    assert.equal(problem.file, '/repo/base.yaml');
    assert.equal(at(problem), '3:15');
    only(result.problems, 'the extended policy `base.yaml` is broken (1 problem)');
  });

  it('accepts `extends` as a single string', async () => {
    const result = await load({ '.socguard.yaml': 'name: X\nextends: socguard:baseline\n' });
    assert.deepEqual(result.problems, []);
    assert.equal(result.resolved!.policy.python.imports.default, 'deny');
  });
});

describe('loadPolicy: many problems at once', () => {
  it('reports every problem of a broken policy, sorted by position', async () => {
    const result = await load({ '.socguard.yaml': MANY_PROBLEMS });
    const lines = result.problems.map((problem) => formatPolicyProblem(problem, '/repo'));
    assert.deepEqual(lines, [
      '.socguard.yaml:2:10: error: `version` must be a semantic version such as `2.3.0` (got `two`)',
      '.socguard.yaml:3:11: error: unknown policy pack `socguard:strict` (shipped packs: socguard:baseline)',
      '.socguard.yaml:4:1: error: unknown key `pythn` (did you mean `python`? allowed: name, version, extends, files, maxFileSize, python, powershell, kql, network, tests, rules, unsuppressible, overrides, review)',
      '.socguard.yaml:7:14: error: `powershell.modules.default` must be one of allow, deny (got `block`)',
      '.socguard.yaml:9:3: error: unknown rule `untested-fuction` (did you mean `untested-function`?)',
      '.socguard.yaml:11:21: error: `review.expiresAfterDays` must be a whole number (got `soon`)',
    ]);
  });
});

const MANY_PROBLEMS = `name: Contoso SOC
version: two
extends: [socguard:strict]
pythn: {}
powershell:
  modules:
    default: block
rules:
  untested-fuction: warning
review:
  expiresAfterDays: soon
`;
