import { defineRule, fail, PASS } from './rule.ts';

/** The file has no content at all (zero bytes or only blank lines). */
export const emptyFile = defineRule({
  code: 'structure.empty-file',
  dimension: 'structure',
  severity: 'error',
  weight: 10,
  title: 'File is empty',
  evaluate: ({ evidence }) =>
    evidence.isEmpty
      ? fail([
          {
            message: 'The file is empty: there is nothing to score.',
            hint: 'Attach the file that holds your data, with a header row and at least one data row.',
            count: 1,
          },
        ])
      : PASS,
});
