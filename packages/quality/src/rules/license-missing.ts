import { defineRule, fail, PASS } from './rule.ts';

/** No licence declared: nobody may legally use the data. */
export const licenseMissing = defineRule({
  code: 'provenance.license-missing',
  dimension: 'provenance',
  severity: 'error',
  weight: 10,
  title: 'No licence',
  evaluate: ({ manifest }) =>
    manifest.provenance?.license?.trim()
      ? PASS
      : fail([
          {
            message: 'No licence is declared, so a buyer has no right to use the data.',
            hint: 'Choose a licence from the SPDX list, e.g. CC-BY-4.0 (use with attribution) or CC0-1.0 (no conditions).',
            location: { field: 'provenance.license' },
            count: 1,
          },
        ]),
});
