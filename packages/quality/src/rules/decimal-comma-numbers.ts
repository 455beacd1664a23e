import { defineRule, fail, hasData, PASS, plural } from './rule.ts';

/**
 * A tab-separated file whose number columns write the decimal separator as a comma (`3,5`), as Excel's
 * "Text (Tab delimited)" does wherever the comma is the decimal separator. Read as numbers (they were type
 * errors), and said, since a reviewer's tools read `3,5` in a TSV as text unless told otherwise. A
 * semicolon-separated CSV says the same in `structure.semicolon-separated`.
 */
export const decimalCommaNumbers = defineRule({
  code: 'structure.decimal-comma-numbers',
  dimension: 'structure',
  severity: 'info',
  weight: 1,
  title: 'Numbers with a decimal comma (read so)',
  evaluate: ({ evidence }) => {
    if (evidence.delimiter !== '\t' || !hasData(evidence)) return null;
    // One finding per column, located at it: the wizard's link then shows that column.
    const findings = evidence.columns
      .filter((column) => column.decimalCommas > 0)
      .map((column) => ({
        message: `${plural(column.decimalCommas, 'number')} in column "${column.name}" ${column.decimalCommas === 1 ? 'is' : 'are'} written with a decimal comma (such as 3,5), as Excel writes them where the comma is the decimal separator. They were read as numbers.`,
        hint: "Nothing blocks this file. Reviewers' tools read 3,5 as text unless told, so if your spreadsheet can, save numbers with a decimal point (3.5).",
        location: { column: column.name },
        count: column.decimalCommas,
      }));
    return findings.length === 0 ? PASS : fail(findings, 0.5);
  },
});
