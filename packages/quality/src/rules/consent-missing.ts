import { defineRule, fail, hasPeople, PASS } from './rule.ts';

/** People are in the data (declared, or personal data was found) but no consent basis is given. */
export const consentMissing = defineRule({
  code: 'provenance.consent-missing',
  dimension: 'provenance',
  severity: 'error',
  weight: 8,
  title: 'Consent basis missing',
  evaluate: ({ manifest, evidence }) => {
    if (!hasPeople(manifest, evidence)) return null;
    const basis = manifest.provenance?.consentBasis;
    if (basis && basis !== 'not-applicable') return PASS;
    return fail([
      {
        message:
          basis === 'not-applicable'
            ? 'The consent basis is "not applicable", but there are people in the data.'
            : 'There are people in the data, but no consent basis is given.',
        hint: 'Say on what basis the people agreed to, or do not need to agree to, this use: consent, contract, legitimate interest or public data.',
        location: { field: 'provenance.consentBasis' },
        count: 1,
      },
    ]);
  },
});
