import { defineRule, fail, PASS } from './rule.ts';

/**
 * The data request accepts only some consent bases (e.g. consent, contract), and this data gives another,
 * or none. Unlike `provenance.consent-missing`, it applies whether or not people are in the data: the
 * enterprise asked for this basis.
 */
export const consentNotAccepted = defineRule({
  code: 'provenance.consent-not-accepted',
  dimension: 'provenance',
  severity: 'error',
  weight: 8,
  title: 'Consent basis not accepted by the request',
  evaluate: ({ manifest, requirements }) => {
    const accepted = requirements?.acceptedConsentBases ?? [];
    if (accepted.length === 0) return null;
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
