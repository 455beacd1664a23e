import type { DraftManifest, LabelClass } from '@assay/schema';
import type { SamplePreview } from '../workers/prescore-protocol.ts';
import { detectLabelColumn, inferColumnType } from './detect.ts';
import {
  classesForValues,
  countLabels,
  isMostlyLabelLists,
  isMostlyMultilabel,
  withClassesAdded,
} from './label-classes.ts';

/**
 * The manifest once a file is attached (or replaced), from its first rows: a title if it has none; the
 * file's columns, each keeping its declared type and description (a column the file no longer has goes);
 * the label column, kept if the file has it, else detected; the task if it has none (multilabel when most
 * labels hold several, `health|politics`, see {@link isMostlyMultilabel}; else classification with a label
 * column, other without); and for a classification its classes: those
 * declared for a kept label column stay, with the labels of these rows not among them added; otherwise
 * the labels of these rows (a multilabel cell's split, see {@link countLabels}), with any definition
 * `knownClasses` holds for a class of that name (see {@link classesForValues}).
 */
export function prefill(
  manifest: DraftManifest,
  sample: SamplePreview,
  fileName: string,
  knownClasses: readonly LabelClass[] = [],
): DraftManifest {
  const next = { ...manifest };
  if (!next.title) next.title = fileName.replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ');
  const declared = next.columns ?? [];
  next.columns = sample.header.map(
    (name) =>
      declared.find((column) => column.name === name) ?? {
        name,
        type: inferColumnType(sample.rows.map((row) => row[name] ?? '')),
        description: null,
      },
  );
  const kept = next.label?.column;
  // A column of JSON arrays of labels (JSONL tags) is the label column, whatever it is called.
  const listed = sample.header.find((name) => isMostlyLabelLists(sample.rows, name));
  const labelColumn =
    kept && sample.header.includes(kept) ? kept : (listed ?? detectLabelColumn(sample.header, sample.rows));
  if (!next.task)
    next.task = !labelColumn
      ? 'other'
      : isMostlyMultilabel(sample.rows, labelColumn)
        ? 'multilabel-classification'
        : 'classification';
  if (next.task !== 'classification' && next.task !== 'multilabel-classification') return next;
  const values = countLabels(sample.rows, labelColumn ?? '', next.task).map(({ value }) => value);
  // Classes declared for the kept label column stay, with their definitions, and the file's new labels are
  // added: a preview's first rows are no proof that a class is gone. One the whole file lacks is reported
  // by the pre-score, whose link leads to its Remove.
  const declaredClasses = next.label?.column === labelColumn ? (next.label?.classes ?? []) : [];
  next.label = labelColumn
    ? {
        column: labelColumn,
        classes:
          declaredClasses.length > 0
            ? withClassesAdded(declaredClasses, values, knownClasses)
            : classesForValues(values, knownClasses),
      }
    : null;
  return next;
}
