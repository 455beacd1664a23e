import { isClassificationTask } from '@assay/schema';
import { labelReadAs, labelToKeep } from '../label-text.ts';
import { maskSample } from '../pii.ts';
import { defineRule, fail, hasData, PASS, plural, shareOutcome } from './rule.ts';

/**
 * Declared classes whose names differ only in case or spaces ("positive", " positive", "Positive"). Each
 * is one class written more than one way: declared all, `label-outside-schema` has nothing to say, and a
 * file whose labels were typed by hand passed as clean (the wizard declares the labels it finds). The rows
 * of all but the most frequent spelling count against the score.
 */
export const labelClassVariants = defineRule({
  code: 'structure.label-class-variants',
  dimension: 'structure',
  severity: 'error',
  weight: 6,
  title: 'Classes that differ only in case or spaces',
  evaluate: ({ evidence, manifest }) => {
    const label = manifest.label;
    if (!label || !isClassificationTask(manifest.task) || !hasData(evidence)) return null;
    const groups = new Map<string, string[]>();
    for (const { name } of label.classes) {
      const key = labelReadAs(name);
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [name]);
      else if (!group.includes(name)) group.push(name);
    }
    const rowsOf = (name: string) => evidence.labelCounts.get(name)?.count ?? 0;
    let variantRows = 0;
    let labeledRows = 0;
    for (const entry of evidence.labelCounts.values()) labeledRows += entry.count;
    const findings = [];
    for (const names of groups.values()) {
      if (names.length < 2) continue;
      // The most frequent spelling first (ties: as declared); the one to keep is the most frequent without
      // spaces at its ends, and the rows of every other spelling are the variants'.
      const ranked = [...names].sort((a, b) => rowsOf(b) - rowsOf(a));
      const kept = labelToKeep(ranked);
      const variants = ranked.filter((name) => name !== kept);
      const rows = variants.reduce((sum, name) => sum + rowsOf(name), 0);
      variantRows += rows;
      const firstRow = variants
        .map((name) => evidence.labelCounts.get(name)?.rows[0])
        .filter((row): row is number => row !== undefined)
        .sort((a, b) => a - b)[0];
      const quoted = ranked.map((name) => `"${maskSample(name)}"`);
      findings.push({
        message: `The classes ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)} differ only in case or spaces: they are one class written ${plural(names.length, 'way')} (${plural(rows, 'row')} not as "${maskSample(kept)}").`,
        hint: `Write every one of these labels as "${maskSample(kept)}" in the file, then declare that class alone.`,
        location: {
          ...(firstRow === undefined ? {} : { row: firstRow }),
          column: label.column,
          field: 'label.classes',
        },
        count: 1,
      });
    }
    if (findings.length === 0) return PASS;
    return fail(findings, shareOutcome(variantRows, labeledRows, 0.1));
  },
});
