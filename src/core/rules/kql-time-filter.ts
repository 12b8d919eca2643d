// kql-time-filter: a query that reads a table without a time bound (or a scheduled rule without a sane period).
import { defineRule } from './rule';

/** Sentinel's limits for scheduled analytics rules. */
const MAX_QUERY_PERIOD_MINUTES = 14 * 24 * 60;

export default defineRule({
  meta: {
    name: 'kql-time-filter',
    languages: ['kql'],
    defaultSeverity: 'warning',
    description: 'query reads a table without a time filter',
    messages: {
      unbounded: '`{{table}}` is read without a time filter; add e.g. `| where TimeGenerated > ago(1d)` right after it',
      unboundedAll: 'the query searches every table without a time filter; name the tables and bound them in time',
      noPeriod: 'scheduled rule has no `queryPeriod`; set how far back each run looks (at most 14d)',
      badPeriod: '`queryPeriod: {{period}}` is not a valid period (use e.g. 1h, 1d, 14d)',
      periodTooLong: '`queryPeriod: {{period}}` exceeds the 14 days Sentinel allows for scheduled rules',
      periodShorterThanFrequency: '`queryPeriod: {{period}}` is shorter than `queryFrequency: {{frequency}}`: events between runs are never looked at',
    },
  },
  check(context) {
    if (context.policy.kql.timeFilter !== 'required') return;
    for (const query of context.model.kql?.queries ?? []) {
      if (query.origin === 'scheduled-rule') {
        // The scheduler bounds each run by queryPeriod; check that instead of demanding a filter.
        const period = query.schedule?.queryPeriod;
        if (!period) {
          context.report({ messageId: 'noPeriod', span: query.span });
          continue;
        }
        const minutes = parseTimespanMinutes(period.text);
        if (minutes === undefined) context.report({ messageId: 'badPeriod', data: { period: period.text }, span: period.span });
        else if (minutes > MAX_QUERY_PERIOD_MINUTES) context.report({ messageId: 'periodTooLong', data: { period: period.text }, span: period.span });
        else {
          const frequency = query.schedule?.queryFrequency;
          const frequencyMinutes = frequency ? parseTimespanMinutes(frequency.text) : undefined;
          if (frequency && frequencyMinutes !== undefined && minutes < frequencyMinutes) {
            context.report({ messageId: 'periodShorterThanFrequency', data: { period: period.text, frequency: frequency.text }, span: period.span });
          }
        }
        continue;
      }
      for (const table of query.unboundedTables) {
        if (table.name === '*') context.report({ messageId: 'unboundedAll', span: table.span });
        else context.report({ messageId: 'unbounded', data: { table: table.name }, span: table.span });
      }
    }
  },
});

/** Parses Sentinel's period notation (`5m`, `1h`, `14d`, ISO `PT1H`/`P1D`) into minutes. */
export function parseTimespanMinutes(text: string): number | undefined {
  const simple = /^\s*(\d+)\s*([mhd])\s*$/i.exec(text);
  if (simple) {
    const value = Number(simple[1]);
    const unit = simple[2]!.toLowerCase();
    return unit === 'm' ? value : unit === 'h' ? value * 60 : value * 1440;
  }
  const iso = /^\s*P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?\s*$/i.exec(text);
  if (iso && (iso[1] ?? iso[2] ?? iso[3]) !== undefined) return Number(iso[1] ?? 0) * 1440 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  return undefined;
}
