import { defineRule, fail, PASS } from './rule.ts';

/** Words of a description that say a number has no unit. */
const UNITLESS_DESCRIPTION =
  /\b(count|number of|id|identifier|index|rank|score|rating|ratio|share|fraction|percent(age)?|year|age)\b/i;

/**
 * Words of a column's name that say the same: counts, ranks and ratios, and identifiers written with
 * digits (`customer_id`, `cardNumber`, `zip`), which have no unit to give.
 */
const UNITLESS_NAME_WORDS = new Set([
  'count',
  'id',
  'ids',
  'identifier',
  'index',
  'idx',
  'rank',
  'score',
  'rating',
  'ratio',
  'share',
  'fraction',
  'percent',
  'percentage',
  'pct',
  'year',
  'age',
  'number',
  'num',
  'no',
  'nr',
  'code',
  'zip',
  'postcode',
  'phone',
  'card',
  'iban',
  'account',
  'key',
]);

/** A name's words: split at anything but letters and digits, and where a lower-case letter meets a capital. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function isUnitless(name: string, description: string | null | undefined): boolean {
  return (
    nameWords(name).some((word) => UNITLESS_NAME_WORDS.has(word)) ||
    UNITLESS_DESCRIPTION.test(`${name} ${description ?? ''}`)
  );
}

/** Numeric columns without a unit (and whose name or description does not say it is a count, id or ratio). */
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
      ({ column }) => !column.unit?.trim() && !isUnitless(column.name, column.description),
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
