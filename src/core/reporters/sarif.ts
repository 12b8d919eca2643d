// The `sarif` reporter: one SARIF 2.1.0 run for code scanning (GitHub, Azure DevOps, the SARIF viewer).
import { compareStrings, type Finding, type Fix, type Severity } from '../findings';
import type { Span } from '../model';
import type { RuleMeta } from '../rules/rule';
import { fnv1a64 } from './hash';
import { clampSpan, LANGUAGE_NAMES, pascalCase, sortedFindings, sortedSkipped, toSentence, withPeriod } from './shared';
import type { ReportInput } from './types';
import { directoryFileUri, encodePathUri } from './uri';

/** The `$schema` every log names. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The `uriBaseId` all artifact locations are relative to. */
export const SRCROOT = '%SRCROOT%';

/** The `partialFingerprints` key socguard writes (versioned: change the suffix if the recipe changes). */
export const FINGERPRINT_KEY = 'socguardFindingHash/v1';

type SarifLevel = 'error' | 'warning' | 'note';
type Json = Record<string, unknown>;

const LEVELS: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', info: 'note' };

/** The SARIF `level` of a severity (`info` → `note`). */
export function sarifLevel(severity: Severity): SarifLevel {
  return LEVELS[severity];
}

function region(span: Span): Json {
  const s = clampSpan(span);
  return { startLine: s.startLine, startColumn: s.startColumn, endLine: s.endLine, endColumn: s.endColumn };
}

function artifactLocation(file: string, index?: number): Json {
  return { uri: encodePathUri(file), uriBaseId: SRCROOT, ...(index === undefined ? {} : { index }) };
}

function ruleDescriptor(id: string, meta: RuleMeta | undefined, input: ReportInput): Json {
  const helpUri = input.ruleDocUrl(id);
  const description = toSentence(meta?.description ?? `Findings of \`${id}\``);
  const languages = meta ? meta.languages.map((language) => LANGUAGE_NAMES[language] ?? language) : [];
  const appliesTo = languages.length > 0 ? ` Applies to ${languages.join(', ')}.` : '';
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: description },
    fullDescription: { text: `${description}${appliesTo}` },
    helpUri,
    help: {
      text: `${description}${appliesTo} Documentation: ${helpUri}`,
      markdown: `${description}${appliesTo}\n\n[Documentation for \`${id}\`](${helpUri})`,
    },
    defaultConfiguration: { level: sarifLevel(meta?.defaultSeverity ?? 'warning') },
    properties: { tags: meta ? [...meta.languages] : [] },
  };
}

/** A fingerprint that survives code moving around: rule, file and normalized message, plus the occurrence. */
function fingerprintBase(finding: Finding): string {
  return fnv1a64(`${finding.ruleId}\u0000${finding.file}\u0000${finding.message.trim().replace(/\s+/g, ' ')}`);
}

function fixes(fixList: readonly Fix[], findingFile: string): Json[] {
  return fixList.map((fix) => {
    const byFile = new Map<string, Json[]>();
    for (const edit of fix.edits) {
      const file = edit.file ?? findingFile;
      const replacement = { deletedRegion: region(edit.span), insertedContent: { text: edit.newText } };
      const list = byFile.get(file);
      if (list) list.push(replacement);
      else byFile.set(file, [replacement]);
    }
    return {
      description: { text: toSentence(fix.title) },
      artifactChanges: [...byFile].map(([file, replacements]) => ({ artifactLocation: artifactLocation(file), replacements })),
    };
  });
}

/**
 * Renders a SARIF 2.1.0 log with one run: every rule that ran (with help), results with stable
 * `partialFingerprints`, in-source suppressions with their justification, fixes, and skipped files as
 * tool execution notifications. Artifact URIs are relative to `%SRCROOT%` (the check root); `artifacts`
 * lists the checked files (all of them when `input.files` is given) and the skipped ones.
 */
export function formatSarif(input: ReportInput): string {
  const findings = sortedFindings(input.findings);
  const skipped = sortedSkipped(input.skipped);

  const metaById = new Map(input.rules.map((meta) => [meta.name, meta]));
  const ruleIds = [...new Set([...metaById.keys(), ...findings.map((finding) => finding.ruleId)])].sort(compareStrings);
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));

  // With `input.files` the artifacts record every file checked, not only those with results.
  const skippedFiles = new Set(skipped.map((entry) => entry.file));
  const checkedFiles = (input.files ?? []).filter((file) => !skippedFiles.has(file));
  const analyzed = new Set([...checkedFiles, ...findings.map((finding) => finding.file)]);
  const artifactFiles = [...new Set([...analyzed, ...skippedFiles])].sort(compareStrings);
  const artifactIndex = new Map(artifactFiles.map((file, index) => [file, index]));

  const occurrences = new Map<string, number>();
  const results = findings.map((finding) => {
    const base = fingerprintBase(finding);
    const occurrence = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, occurrence);
    const result: Json = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId),
      level: sarifLevel(finding.severity),
      message: { text: withPeriod(finding.message) },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding.file, artifactIndex.get(finding.file)), region: region(finding.span) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: `${base}:${occurrence}` },
    };
    if (finding.suppression) {
      result.suppressions = [
        {
          kind: 'inSource',
          justification: finding.suppression.reason,
          location: { physicalLocation: { artifactLocation: artifactLocation(finding.file, artifactIndex.get(finding.file)), region: region(finding.suppression.span) } },
        },
      ];
    }
    if (finding.fixes && finding.fixes.length > 0) result.fixes = fixes(finding.fixes, finding.file);
    if (finding.data && Object.keys(finding.data).length > 0) {
      const data = finding.data;
      result.properties = { data: Object.fromEntries(Object.keys(data).sort(compareStrings).map((key) => [key, data[key]])) };
    }
    return result;
  });

  const invocation: Json = { executionSuccessful: true };
  if (skipped.length > 0) {
    invocation.toolExecutionNotifications = skipped.map((entry) => ({
      descriptor: { id: 'skipped-file' },
      level: 'warning',
      message: { text: withPeriod(`Not checked: ${entry.reason}`) },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(entry.file, artifactIndex.get(entry.file)) } }],
    }));
  }
  const policyProblems = input.policyProblems ?? [];
  if (policyProblems.length > 0) {
    invocation.toolConfigurationNotifications = policyProblems.map((problem) => ({
      descriptor: { id: 'policy-problem' },
      level: 'error',
      message: { text: withPeriod(problem) },
    }));
  }

  const driver: Json = {
    name: 'socguard',
    fullName: 'SOC Guardrails',
    ...(input.toolInformationUri ? { informationUri: input.toolInformationUri } : {}),
    version: input.toolVersion,
    semanticVersion: input.toolVersion,
    rules: ruleIds.map((id) => ruleDescriptor(id, metaById.get(id), input)),
  };

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryFileUri(input.root) } },
        artifacts: artifactFiles.map((file) => ({
          location: artifactLocation(file),
          ...(analyzed.has(file) ? { roles: ['analysisTarget'] } : {}),
        })),
        results,
        columnKind: 'utf16CodeUnits',
        properties: { policy: input.policyLabel, filesChecked: input.filesChecked },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
