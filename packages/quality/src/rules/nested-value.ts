import { defineRule, fail, hasData, PASS, plural, rowLocations } from './rule.ts';

/** JSONL values that are objects or arrays: a column should hold one flat value. */
export const nestedValue = defineRule({
  code: 'structure.nested-value',
  dimension: 'structure',
  severity: 'warning',
  weight: 2,
  title: 'Nested values',
  evaluate: ({ evidence }) => {
    if (evidence.format !== 'jsonl' || !hasData(evidence)) return null;
    const findings = evidence.columns
      .filter((c) => c.nestedValues.count > 0)
      .map((column) => ({
        message: `${plural(column.nestedValues.count, 'value')} of "${column.name}" ${column.nestedValues.count === 1 ? 'is an object or an array' : 'are objects or arrays'} rather than one flat value.`,
        // A column declared as text reads them as their JSON text already: flattening is what is left.
        hint:
          column.type === 'string'
            ? 'Flatten nested values into their own keys (e.g. "author_name"): a buyer filters and counts flat values, not JSON text.'
            : 'Flatten nested values into their own keys (e.g. "author_name"), or declare the column as text holding JSON.',
        ...rowLocations(column.nestedValues, column.name),
      }));
    return findings.length === 0 ? PASS : fail(findings, 0.5);
  },
});
