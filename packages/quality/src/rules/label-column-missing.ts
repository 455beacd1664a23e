import { defineRule, fail, isReadable, PASS } from './rule.ts';

/** The label column named in the manifest is not a declared column, or not in the file. */
export const labelColumnMissing = defineRule({
  code: 'structure.label-column-missing',
  dimension: 'structure',
  severity: 'error',
  weight: 8,
  title: 'Label column missing',
  evaluate: ({ evidence, manifest }) => {
    const label = manifest.label;
    if (!label || !isReadable(evidence)) return null;
    const isDeclared = manifest.columns.some((column) => column.name === label.column);
    const isInFile = evidence.labelIndex !== -1 && evidence.columns[evidence.labelIndex]!.seen > 0;
    if (isDeclared && (isInFile || evidence.rows === 0)) return PASS;
    // A regression's label column is its target, as the web form names it.
    const isRegression = manifest.task === 'regression';
    const noun = isRegression ? 'target column' : 'label column';
    return fail([
      {
        message: isDeclared
          ? `The ${noun} "${label.column}" is not in the file.`
          : `The ${noun} "${label.column}" is not one of the declared columns.`,
        hint: `Name the column that holds ${isRegression ? 'the number to predict' : 'the labels'} in "label.column", and declare it under "columns" with the same name as in the file.`,
        location: { column: label.column, field: 'label.column' },
        count: 1,
      },
    ]);
  },
});
