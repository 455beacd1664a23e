import { allowsDecimalCommas } from '../cell-checks.ts';
import { defineRule, fail, hasData, PASS, plural, rowLocations, shareOutcome } from './rule.ts';

const EXAMPLES: Record<string, string> = {
  integer: 'whole numbers such as 42',
  number: 'numbers such as 3.5 (with a dot, no thousands separator)',
  boolean: 'true or false',
  date: 'dates written YYYY-MM-DD, such as 2025-03-01',
  datetime: 'date-times such as 2025-03-01T10:00:00Z',
};
/**
 * Where no comma separates values (a semicolon-separated CSV, a TSV), numbers may have a decimal comma
 * (`structure.semicolon-separated`, `structure.decimal-comma-numbers`).
 */
const DECIMAL_COMMA_NUMBERS = 'numbers such as 3,5 or 3.5 (digits only: no currency or unit)';

/** Values that are not of the column's declared type (integer, number, boolean, date, datetime). */
export const typeMismatch = defineRule({
  code: 'structure.type-mismatch',
  dimension: 'structure',
  severity: 'error',
  weight: 8,
  title: 'Values of the wrong type',
  evaluate: ({ evidence }) => {
    if (!hasData(evidence)) return null;
    const findings = [];
    let worst = 1;
    for (const column of evidence.columns) {
      const errors = column.typeErrors;
      if (errors.count === 0 || column.type === null) continue;
      worst = Math.min(worst, shareOutcome(errors.count, column.seen, 0.1));
      findings.push({
        message: `${plural(errors.count, 'value', 'values')} in column "${column.name}" ${errors.count === 1 ? 'is' : 'are'} not of the declared type ${column.type}.`,
        hint: `Column "${column.name}" should hold ${column.type === 'number' && allowsDecimalCommas(evidence.delimiter) ? DECIMAL_COMMA_NUMBERS : EXAMPLES[column.type]}; fix those values, leave them empty, or change the declared type.`,
        ...rowLocations(errors, column.name),
      });
    }
    return findings.length === 0 ? PASS : fail(findings, worst);
  },
});
