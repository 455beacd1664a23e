import { defineRule, fail, hasData, PASS, plural, rowLocations, shareOutcome } from './rule.ts';

/** Dates in the data that fall outside the declared timeframe: the datasheet or the data is wrong. */
export const datesOutsideTimeframe = defineRule({
  code: 'context.dates-outside-timeframe',
  dimension: 'context',
  severity: 'warning',
  weight: 3,
  title: 'Dates outside the timeframe',
  evaluate: ({ evidence, manifest }) => {
    const timeframe = manifest.context?.timeframe;
    if (!hasData(evidence) || (!timeframe?.start && !timeframe?.end)) return null;
    const dated = evidence.columns.filter((c) => c.type === 'date' || c.type === 'datetime');
    if (dated.length === 0) return null;
    const findings = dated
      .filter((c) => c.datesOutside.count > 0)
      .map((column) => ({
        message: `${plural(column.datesOutside.count, 'date')} in column "${column.name}" ${column.datesOutside.count === 1 ? 'falls' : 'fall'} outside the declared timeframe (${timeframe.start ?? '…'} to ${timeframe.end ?? '…'}).`,
        hint: 'Correct the timeframe in the datasheet so it covers all the data, or remove the rows outside it.',
        ...rowLocations(column.datesOutside, column.name),
      }));
    if (findings.length === 0) return PASS;
    const worst = Math.max(...dated.map((c) => c.datesOutside.count));
    return fail(
      findings.map((f) => ({ ...f, location: { ...f.location, field: 'context.timeframe' } })),
      shareOutcome(worst, evidence.rows, 0.2),
    );
  },
});
