// The values a policy gets for every setting no file in its `extends` chain sets, and shipped-pack facts.
import type { ChecklistItem, Policy } from './types';

/** The source name of the embedded default policy. */
export const BASELINE_SOURCE = 'socguard:baseline';

/** Prefix of shipped policy packs in `extends` (`socguard:baseline`). */
export const PACK_PREFIX = 'socguard:';

/** Shipped policy packs: name -> asset path. */
export const SHIPPED_PACKS: Readonly<Record<string, string>> = {
  baseline: 'policies/baseline.yaml',
};

/** The deepest `extends` chain accepted (a policy plus at most this many ancestors). */
export const MAX_EXTENDS_DEPTH = 10;

/** Policy files larger than this are refused. */
export const MAX_POLICY_FILE_SIZE = 1024 * 1024;

/** The review checklist of DESIGN.md §6, used when no policy in the chain sets one. */
export const DEFAULT_CHECKLIST: readonly ChecklistItem[] = [
  { id: 'understood', text: 'I have read and understand every line' },
  { id: 'tested', text: 'I ran it against representative data' },
  { id: 'data', text: 'It sends data only to approved systems' },
  { id: 'human', text: 'Any response action it takes needs a person to trigger it' },
];

/**
 * Defaults for every setting. They describe behaviour, not content: nothing is on an allow or deny
 * list unless a policy (or a pack such as `socguard:baseline`) puts it there, so a policy with only a
 * `name` approves every import and denies nothing.
 */
export const DEFAULTS: Readonly<Policy> = {
  name: 'Unnamed policy',
  version: '',
  files: {
    include: ['**/*.py', '**/*.ps1', '**/*.psm1', '**/*.psd1', '**/*.kql', '**/*.kusto', '**/*.csl'],
    exclude: ['**/.venv/**', '**/venv/**', '**/node_modules/**', '**/.git/**', '**/__pycache__/**'],
  },
  maxFileSize: 2 * 1024 * 1024,
  python: {
    imports: { default: 'allow', stdlib: 'allow', allow: [], deny: [] },
    dependencies: { pinned: 'optional', allow: {}, deny: [] },
    distributions: {},
    calls: { deny: [] },
  },
  powershell: {
    modules: { default: 'allow', stdlib: 'allow', allow: [], deny: [], versions: {} },
    commands: { deny: [] },
  },
  kql: {
    tables: { default: 'allow', allow: [], deny: [] },
    plugins: { deny: [] },
    workspaces: { allow: [] },
    timeFilter: 'required',
  },
  network: { allow: [] },
  tests: {
    python: ['tests/**/test_*.py', '**/test_*.py', '**/*_test.py'],
    powershell: ['**/*.Tests.ps1'],
    kql: ['**/*.tests.yaml', '**/*.test.kql'],
    coverage: ['coverage.json', '**/coverage.xml', '**/coverage.json'],
  },
  rules: {},
  unsuppressible: [],
  overrides: [],
  review: {
    operational: [],
    checklist: DEFAULT_CHECKLIST.map((item) => ({ ...item })),
    reviewers: ['*'],
    expiresAfterDays: 180,
    separationOfDuties: true,
  },
};
