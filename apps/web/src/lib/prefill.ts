import { allowsDecimalCommas } from '@assay/quality';
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
  const next = { ...withNamesOfHeader(manifest, sample.header) };
  if (!next.title) next.title = fileName.replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ');
  const declared = next.columns ?? [];
  next.columns = sample.header.map(
    (name) =>
      declared.find((column) => column.name === name) ?? {
        name,
        type: inferColumnType(
          sample.rows.map((row) => row[name] ?? ''),
          // Where no comma separates values, `3,5` is a number (Excel's semicolon CSV and TSV).
          allowsDecimalCommas(sample.format === 'tsv' ? '\t' : sample.delimiter),
        ),
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

/**
 * The manifest with each declared column (and the label column) whose name the header has only without
 * end spaces renamed to that name. Scorer 2.5 reads a CSV's header names trimmed ("review " is "review");
 * drafts prefilled before it declared "review ", which it then called missing. The same manifest object
 * when nothing is renamed, so a draft that needs nothing is not saved again.
 */
export function withNamesOfHeader(manifest: DraftManifest, header: readonly string[]): DraftManifest {
  const names = new Set(header);
  const renamed = (name: string) => (!names.has(name) && names.has(name.trim()) ? name.trim() : name);
  const columns = manifest.columns?.map((column) => {
    const name = column.name == null ? column.name : renamed(column.name);
    return name === column.name ? column : { ...column, name };
  });
  const labelColumn = manifest.label?.column;
  const isRenamed =
    columns?.some((column, index) => column !== manifest.columns?.[index]) ||
    (labelColumn != null && renamed(labelColumn) !== labelColumn);
  if (!isRenamed) return manifest;
  return {
    ...manifest,
    columns,
    label:
      manifest.label && labelColumn != null
        ? { ...manifest.label, column: renamed(labelColumn) }
        : manifest.label,
  };
}
