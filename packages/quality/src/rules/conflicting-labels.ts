import { defineRule, fail, hasData, PASS, plural, rowLocations, shareOutcome } from './rule.ts';

/** Rows with exactly the same inputs as an earlier row but a different label: one of them is wrong. */
export const conflictingLabels = defineRule({
  code: 'structure.conflicting-labels',
  dimension: 'structure',
  severity: 'warning',
  weight: 4,
  title: 'Same input, different label',
  evaluate: ({ evidence, manifest }) => {
    if (!hasData(evidence) || !manifest.label || evidence.labelIndex === -1) return null;
    const occurrences = evidence.conflictingLabels;
    if (occurrences.count === 0) return PASS;
    return fail(
      [
        {
          message: `${plural(occurrences.count, 'row has', 'rows have')} the same values as an earlier row but a different label.`,
          hint: 'Decide which label is right for each such input and keep one row, or explain the ambiguity in the annotation protocol.',
          ...rowLocations(occurrences, manifest.label.column),
        },
      ],
      shareOutcome(occurrences.count, evidence.rows, 0.05),
    );
  },
});
