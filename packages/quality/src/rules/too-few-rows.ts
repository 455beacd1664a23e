import { defineRule, fail, formatCount, isReadable, PASS } from './rule.ts';

/** Fewer rows than the data request asks for. */
export const tooFewRows = defineRule({
  code: 'structure.too-few-rows',
  dimension: 'structure',
  severity: 'error',
  weight: 5,
  title: 'Fewer rows than requested',
  evaluate: ({ evidence, requirements }) => {
    const minRows = requirements?.minRows ?? 0;
    if (minRows <= 0 || !isReadable(evidence)) return null;
    const rows = evidence.rows - evidence.duplicates.count;
    if (rows >= minRows) return PASS;
    return fail(
      [
        {
          message: `The request asks for at least ${formatCount(minRows)} rows; this file has ${formatCount(rows)} distinct rows.`,
          hint: 'Add more rows before submitting to this request.',
          count: minRows - rows,
        },
      ],
      rows / minRows,
    );
  },
});
