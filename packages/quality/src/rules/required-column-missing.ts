import { defineRule, fail, PASS } from './rule.ts';

/** A column the data request requires is not declared with the required type. */
export const requiredColumnMissing = defineRule({
  code: 'structure.required-column-missing',
  dimension: 'structure',
  severity: 'error',
  weight: 5,
  title: 'Requested column missing',
  evaluate: ({ manifest, requirements }) => {
    const required = requirements?.requiredColumns ?? [];
    if (required.length === 0) return null;
    const declared = new Map(manifest.columns.map((c) => [c.name, c.type]));
    const findings = required
      .filter((r) => declared.get(r.name) !== r.type)
      .map((r) => ({
        message: declared.has(r.name)
          ? `The request needs column "${r.name}" of type ${r.type}; it is declared as ${declared.get(r.name)}.`
          : `The request needs a column "${r.name}" of type ${r.type}; the manifest does not declare it.`,
        hint: declared.has(r.name)
          ? `Declare "${r.name}" as ${r.type} if its values are of that type; the request takes no other.`
          : 'Add the column to the file and the manifest with the requested name and type.',
        location: { column: r.name, field: 'columns' },
        count: 1,
      }));
    return findings.length === 0 ? PASS : fail(findings, 1 - findings.length / required.length);
  },
});
