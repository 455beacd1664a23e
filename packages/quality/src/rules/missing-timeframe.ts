import { isDateText, isDateTimeText } from '../cell-checks.ts';
import { defineRule, fail, PASS } from './rule.ts';

function isIsoDate(value: string | null | undefined): boolean {
  return !!value && (isDateText(value) || isDateTimeText(value));
}

/** Datasheets: over what period was the data collected. Both ends, as ISO dates, start before end. */
export const missingTimeframe = defineRule({
  code: 'context.missing-timeframe',
  dimension: 'context',
  severity: 'warning',
  weight: 4,
  title: 'Timeframe missing or invalid',
  evaluate: ({ manifest }) => {
    const timeframe = manifest.context?.timeframe;
    const start = timeframe?.start;
    const end = timeframe?.end;
    const hint = 'Give the first and last day the data covers as dates, e.g. 2025-03-01 to 2025-05-31.';
    if (!start && !end) {
      return fail([
        {
          message: 'The timeframe is missing: a buyer cannot tell when the data is from.',
          hint,
          location: { field: 'context.timeframe' },
          count: 1,
        },
      ]);
    }
    const findings = [];
    for (const [key, value] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (!isIsoDate(value)) {
        findings.push({
          message: value
            ? `The timeframe ${key} "${value.slice(0, 40)}" is not a date written YYYY-MM-DD.`
            : `The timeframe has no ${key} date.`,
          hint,
          location: { field: `context.timeframe.${key}` },
          count: 1,
        });
      }
    }
    if (findings.length === 0 && start! > end!) {
      findings.push({
        message: 'The timeframe starts after it ends.',
        hint: 'Swap the start and end dates.',
        location: { field: 'context.timeframe.start' },
        count: 1,
      });
    }
    return findings.length === 0 ? PASS : fail(findings, 0.5);
  },
});
