import type { ColumnType } from '@assay/schema';
import { defineRule, fail, PASS } from './rule.ts';

/** A declared type in the words of a finding's message. */
const TYPE_WORDS: Record<ColumnType, string> = {
  string: 'text',
  category: 'a category',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'yes/no',
  date: 'a date',
  datetime: 'a date and time',
};

/**
 * A regression's target (its label column) is declared as something other than a number. A regression
 * predicts a number; declared as one, every value of the column is checked to be one (`structure.type-mismatch`),
 * which a target declared as text escapes.
 */
export const targetNotNumeric = defineRule({
  code: 'structure.target-not-numeric',
  dimension: 'structure',
  severity: 'error',
  weight: 6,
  title: 'Regression target not a number',
  evaluate: ({ manifest }) => {
    const label = manifest.label;
    if (manifest.task !== 'regression' || !label) return null;
    const index = manifest.columns.findIndex((column) => column.name === label.column);
    // An undeclared target is `structure.label-column-missing`'s finding.
    if (index === -1) return null;
    const { type } = manifest.columns[index]!;
    if (type === 'number' || type === 'integer') return PASS;
    return fail([
      {
        message: `The target column "${label.column}" is declared as ${TYPE_WORDS[type]}, but a regression predicts a number.`,
        hint: `Declare the type of "${label.column}" as a number, or an integer (a whole number), so that every value is checked to be one.`,
        location: { column: label.column, field: `columns.${index}.type` },
        count: 1,
      },
    ]);
  },
});
