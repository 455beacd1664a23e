import { defineRule, fail, isReadable, PASS } from './rule.ts';

const NAMES: Record<string, string> = {
  ';': 'semicolons',
  '\t': 'tabs',
  '|': 'vertical bars',
  ',': 'commas',
};

/** The header is one field containing another separator: the file uses a different delimiter. */
export const wrongDelimiter = defineRule({
  code: 'structure.wrong-delimiter',
  dimension: 'structure',
  severity: 'error',
  weight: 5,
  title: 'Unexpected separator',
  evaluate: ({ evidence }) => {
    if (evidence.format === 'jsonl' || !isReadable(evidence)) return null;
    const delimiter = evidence.suspectedDelimiter;
    if (delimiter === null || evidence.columns.length !== 1) return PASS;
    const expected = evidence.format === 'tsv' ? 'tabs' : 'commas';
    return fail([
      {
        message: `The file seems to separate values with ${NAMES[delimiter]}, not ${expected}, so every row reads as one column.`,
        hint:
          evidence.format === 'tsv'
            ? 'Export as TSV (tab-separated), or upload the file as CSV if it uses commas.'
            : 'Export as CSV, with commas or semicolons between values (in Excel: "CSV UTF-8"), or as TSV if it uses tabs.',
        location: { row: 0 },
        count: 1,
      },
    ]);
  },
});
