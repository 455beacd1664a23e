import { defineRule, fail, PASS } from './rule.ts';

const UNITLESS =
  /\b(count|number of|id|identifier|index|rank|score|rating|ratio|share|fraction|percent(age)?|year|age)\b/i;

/** Numeric columns without a unit (and whose description does not say it is a count, id or ratio). */
export const missingUnit = defineRule({
  code: 'context.missing-unit',
  dimension: 'context',
  severity: 'info',
  weight: 1,
  title: 'Numeric column without a unit',
  evaluate: ({ manifest }) => {
    const numeric = manifest.columns
      .map((column, index) => ({ column, index }))
      .filter(({ column }) => column.type === 'number' || column.type === 'integer');
    if (numeric.length === 0) return null;
    const unitless = numeric.filter(
      ({ column }) => !column.unit?.trim() && !UNITLESS.test(`${column.name} ${column.description ?? ''}`),
    );
    if (unitless.length === 0) return PASS;
    return fail(
      unitless.map(({ column, index }) => ({
        message: `Column "${column.name}" is numeric but has no unit.`,
        hint: 'Give the unit (e.g. "EUR", "seconds", "kg"), or say in the description that the number has none.',
        location: { column: column.name, field: `columns.${index}.unit` },
        count: 1,
      })),
      1 - unitless.length / numeric.length,
    );
  },
});
