import { defineRule, documentationState, fail, PASS } from './rule.ts';

/** Columns without a description: a stranger cannot tell what a value means. */
export const missingColumnDescription = defineRule({
  code: 'context.missing-column-description',
  dimension: 'context',
  severity: 'warning',
  weight: 4,
  title: 'Column without a description',
  evaluate: ({ manifest }) => {
    const undescribed = manifest.columns
      .map((column, index) => ({ column, index }))
      .filter(({ column }) => documentationState(column.description, 2) !== 'ok');
    if (undescribed.length === 0) return PASS;
    return fail(
      undescribed.map(({ column, index }) => ({
        message: `Column "${column.name}" has no description.`,
        hint: `Say what "${column.name}" holds and where it comes from, e.g. "Ticket body as written by the customer".`,
        location: { column: column.name, field: `columns.${index}.description` },
        count: 1,
      })),
      1 - undescribed.length / manifest.columns.length,
    );
  },
});
