import { defineRule, fail, hasData, PASS } from './rule.ts';

/** A column with no value in any row. */
export const emptyColumn = defineRule({
  code: 'structure.empty-column',
  dimension: 'structure',
  severity: 'warning',
  weight: 3,
  title: 'Empty column',
  evaluate: ({ evidence }) => {
    if (!hasData(evidence)) return null;
    const empty = evidence.columns.filter(
      (c) => c.nonMissing === 0 && (c.seen > 0 || evidence.format !== 'jsonl'),
    );
    if (empty.length === 0) return PASS;
    return fail(
      empty.slice(0, 20).map((column) => ({
        message: `Column "${column.name}" is empty in every row.`,
        hint: 'Fill the column in or remove it (and its declaration).',
        location: {
          column: column.name,
          field: column.declaredIndex === -1 ? null : `columns.${column.declaredIndex}`,
        },
        count: evidence.rows,
      })),
      Math.max(0, 1 - empty.length / evidence.columns.length),
    );
  },
});
