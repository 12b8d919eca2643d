// Hand-built check results the reporter tests render: a typical run, a clean run and an escaping torture test.
import type { Finding } from '../../src/core/findings';
import type { Span } from '../../src/core/model';
import type { RuleMeta } from '../../src/core/rules/rule';
import type { ReportInput } from '../../src/core/reporters/types';

/** A span on one line. */
export function span(line: number, column: number, endColumn: number, endLine = line): Span {
  return { startLine: line, startColumn: column, endLine, endColumn };
}

/** Rule metadata as the registry would provide it. */
export const RULES: RuleMeta[] = [
  {
    name: 'unapproved-import',
    languages: ['python', 'powershell'],
    defaultSeverity: 'error',
    description: 'module is not on the approved list',
    messages: { notApproved: '`{{module}}` is not on the approved list (policy {{policy}})' },
    fixable: true,
  },
  {
    name: 'untested-function',
    languages: ['python', 'powershell', 'kql'],
    defaultSeverity: 'warning',
    description: 'function has no test',
    messages: { noTest: '`{{name}}` has no test (looked in {{patterns}})' },
  },
  {
    name: 'kql-time-filter',
    languages: ['kql'],
    defaultSeverity: 'warning',
    description: 'query reads a table without a time filter',
    messages: { unbounded: '`{{table}}` is read without a time filter' },
  },
  {
    name: 'denied-command',
    languages: ['powershell'],
    defaultSeverity: 'error',
    description: 'command is denied by the policy',
    messages: { denied: '`{{name}}` is denied: {{reason}}' },
  },
];

/** The documentation link of a rule. */
export function ruleDocUrl(ruleId: string): string {
  return `https://socguard.example/rules/${ruleId}`;
}

/** A typical run: errors, warnings, an info, a suppressed finding, fixes, a skipped file, spaces in paths. */
export function sampleInput(): ReportInput {
  const findings: Finding[] = [
    {
      ruleId: 'untested-function',
      severity: 'warning',
      file: 'src/hunt.py',
      span: span(12, 5, 11),
      message: '`beacon` has no test (looked in tests/**/test_*.py)',
      data: { name: 'beacon' },
    },
    {
      ruleId: 'unapproved-import',
      severity: 'error',
      file: 'src/hunt.py',
      span: span(3, 8, 13),
      message: '`scapy` is not on the approved list (policy Contoso SOC 2.3.0)',
      data: { policy: 'Contoso SOC 2.3.0', module: 'scapy' },
      fixes: [
        {
          title: 'Suppress `unapproved-import` with a reason',
          kind: 'suppress',
          edits: [{ span: span(2, 1, 1), newText: '# socguard-ignore unapproved-import -- <reason>\n' }],
        },
      ],
    },
    {
      ruleId: 'unapproved-import',
      severity: 'error',
      file: 'src/hunt.py',
      span: span(4, 8, 16),
      message: '`reqeusts` is not on the approved list (policy Contoso SOC 2.3.0) — did you mean `requests`?',
      fixes: [
        { title: 'Replace with `requests`', kind: 'replace', isPreferred: true, edits: [{ span: span(4, 8, 16), newText: 'requests' }] },
      ],
    },
    {
      ruleId: 'untested-function',
      severity: 'warning',
      file: 'src/hunt.py',
      span: span(40, 5, 13),
      message: '`exfil_to` has no test (looked in tests/**/test_*.py)',
      suppression: { reason: 'prototype, ticket SOC-142', span: span(39, 1, 60) },
    },
    {
      ruleId: 'kql-time-filter',
      severity: 'warning',
      file: 'detections/Suspicious sign-ins.kql',
      span: span(1, 1, 11),
      message: '`SigninLogs` is read without a time filter',
    },
    {
      ruleId: 'untested-function',
      severity: 'info',
      file: 'scripts/Get-Triage.ps1',
      span: span(120, 10, 24),
      message: '`Get-TriageData` has no test (looked in **/*.Tests.ps1)',
      fixes: [
        {
          title: 'Create a Pester test for `Get-TriageData`',
          kind: 'create-test',
          edits: [{ file: 'scripts/Get-Triage.Tests.ps1', span: span(1, 1, 1), newText: "Describe 'Get-TriageData' {\n}\n" }],
        },
      ],
    },
    {
      ruleId: 'denied-command',
      severity: 'error',
      file: 'scripts/Get-Triage.ps1',
      span: span(7, 1, 18),
      message: '`Invoke-Expression` is denied: runs arbitrary strings as code',
    },
    {
      ruleId: 'syntax-error',
      severity: 'error',
      file: 'scripts/Get-Triage.ps1',
      span: span(30, 3, 4, 32),
      message: 'missing closing `}`',
    },
  ];
  return {
    findings,
    skipped: [
      { file: 'data/huge.py', reason: 'file is larger than 1 MB' },
      { file: 'bin/tool.ps1', reason: 'binary file' },
    ],
    rules: RULES,
    toolVersion: '0.1.0',
    policyLabel: 'Contoso SOC 2.3.0',
    filesChecked: 12,
    files: [
      'detections/Suspicious sign-ins.kql',
      'detections/brute-force.kql',
      'detections/dns-tunnel.kql',
      'playbooks/isolate.ps1',
      'playbooks/notify.py',
      'scripts/Get-Triage.ps1',
      'scripts/Invoke-Containment.ps1',
      'src/__init__.py',
      'src/enrich.py',
      'src/hunt.py',
      'src/vt_lookup.py',
      'tests/test_enrich.py',
    ],
    durationMs: 1234,
    root: '/work/soc repo',
    toolInformationUri: 'https://socguard.example/',
    ruleDocUrl,
  };
}

/** A run without findings. */
export function cleanInput(): ReportInput {
  return {
    findings: [],
    skipped: [],
    rules: RULES,
    toolVersion: '0.1.0',
    policyLabel: 'Contoso SOC 2.3.0',
    filesChecked: 12,
    root: '/work/repo',
    toolInformationUri: 'https://socguard.example/',
    ruleDocUrl,
  };
}

/** Characters every format must escape: XML specials, newlines, `%`, `:` and `,`, unicode, controls. */
export const NASTY_MESSAGE = 'a <b> & "c" \'d\' 100% done: x, y\nsecond line\r\nthird\tcol ü 日本 😀 \u001b[31mred\u0000 \ud800 end';

/** Paths and messages that need escaping in every format. */
export function edgeInput(): ReportInput {
  return {
    findings: [
      {
        ruleId: 'unapproved-import',
        severity: 'error',
        file: 'odd dir/a&b <c> "d" #1 %20 ü.py',
        span: span(1, 1, 7),
        message: NASTY_MESSAGE,
      },
      {
        ruleId: 'untested-function',
        severity: 'warning',
        file: 'odd dir/a&b <c> "d" #1 %20 ü.py',
        span: span(2, 5, 9),
        message: '`f` has no test',
        suppression: { reason: 'reason with <xml> & "quotes"\nand a newline', span: span(1, 20, 60) },
      },
      {
        ruleId: 'untested-function',
        severity: 'warning',
        file: '日本/with,comma:colon.ps1',
        span: span(9, 1, 1),
        message: '`ünïcödé` has no test',
      },
    ],
    skipped: [{ file: 'weird\nname.py', reason: 'could not read: EACCES <denied>' }],
    rules: RULES,
    toolVersion: '0.1.0',
    policyLabel: 'Contoso <SOC> & "Co" 2.3.0',
    policyProblems: ['.socguard.yaml:3:5  unknown key `foo` <bar>'],
    filesChecked: 3,
    root: 'c:/Users/Jane Doe/soc',
    toolInformationUri: 'https://socguard.example/',
    ruleDocUrl,
  };
}
