import { defineRule, fail, PASS } from './rule.ts';

/** No signed statement that the contributor may contribute the data under its licence. */
export const attestationMissing = defineRule({
  code: 'provenance.attestation-missing',
  dimension: 'provenance',
  severity: 'error',
  weight: 8,
  title: 'Attestation not signed',
  evaluate: ({ manifest }) => {
    const attestation = manifest.provenance?.attestation;
    const missing = [];
    if (!attestation?.signedBy?.trim()) missing.push('signedBy');
    if (!attestation?.statement?.trim()) missing.push('statement');
    if (missing.length === 0) return PASS;
    return fail(
      [
        {
          message:
            missing.length === 2
              ? 'Nobody has signed that they have the right to contribute this data.'
              : `The attestation has no ${missing[0] === 'signedBy' ? 'signer name' : 'statement'}.`,
          hint: 'Sign the attestation with your name and the statement that you have the right to contribute the data under its licence.',
          location: { field: `provenance.attestation.${missing[0]}` },
          // One attestation, whatever it lacks: the message says what (a count of 2 read as "twice").
          count: 1,
        },
      ],
      missing.length === 2 ? 0 : 0.5,
    );
  },
});
