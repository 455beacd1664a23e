import { isDateText, isDateTimeText } from '../cell-checks.ts';
import { defineRule, fail, PASS } from './rule.ts';

/** A signed attestation without a valid signing date. */
export const attestationUndated = defineRule({
  code: 'provenance.attestation-undated',
  dimension: 'provenance',
  severity: 'warning',
  weight: 3,
  title: 'Attestation not dated',
  evaluate: ({ manifest }) => {
    const attestation = manifest.provenance?.attestation;
    if (!attestation?.signedBy?.trim()) return null;
    const signedAt = attestation.signedAt?.trim() ?? '';
    if (isDateText(signedAt) || isDateTimeText(signedAt)) return PASS;
    return fail([
      {
        message: signedAt ? 'The attestation date is not a valid date.' : 'The attestation is not dated.',
        hint: 'Record when it was signed as an ISO date-time, e.g. 2025-06-01T10:00:00Z.',
        location: { field: 'provenance.attestation.signedAt' },
        count: 1,
      },
    ]);
  },
});
