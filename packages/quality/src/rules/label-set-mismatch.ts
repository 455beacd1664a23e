import { defineRule, fail, PASS } from './rule.ts';

/** The declared classes differ from the label set the data request asks for. */
export const labelSetMismatch = defineRule({
  code: 'structure.label-set-mismatch',
  dimension: 'structure',
  severity: 'error',
  weight: 5,
  title: 'Classes differ from the requested label set',
  evaluate: ({ manifest, requirements }) => {
    const wanted = requirements?.labelSet ?? [];
    if (wanted.length === 0) return null;
    const { missing, extra } = labelSetDifference(wanted, manifest.label?.classes.map((c) => c.name) ?? []);
    if (missing.length === 0 && extra.length === 0) return PASS;
    const parts = [];
    if (missing.length > 0) parts.push(`missing ${missing.map((n) => `"${n}"`).join(', ')}`);
    if (extra.length > 0) parts.push(`not requested ${extra.map((n) => `"${n}"`).join(', ')}`);
    return fail(
      [
        {
          message: `The classes do not match the request's label set: ${parts.join('; ')}.`,
          hint: `Label with exactly these classes: ${wanted.join(', ')}.`,
          location: { field: 'label.classes' },
          count: missing.length + extra.length,
        },
      ],
      Math.max(0, 1 - (missing.length + extra.length) / wanted.length),
    );
  },
});

/**
 * How declared classes differ from a request's label set: the requested ones not declared, and the declared
 * ones not requested, each in its list's order. The wizard's Preview says the same before the Pre-score.
 */
export function labelSetDifference(
  wanted: readonly string[],
  declared: readonly string[],
): { missing: string[]; extra: string[] } {
  const declaredSet = new Set(declared);
  const wantedSet = new Set(wanted);
  return {
    missing: wanted.filter((name) => !declaredSet.has(name)),
    extra: [...declaredSet].filter((name) => !wantedSet.has(name)),
  };
}
