import { defineRule, fail, PASS } from './rule.ts';

/** Where the data came from is not declared (self-collected, scraped, purchased, generated, derived). */
export const sourceMissing = defineRule({
  code: 'provenance.source-missing',
  dimension: 'provenance',
  severity: 'warning',
  weight: 5,
  title: 'Source not declared',
  evaluate: ({ manifest }) =>
    manifest.provenance?.sourceType
      ? PASS
      : fail([
          {
            message: 'The source of the data is not declared.',
            hint: 'Say whether you collected, scraped, purchased, generated or derived the data.',
            location: { field: 'provenance.sourceType' },
            count: 1,
          },
        ]),
});
