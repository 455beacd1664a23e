import { defineRule, fail, PASS } from './rule.ts';

/** The file is not text (a spreadsheet, archive or image) and cannot be read as CSV, TSV or JSONL. */
export const binaryFile = defineRule({
  code: 'structure.binary-file',
  dimension: 'structure',
  severity: 'error',
  weight: 10,
  title: 'File is not text',
  evaluate: ({ evidence }) =>
    evidence.isBinary
      ? fail([
          {
            message: 'This is not a text file. It may be a spreadsheet, an archive or an image.',
            hint: 'Export your data as CSV (comma-separated), TSV or JSON Lines, in UTF-8, and attach that file.',
            count: 1,
          },
        ])
      : PASS,
});
