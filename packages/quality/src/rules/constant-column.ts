import { defineRule, fail, hasData, PASS } from './rule.ts';

/** A column with the same value in every row: it carries no information. */
export const constantColumn = defineRule({
  code: 'structure.constant-column',
  dimension: 'structure',
  severity: 'warning',
  weight: 2,
  title: 'Constant column',
  evaluate: ({ evidence }) => {
    if (!hasData(evidence) || evidence.rows < 2) return null;
    const constant = evidence.columns.filter((c) => c.isConstant && c.nonMissing >= 2);
    if (constant.length === 0) return PASS;
    return fail(
      constant.slice(0, 20).map((column) => ({
        message: `Column "${column.name}" has the same value in every row, so it tells nothing apart.`,
        hint: 'Remove the column, or describe the constant in the datasheet instead.',
        location: {
          column: column.name,
          field: column.declaredIndex === -1 ? null : `columns.${column.declaredIndex}`,
        },
        count: column.nonMissing,
      })),
      Math.max(0, 1 - constant.length / evidence.columns.length),
    );
  },
});
