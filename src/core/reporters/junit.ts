// The `junit` reporter: JUnit XML for CI test dashboards, one <testsuite> per file.
import { compareStrings, type Finding } from '../findings';
import { pluralize, sortedFindings, sortedSkipped } from './shared';
import type { ReportInput } from './types';
import { escapeXmlAttribute, escapeXmlText } from './xml';

/** One <testcase> before rendering. */
interface TestCase {
  classname: string;
  name: string;
  file?: string;
  line?: number;
  /** Inner XML (already escaped), empty for a passing case. */
  body: string;
  outcome: 'passed' | 'failed' | 'skipped';
}

/** One <testsuite> before rendering. */
interface TestSuite {
  name: string;
  cases: TestCase[];
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

function findingCase(finding: Finding, input: ReportInput): TestCase {
  const { startLine, startColumn } = finding.span;
  const base = { classname: finding.file, name: `${finding.ruleId} at ${startLine}:${startColumn}`, file: finding.file, line: startLine };
  const location = `${finding.file}:${startLine}:${startColumn}`;
  const details = `${finding.severity} ${finding.ruleId} at ${location}\n${finding.message}\nHelp: ${input.ruleDocUrl(finding.ruleId)}`;
  if (finding.suppression) {
    const message = `suppressed: ${finding.suppression.reason}`;
    return { ...base, outcome: 'skipped', body: `<skipped${attributes({ message })}/>` };
  }
  if (finding.severity === 'info') {
    return { ...base, outcome: 'passed', body: `<system-out>${escapeXmlText(details)}</system-out>` };
  }
  const failure = `<failure${attributes({ message: finding.message, type: finding.severity })}>${escapeXmlText(details)}</failure>`;
  return { ...base, outcome: 'failed', body: failure };
}

function renderCase(testCase: TestCase): string {
  const open = `<testcase${attributes({ classname: testCase.classname, name: testCase.name, file: testCase.file, line: testCase.line })}`;
  return testCase.body === '' ? `    ${open}/>` : `    ${open}>\n      ${testCase.body}\n    </testcase>`;
}

function count(cases: readonly TestCase[], outcome: TestCase['outcome']): number {
  return cases.filter((testCase) => testCase.outcome === outcome).length;
}

function renderSuite(suite: TestSuite): string {
  const counts = { tests: suite.cases.length, failures: count(suite.cases, 'failed'), errors: 0, skipped: count(suite.cases, 'skipped') };
  return [`  <testsuite${attributes({ name: suite.name, ...counts })}>`, ...suite.cases.map(renderCase), '  </testsuite>'].join('\n');
}

function buildSuites(input: ReportInput): TestSuite[] {
  const suites: TestSuite[] = [];
  const policyProblems = input.policyProblems ?? [];
  if (policyProblems.length > 0) {
    suites.push({
      name: 'policy',
      cases: policyProblems.map((problem, i) => ({
        classname: 'policy',
        name: `policy problem ${i + 1}`,
        outcome: 'failed',
        body: `<failure${attributes({ message: problem, type: 'error' })}>${escapeXmlText(problem)}</failure>`,
      })),
    });
  }

  const byFile = new Map<string, TestCase[]>();
  const add = (file: string, testCase: TestCase): void => {
    const list = byFile.get(file);
    if (list) list.push(testCase);
    else byFile.set(file, [testCase]);
  };
  for (const finding of sortedFindings(input.findings)) add(finding.file, findingCase(finding, input));
  const skipped = sortedSkipped(input.skipped);
  for (const entry of skipped) {
    add(entry.file, { classname: entry.file, name: 'not checked', file: entry.file, outcome: 'skipped', body: `<skipped${attributes({ message: entry.reason })}/>` });
  }
  const skippedFiles = new Set(skipped.map((entry) => entry.file));
  for (const file of input.files ?? []) {
    if (!byFile.has(file) && !skippedFiles.has(file)) add(file, { classname: file, name: 'no problems', file, outcome: 'passed', body: '' });
  }
  for (const file of [...byFile.keys()].sort(compareStrings)) suites.push({ name: file, cases: byFile.get(file)! });

  if (!input.files) {
    // Without the file list, clean files are one passing case, so a clean run still reports a test.
    const withFindings = new Set(input.findings.map((finding) => finding.file)).size;
    const clean = Math.max(0, input.filesChecked - withFindings);
    if (clean > 0 || suites.length === 0) {
      const name = `${pluralize(clean, 'file')} without problems`;
      suites.push({ name: 'socguard', cases: [{ classname: 'socguard', name, outcome: 'passed', body: '' }] });
    }
  }
  return suites;
}

/**
 * Renders JUnit XML: a <testsuite> per file with a <testcase> per finding (errors and warnings fail,
 * suppressed findings are skipped, infos pass with the message in <system-out>), a passing "no problems"
 * case per clean file (one summary case when `input.files` is absent), a skipped case per skipped file,
 * and a `policy` suite failing once per policy problem.
 */
export function formatJunit(input: ReportInput): string {
  const suites = buildSuites(input);
  const all = suites.flatMap((suite) => suite.cases);
  const totals = {
    name: `socguard (policy ${input.policyLabel})`,
    tests: all.length,
    failures: count(all, 'failed'),
    errors: 0,
    skipped: count(all, 'skipped'),
    time: input.durationMs === undefined ? undefined : (input.durationMs / 1000).toFixed(3),
  };
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attributes(totals)}>`, ...suites.map(renderSuite), '</testsuites>', ''].join('\n');
}
