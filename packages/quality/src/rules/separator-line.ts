import { defineRule, fail, hasData, PASS } from './rule.ts';

/**
 * Excel's first line `sep=;`: Assay skips it (see `sniffCsvDelimiter`), but other tools read it as the
 * header row and the real header as data, so a buyer's first load of the file would go wrong.
 */
export const separatorLine = defineRule({
  code: 'structure.separator-line',
  dimension: 'structure',
  severity: 'warning',
  weight: 2,
  title: 'Excel separator line',
  evaluate: ({ evidence }) => {
    if (evidence.format !== 'csv' || !hasData(evidence)) return null;
    if (!evidence.hasSeparatorLine) return PASS;
    const line = `sep=${evidence.delimiter ?? ','}`;
    return fail([
      {
        message: `The file starts with the line "${line}", which tells Excel the separator. Assay skipped it, but other tools read it as the column names, and the real column names as data.`,
        // Excel reads the line and does not show it: it can be deleted only where the file is seen as text.
        hint: `Open the file in a text editor such as Notepad (Excel does not show this line), delete its first line ("${line}") so that the column names are the first row, and save it.`,
        location: { row: 0 },
        count: 1,
      },
    ]);
  },
});
