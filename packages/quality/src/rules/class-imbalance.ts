import { isClassificationTask } from '@assay/schema';
import { labelReadAs, labelToKeep } from '../label-text.ts';
import { defineRule, fail, hasData, PASS, percent, plural } from './rule.ts';

/** Largest-to-smallest class ratio above which the balance is reported. */
const MAX_RATIO = 10;

/**
 * Declared classes that never occur, or a smallest class much rarer than the largest: a model learns
 * little about a class it rarely sees. Classes that differ only in case or spaces count as one, under the
 * name `structure.label-class-variants` tells the contributor to keep: "Pos" on 2 rows beside "pos" on 500
 * is a typo, not a rare class, and advising more rows of it sent contributors the wrong way.
 */
export const classImbalance = defineRule({
  code: 'structure.class-imbalance',
  dimension: 'structure',
  severity: 'warning',
  weight: 3,
  title: 'Unbalanced classes',
  evaluate: ({ evidence, manifest }) => {
    const label = manifest.label;
    if (!label || !isClassificationTask(manifest.task) || !hasData(evidence) || label.classes.length < 2)
      return null;
    if (evidence.labelIndex === -1) return null;
    const counts = classesReadAsOne(label.classes, evidence.labelCounts);
    const total = counts.reduce((sum, c) => sum + c.count, 0);
    if (total === 0) return null;
    const findings = counts
      .filter((c) => c.count === 0)
      .map((c) => ({
        message: `The class "${c.name}" is declared but no row has it.`,
        hint: 'Add examples of this class, or remove it from label.classes if you do not label it.',
        location: { column: label.column, field: `label.classes.${c.index}` },
        count: 1,
      }));
    const present = counts.filter((c) => c.count > 0).sort((a, b) => a.count - b.count);
    const smallest = present[0]!;
    const largest = present[present.length - 1]!;
    const ratio = largest.count / smallest.count;
    if (present.length >= 2 && ratio > MAX_RATIO) {
      findings.push({
        message: `The class "${smallest.name}" has ${plural(smallest.count, 'row')} (${percent(smallest.count, total)}), ${Math.round(ratio)} times fewer than "${largest.name}".`,
        hint: 'Add rows of the rare classes, or say in the limitations why the data is unbalanced.',
        location: { column: label.column, field: `label.classes.${smallest.index}` },
        count: smallest.count,
      });
    }
    if (findings.length === 0) return PASS;
    const missingShare = counts.filter((c) => c.count === 0).length / counts.length;
    const outcome = Math.max(
      0,
      1 - missingShare - (ratio > MAX_RATIO ? Math.min(0.5, Math.log10(ratio / MAX_RATIO)) : 0),
    );
    return fail(findings, outcome);
  },
});

interface ClassCount {
  /** The name the class is reported by: the declared one, or of a class written several ways, the one to keep. */
  name: string;
  /** Where in `label.classes` it is declared (of several spellings, the most frequent). */
  index: number;
  count: number;
}

function classesReadAsOne(
  classes: readonly { name: string }[],
  labelCounts: ReadonlyMap<string, { count: number }>,
): ClassCount[] {
  const groups = new Map<string, { name: string; index: number; count: number }[]>();
  classes.forEach(({ name }, index) => {
    const key = labelReadAs(name);
    const spelling = { name, index, count: labelCounts.get(name)?.count ?? 0 };
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [spelling]);
    else if (!group.some((other) => other.name === name)) group.push(spelling);
  });
  return [...groups.values()].map((spellings) => {
    const ranked = [...spellings].sort((a, b) => b.count - a.count);
    return {
      name: labelToKeep(ranked.map((spelling) => spelling.name)),
      index: ranked[0]!.index,
      count: ranked.reduce((sum, spelling) => sum + spelling.count, 0),
    };
  });
}
