import { defineRule, fail, PASS } from './rule.ts';

/** The data request accepts only some licences, and this is not one of them. */
export const licenseNotAccepted = defineRule({
  code: 'provenance.license-not-accepted',
  dimension: 'provenance',
  severity: 'error',
  weight: 8,
  title: 'Licence not accepted by the request',
  evaluate: ({ manifest, requirements }) => {
    const accepted = requirements?.acceptedLicenses ?? [];
    const license = manifest.provenance?.license?.trim();
    if (accepted.length === 0 || !license) return null;
    if (accepted.includes(license)) return PASS;
    return fail([
      {
        message: `The request accepts only ${accepted.join(', ')}; this data is licensed ${license.slice(0, 60)}.`,
        hint: 'If you hold the rights, license the data under one of the accepted licences.',
        location: { field: 'provenance.license' },
        count: 1,
      },
    ]);
  },
});
