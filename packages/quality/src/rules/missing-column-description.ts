import type { ColumnType } from '@assay/schema';
import { defineRule, documentationState, fail, PASS } from './rule.ts';

/**
 * The hint's example description, by the column's type: with one example for all, a date column was told
 * to say something like "Ticket body as written by the customer".
 */
const EXAMPLES: Record<ColumnType, string> = {
  string: 'a text column: "Ticket body as written by the customer"',
  category: 'a category column: "Urgency the agent gave the ticket, high or low"',
  integer: 'an integer column: "Number of replies before the ticket was closed"',
  number: 'a number column: "Invoice amount in euros"',
  boolean: 'a yes/no column: "Whether the customer asked for a refund"',
  date: 'a date column: "Day the ticket was opened"',
  datetime: 'a date-time column: "When the ticket was opened, in UTC"',
};

/** Columns without a description: a stranger cannot tell what a value means. */
export const missingColumnDescription = defineRule({
  code: 'context.missing-column-description',
  dimension: 'context',
  severity: 'warning',
  weight: 4,
  title: 'Column without a description',
  evaluate: ({ manifest }) => {
    const undescribed = manifest.columns
      .map((column, index) => ({ column, index, state: documentationState(column.description, 2) }))
      .filter(({ state }) => state !== 'ok');
    if (undescribed.length === 0) return PASS;
    return fail(
      undescribed.map(({ column, index, state }) => ({
        // "Sentiment" for the column "sentiment" is a description, too short to tell a stranger anything.
        message:
          state === 'missing'
            ? `Column "${column.name}" has no description.`
            : `The description of column "${column.name}" is too short to say what it holds.`,
        hint: `Say what "${column.name}" holds and where it comes from; for ${EXAMPLES[column.type]}.`,
        location: { column: column.name, field: `columns.${index}.description` },
        count: 1,
      })),
      1 - undescribed.length / manifest.columns.length,
    );
  },
});
