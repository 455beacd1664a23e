import { defineRule, fail, hasData, PASS, plural, rowLocations, shareOutcome } from './rule.ts';

/** Rows with more or fewer fields than the header: values shift into the wrong columns. */
export const raggedRows = defineRule({
  code: 'structure.ragged-rows',
  dimension: 'structure',
  severity: 'error',
  weight: 8,
  title: 'Rows with the wrong number of fields',
  evaluate: ({ evidence }) => {
    if (evidence.format === 'jsonl' || !hasData(evidence)) return null;
    const occurrences = evidence.ragged;
    if (occurrences.count === 0) return PASS;
    return fail(
      [
        {
          message: `${plural(occurrences.count, 'row does', 'rows do')} not have ${plural(evidence.columns.length, 'field')} like the header, so values may sit in the wrong column.`,
          hint: 'Check these rows for an unquoted comma (or tab) inside a value, or a missing field; quote values that contain the separator.',
          ...rowLocations(occurrences),
        },
      ],
      shareOutcome(occurrences.count, evidence.rows, 0.05),
    );
  },
});
