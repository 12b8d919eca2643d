// The reporter registry: one reporter per output format, shared by the CLI and the extension.
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatText } from './text';
import type { Reporter } from './types';

export type { Reporter, ReporterOptions, ReportInput } from './types';
export { formatGithub, formatJson, formatJunit, formatSarif, formatText };

/** Every output format, in the order help texts list them. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;

/** An output format name. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const REPORTERS: Readonly<Record<ReportFormat, Reporter>> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
};

/** Whether a string (a CLI flag, a setting) names an output format. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The reporter for a format. */
export function getReporter(format: ReportFormat): Reporter {
  if (!isReportFormat(format)) throw new Error(`unknown report format \`${String(format)}\` (expected one of ${REPORT_FORMATS.join(', ')})`);
  return REPORTERS[format];
}
