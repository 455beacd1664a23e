import { defineRule, fail, hasData, PASS, plural } from './rule.ts';

/**
 * A CSV file separated by semicolons: read as such (see `sniffCsvDelimiter`), and said, since a reviewer's
 * tools read CSV with commas unless told otherwise. Costs little: it is how Excel writes CSV wherever the
 * comma is the decimal separator, and the contributor may have no other choice.
 */
export const semicolonSeparated = defineRule({
  code: 'structure.semicolon-separated',
  dimension: 'structure',
  severity: 'info',
  weight: 1,
  title: 'Values separated by semicolons',
  evaluate: ({ evidence }) => {
    if (evidence.delimiter !== ';' || !hasData(evidence)) return null;
    if (evidence.columns.length === 1) return PASS; // one column: the separator never came into it
    const count = evidence.columns.reduce((sum, column) => sum + column.decimalCommas, 0);
    const numbers =
      count === 0
        ? ''
        : count === 1
          ? ' 1 number written with a decimal comma (such as 3,5) was read as a number too.'
          : ` ${plural(count, 'number')} written with a decimal comma (such as 3,5) were read as numbers too.`;
    return fail(
      [
        {
          message: `The file separates its values with semicolons (;), as Excel writes CSV where the comma is the decimal separator. It was read that way.${numbers}`,
          hint: "Nothing blocks this file. Reviewers' tools expect commas unless told, so if your spreadsheet can, save it with commas between values and points in numbers (LibreOffice Calc asks for both when saving as CSV).",
          location: { row: 0 },
          count: 1,
        },
      ],
      0.5,
    );
  },
});
