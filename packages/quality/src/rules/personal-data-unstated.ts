import { defineRule, fail, PASS } from './rule.ts';

/** The manifest does not say whether the data contains personal data. */
export const personalDataUnstated = defineRule({
  code: 'provenance.personal-data-unstated',
  dimension: 'provenance',
  severity: 'warning',
  weight: 3,
  title: 'Personal data not stated',
  evaluate: ({ manifest }) =>
    typeof manifest.provenance?.containsPersonalData === 'boolean'
      ? PASS
      : fail([
          {
            message: 'The manifest does not say whether the data contains personal data.',
            hint: 'Answer whether any row is about an identifiable person (names, emails, ids, free text about people).',
            location: { field: 'provenance.containsPersonalData' },
            count: 1,
          },
        ]),
});
