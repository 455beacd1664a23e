import { defineRule, fail, hasData, PASS, plural, rowLocations } from './rule.ts';

/** Integers above 2^53: JavaScript, JSON tools and spreadsheets silently round them. */
export const unsafeInteger = defineRule({
  code: 'structure.unsafe-integer',
  dimension: 'structure',
  severity: 'warning',
  weight: 2,
  title: 'Numbers too large to store exactly',
  evaluate: ({ evidence }) => {
    if (!hasData(evidence)) return null;
    const findings = evidence.columns
      .filter((column) => column.unsafeIntegers.count > 0)
      .map((column) => ({
        message: `${plural(column.unsafeIntegers.count, 'number')} in column "${column.name}" ${column.unsafeIntegers.count === 1 ? 'is' : 'are'} larger than 9,007,199,254,740,991 (the most that many tools hold exactly), so they round ${column.unsafeIntegers.count === 1 ? 'it' : 'them'} and change the value.`,
        hint: 'If these are identifiers, store them as text (in quotes in JSON) and declare the column as string.',
        ...rowLocations(column.unsafeIntegers, column.name),
      }));
    return findings.length === 0 ? PASS : fail(findings, 0.5);
  },
});
