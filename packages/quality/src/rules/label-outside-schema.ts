import { isClassificationTask } from '@assay/schema';
import { labelReadAs } from '../label-text.ts';
import { maskSample } from '../pii.ts';
import { defineRule, fail, hasData, PASS, plural, shareOutcome } from './rule.ts';

const MAX_FINDINGS = 20;

/**
 * Label values that are not among the declared classes, including case and whitespace variants of a
 * class ("High ", "HIGH" for "high"), which are named as such so the fix is obvious.
 */
export const labelOutsideSchema = defineRule({
  code: 'structure.label-outside-schema',
  dimension: 'structure',
  severity: 'error',
  weight: 8,
  title: 'Labels outside the declared classes',
  evaluate: ({ evidence, manifest }) => {
    const label = manifest.label;
    if (!label || !isClassificationTask(manifest.task) || !hasData(evidence) || evidence.labelIndex === -1)
      return null;
    const classes = new Set(label.classes.map((c) => c.name));
    const byNormalized = new Map(label.classes.map((c) => [labelReadAs(c.name), c.name]));
    let labeled = 0;
    let outside = 0;
    const invalid: { value: string; count: number; firstRow: number }[] = [];
    for (const [value, entry] of evidence.labelCounts) {
      labeled += entry.count;
      if (classes.has(value)) continue;
      outside += entry.count;
      invalid.push({ value, ...entry });
    }
    if (evidence.labelOverflow > 0) {
      labeled += evidence.labelOverflow;
      outside += evidence.labelOverflow;
    }
    if (outside === 0) return PASS;
    invalid.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    const findings = invalid.slice(0, MAX_FINDINGS).map(({ value, count, firstRow }) => {
      const variantOf = byNormalized.get(labelReadAs(value));
      return {
        message:
          variantOf === undefined
            ? `The label "${maskSample(value)}" is not one of the declared classes (${plural(count, 'row')}).`
            : `The label "${maskSample(value)}" differs from the class "${variantOf}" only in case or spaces (${plural(count, 'row')}).`,
        hint:
          variantOf === undefined
            ? `Use one of the declared classes (${[...classes].slice(0, 8).join(', ')}), or add "${maskSample(value)}" to label.classes with a definition.`
            : `Write it exactly as "${variantOf}".`,
        location: { row: firstRow, column: label.column, field: 'label.classes' },
        count,
      };
    });
    if (invalid.length > MAX_FINDINGS || evidence.labelOverflow > 0) {
      const rest = outside - findings.reduce((sum, f) => sum + f.count, 0);
      findings.push({
        message: `${plural(rest, 'more row has', 'more rows have')} other labels outside the declared classes.`,
        hint: 'Map every label onto a declared class before uploading.',
        location: { row: invalid[MAX_FINDINGS]?.firstRow ?? 0, column: label.column, field: 'label.classes' },
        count: rest,
      });
    }
    return fail(findings, shareOutcome(outside, labeled, 0.1));
  },
});
