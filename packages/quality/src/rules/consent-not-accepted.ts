import { defineRule, fail, hasPeople, PASS } from './rule.ts';

/**
 * People are in the data, the data request accepts only some consent bases for such data (e.g. consent,
 * contract), and this data gives another, or none. Without people in the data no basis is needed, as the
 * request's field says ("when people are in the data") and as `provenance.consent-missing` judges.
 */
export const consentNotAccepted = defineRule({
  code: 'provenance.consent-not-accepted',
  dimension: 'provenance',
  severity: 'error',
  weight: 8,
  title: 'Consent basis not accepted by the request',
  evaluate: ({ manifest, evidence, requirements }) => {
    const accepted = requirements?.acceptedConsentBases ?? [];
    if (accepted.length === 0 || !hasPeople(manifest, evidence)) return null;
    const basis = manifest.provenance?.consentBasis;
    if (basis && accepted.includes(basis)) return PASS;
    return fail([
      {
        message: basis
          ? `The request accepts only the consent bases ${accepted.join(', ')}; this data gives ${basis}.`
          : `The request accepts only the consent bases ${accepted.join(', ')}; this data gives none.`,
        hint: 'Contribute data collected on one of the accepted bases, and say which in the datasheet.',
        location: { field: 'provenance.consentBasis' },
        count: 1,
      },
    ]);
  },
});
