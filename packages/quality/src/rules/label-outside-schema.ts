import { isClassificationTask } from '@assay/schema';
import { labelReadAs } from '../label-text.ts';
import { maskSample } from '../pii.ts';
import { defineRule, type FindingDraft, fail, hasData, PASS, plural, shareOutcome } from './rule.ts';

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
    const invalid: { value: string; count: number; rows: readonly number[] }[] = [];
    for (const [value, entry] of evidence.labelCounts) {
      labeled += entry.count;
      if (classes.has(value)) continue;
      outside += entry.count;
      invalid.push({ value, count: entry.count, rows: entry.rows });
    }
    if (evidence.labelOverflow > 0) {
      labeled += evidence.labelOverflow;
      outside += evidence.labelOverflow;
    }
    if (outside === 0) return PASS;
    invalid.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    const findings: FindingDraft[] = invalid.slice(0, MAX_FINDINGS).map(({ value, count, rows }) => {
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
        // The first row and a sample of the rest, so a reviewer can open them all, not only the first.
        location: { row: rows[0]!, column: label.column, field: 'label.classes' },
        locations: rows.slice(1).map((row) => ({ row, column: label.column })),
        count,
      };
    });
    if (invalid.length > MAX_FINDINGS || evidence.labelOverflow > 0) {
      const rest = outside - findings.reduce((sum, f) => sum + f.count, 0);
      findings.push({
        message: `${plural(rest, 'more row has', 'more rows have')} other labels outside the declared classes.`,
        hint: 'Map every label onto a declared class before uploading.',
        location: { row: invalid[MAX_FINDINGS]?.rows[0] ?? 0, column: label.column, field: 'label.classes' },
        count: rest,
      });
    }
    return fail(findings, shareOutcome(outside, labeled, 0.1));
  },
});
