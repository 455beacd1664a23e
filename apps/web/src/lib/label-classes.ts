import type { LabelClass } from '@assay/schema';

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
