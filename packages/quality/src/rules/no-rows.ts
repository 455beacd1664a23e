import { defineRule, fail, isReadable, PASS } from './rule.ts';

/** The file has a header (or nothing parseable) but no data rows. */
export const noRows = defineRule({
  code: 'structure.no-rows',
  dimension: 'structure',
  severity: 'error',
  weight: 10,
  title: 'No data rows',
  evaluate: ({ evidence }) => {
    if (!isReadable(evidence)) return null;
    return evidence.rows === 0
      ? fail([
          {
            message: 'The file has a header but no data rows.',
            hint: 'Add your data below the header row: one record per line.',
            count: 1,
          },
        ])
      : PASS;
  },
});
