import { defineRule, fail, hasData, PASS, plural, rowLocations, shareOutcome } from './rule.ts';

/**
 * Rows whose free text equals an earlier row's once case, spaces and punctuation are ignored, with the
 * other values the same: near-copies that inflate the data.
 */
export const nearDuplicateRows = defineRule({
  code: 'structure.near-duplicate-rows',
  dimension: 'structure',
  severity: 'info',
  weight: 2,
  title: 'Near-duplicate rows',
  evaluate: ({ evidence }) => {
    if (!hasData(evidence) || !evidence.columns.some((c) => c.type === 'string')) return null;
    const occurrences = evidence.nearDuplicates;
    if (occurrences.count === 0) return PASS;
    return fail(
      [
        {
          message: `${plural(occurrences.count, 'row is', 'rows are')} the same as an earlier row except for case, spaces or punctuation.`,
          hint: 'Check whether these are copies of the same record; keep one of each.',
          ...rowLocations(occurrences),
        },
      ],
      shareOutcome(occurrences.count, evidence.rows, 0.2),
    );
  },
});
