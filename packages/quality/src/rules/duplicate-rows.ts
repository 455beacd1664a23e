import { defineRule, fail, hasData, PASS, percent, plural, rowLocations, shareOutcome } from './rule.ts';

/** Rows identical to an earlier row: they add no information and bias a model towards them. */
export const duplicateRows = defineRule({
  code: 'structure.duplicate-rows',
  dimension: 'structure',
  severity: 'warning',
  weight: 4,
  title: 'Duplicate rows',
  evaluate: ({ evidence }) => {
    if (!hasData(evidence)) return null;
    const occurrences = evidence.duplicates;
    if (occurrences.count === 0) return PASS;
    return fail(
      [
        {
          message: `${plural(occurrences.count, 'row repeats', 'rows repeat')} an earlier row exactly (${percent(occurrences.count, evidence.rows)} of the file).`,
          hint: 'Remove the repeated rows (keep the first of each).',
          ...rowLocations(occurrences),
        },
      ],
      shareOutcome(occurrences.count, evidence.rows, 0.2),
    );
  },
});
