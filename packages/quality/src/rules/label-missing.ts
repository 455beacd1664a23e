import { isLabeledTask } from '@assay/schema';
import { defineRule, fail, hasData, PASS, plural, rowLocations, shareOutcome } from './rule.ts';

/**
 * Rows without a label (or, in a regression, without a target): empty or a placeholder such as `NA`. Such a
 * row teaches a model nothing, and the column's missing share alone ("1 row, 0.9%") does not say which.
 */
export const labelMissing = defineRule({
  code: 'structure.label-missing',
  dimension: 'structure',
  severity: 'warning',
  weight: 6,
  title: 'Rows without a label',
  evaluate: ({ evidence, manifest }) => {
    if (!isLabeledTask(manifest.task) || !manifest.label || evidence.labelIndex === -1 || !hasData(evidence))
      return null;
    const count = evidence.unlabeled.count;
    if (count === 0) return PASS;
    const what = manifest.task === 'regression' ? 'target value' : 'label';
    return fail(
      [
        {
          message: `${plural(count, 'row has', 'rows have')} no ${what} in "${manifest.label.column}".`,
          hint:
            manifest.task === 'regression'
              ? 'Fill in the target of these rows, or remove them: a row without a target teaches a model nothing.'
              : 'Label these rows with one of the declared classes, or remove them: a row without a label teaches a model nothing.',
          ...rowLocations(evidence.unlabeled, manifest.label.column),
        },
      ],
      shareOutcome(count, evidence.rows, 0.1),
    );
  },
});
