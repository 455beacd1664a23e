import { isLabelText, labelReadAs } from '@assay/quality';
import type { DraftManifest, LabelClass } from '@assay/schema';
import { countValues } from './detect.ts';
import { fieldId } from './paths.ts';

// The scorer's separators of a multilabel cell (`countLabel` in @assay/quality's scan.ts).
const LABEL_SEPARATOR = /[|;,]/;

/**
 * The labels one cell of the label column holds, as the scorer counts them: for a multilabel task `cat|dog`
 * or `cat; dog` is `cat` and `dog` (split on `|`, `;` or `,`, trimmed, empty parts dropped); for any other
 * task, and a cell without a separator, the cell as it is.
 */
export function labelsOfCell(value: string, task: DraftManifest['task']): string[] {
  if (task !== 'multilabel-classification') return [value];
  const listed = jsonLabelList(value);
  if (listed === '') return [];
  if (listed !== null) value = listed;
  if (!LABEL_SEPARATOR.test(value)) return [value];
  return value
    .split(LABEL_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * A JSONL cell that is an array of labels (`["sports","politics"]`, as the preview's sample writes an
 * array) as the scorer reads it for a multilabel task: its labels joined by `|` (`sports|politics`), to
 * be split as any cell is; null for any other cell.
 */
export function jsonLabelList(value: string): string | null {
  if (!value.startsWith('[')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  return parsed.every(isLabelText) ? parsed.join('|') : null;
}

/** How often each label ({@link labelsOfCell}) occurs in `column` of the rows, most frequent first. */
export function countLabels(
  rows: readonly Record<string, string>[],
  column: string,
  task: DraftManifest['task'],
): { value: string; count: number }[] {
  return countValues(rows, column, (cell) => labelsOfCell(cell, task));
}

/**
 * The classes of a label column whose values in the file are `values` (most frequent first): one per
 * value, in that order, each with the definition of the first class of its name in `known` that has one
 * (the draft's classes, then those defined earlier). A known class the file does not have is dropped: a
 * declared class no row has is an error in the pre-score, and the form has no other way to lose it.
 */
export function classesForValues(values: readonly string[], known: readonly LabelClass[]): LabelClass[] {
  const definitions = new Map<string, string>();
  for (const labelClass of known) {
    if (labelClass.definition && !definitions.has(labelClass.name))
      definitions.set(labelClass.name, labelClass.definition);
  }
  return [...new Set(values)].map((name) => ({ name, definition: definitions.get(name) ?? null }));
}

/**
 * `classes` with the values not among them added after them, defined as `known` defines them (see
 * {@link classesForValues}); the classes there are keep their order and definitions.
 */
export function withClassesAdded(
  classes: readonly LabelClass[],
  values: readonly string[],
  known: readonly LabelClass[],
): LabelClass[] {
  const declared = new Set(classes.map((labelClass) => labelClass.name));
  const added = values.filter((value) => !declared.has(value));
  return [...classes, ...classesForValues(added, [...classes, ...known])];
}

/**
 * The classes for a task that became multilabel: one drawn from a whole cell (`cat|dog`) gives way to the
 * labels it holds, in its place, defined as `known` defines them (see {@link classesForValues}); `classes`
 * itself when none holds a separator.
 */
export function classesAsMultilabel(
  classes: readonly LabelClass[],
  known: readonly LabelClass[],
): readonly LabelClass[] {
  if (!classes.some((labelClass) => LABEL_SEPARATOR.test(labelClass.name))) return classes;
  const names = classes.flatMap((labelClass) => labelsOfCell(labelClass.name, 'multilabel-classification'));
  return classesForValues(names, [...classes, ...known]);
}

/**
 * Whether most non-empty cells of `column` hold several labels (`health|politics`, split on the scorer's
 * separators) or an array of labels (`["health"]`, JSONL): such a column is multilabel, and read as single labels each combination becomes a class.
 */
export function isMostlyMultilabel(rows: readonly Record<string, string>[], column: string): boolean {
  let cells = 0;
  let several = 0;
  for (const row of rows) {
    const cell = row[column];
    if (cell === undefined || cell.trim() === '') continue;
    cells++;
    // An array of labels is a multilabel cell, even of one label.
    if (jsonLabelList(cell) !== null || labelsOfCell(cell, 'multilabel-classification').length > 1) several++;
  }
  return cells > 0 && several > cells / 2;
}

/**
 * The labels of a whole file's report (`stats.labelCounts`), most frequent first, ties by name: the
 * order the preview's badges and proposed classes take.
 */
export function labelsByCount(labelCounts: Readonly<Record<string, number>>): string[] {
  return Object.entries(labelCounts)
    .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
    .map(([label]) => label);
}

/**
 * Where a finding about the label classes is fixed: labels to declare (`label.classes`) and a class no row
 * has (`label.classes.<i>` absent from the whole file's `labelCounts`) on the Preview step, whose controls
 * (ids in order of preference) are focused; null for any other field (the Datasheet defines classes, and
 * cannot add one).
 */
export function classControlsOf(
  field: string,
  manifest: DraftManifest,
  labelCounts: Readonly<Record<string, number>>,
): string[] | null {
  const fallback = ['label-classes', fieldId('label.column')];
  if (field === 'label.classes') return ['label-classes-declare', ...fallback];
  const index = /^label\.classes\.(\d+)$/.exec(field)?.[1];
  const name = index === undefined ? undefined : manifest.label?.classes?.[Number(index)]?.name;
  if (name === undefined || Object.hasOwn(labelCounts, name)) return null;
  return ['label-classes-remove-absent', ...fallback];
}

/**
 * The target a regression is proposed when the task becomes one: the label column when it is declared a
 * number; else the one column declared a number or an integer, when there is exactly one; else none, for
 * the contributor to choose (a target declared as text is a pre-score error).
 */
export function proposedTarget(
  columns: DraftManifest['columns'],
  labelColumn: string | null | undefined,
): string | null {
  const numeric = (columns ?? [])
    .filter((column) => column.type === 'number' || column.type === 'integer')
    .map((column) => column.name);
  if (labelColumn && numeric.includes(labelColumn)) return labelColumn;
  return numeric.length === 1 ? numeric[0]! : null;
}

/**
 * The labels (most frequent first) that read as one another, case and spaces aside ("positive",
 * " positive", "Positive"), in groups of two or more: one class written several ways, which the scorer's
 * `structure.label-class-variants` reports once they are declared. Said on the preview, before that.
 */
export function labelVariantGroups(labels: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const label of labels) {
    const key = labelReadAs(label);
    groups.set(key, [...(groups.get(key) ?? []), label]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

/** A label as the preview shows it: in quotes when spaces at its ends would otherwise not be seen. */
export function visibleLabel(label: string): string {
  return label === label.trim() ? label : `“${label}”`;
}

/**
 * Whether most non-empty cells of `column` are JSON arrays of labels (`["ux","bug"]`): a JSONL file's tags,
 * whatever the column is called. The wizard proposes such a column as a multilabel task's label column.
 */
export function isMostlyLabelLists(rows: readonly Record<string, string>[], column: string): boolean {
  let cells = 0;
  let lists = 0;
  for (const row of rows) {
    const cell = row[column];
    if (cell === undefined || cell.trim() === '') continue;
    cells++;
    if (jsonLabelList(cell) !== null) lists++;
  }
  return cells > 0 && lists > cells / 2;
}
