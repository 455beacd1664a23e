import { TIMEFRAME_HINT, timeframeProblems } from '../timeframe.ts';
import { defineRule, fail, PASS } from './rule.ts';

/** Datasheets: over what period was the data collected. Both ends, as ISO dates, start before end. */
export const missingTimeframe = defineRule({
  code: 'context.missing-timeframe',
  dimension: 'context',
  severity: 'warning',
  weight: 4,
  title: 'Timeframe missing or invalid',
  evaluate: ({ manifest }) => {
    const timeframe = manifest.context?.timeframe;
    if (!timeframe?.start && !timeframe?.end) {
      return fail([
        {
          message: 'The timeframe is missing: a buyer cannot tell when the data is from.',
          hint: TIMEFRAME_HINT,
          location: { field: 'context.timeframe' },
          count: 1,
        },
      ]);
    }
    const findings = timeframeProblems(timeframe).map(({ field, message, hint }) => ({
      message,
      hint,
      location: { field },
      count: 1,
    }));
    return findings.length === 0 ? PASS : fail(findings, 0.5);
  },
});
