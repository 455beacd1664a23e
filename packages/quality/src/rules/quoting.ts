import { defineRule, fail, hasData, PASS, plural, rowLocations, shareOutcome } from './rule.ts';

/** Quotes that are not closed, or text right after a closing quote: fields may be cut or merged. */
export const quoting = defineRule({
  code: 'structure.quoting',
  dimension: 'structure',
  severity: 'error',
  weight: 5,
  title: 'Broken quoting',
  evaluate: ({ evidence }) => {
    if (evidence.format === 'jsonl' || !hasData(evidence)) return null;
    const occurrences = evidence.quoting;
    if (occurrences.count === 0) return PASS;
    return fail(
      [
        {
          message: `${plural(occurrences.count, 'row has', 'rows have')} broken quotes: a quote that is never closed, or text right after a closing quote.`,
          hint: 'Put quotes around a whole field, write a quote inside a field as two quotes (""), and close every quote.',
          ...rowLocations(occurrences),
        },
      ],
      shareOutcome(occurrences.count, evidence.rows, 0.05),
    );
  },
});
