import { spdxLicense } from '../spdx.ts';
import { defineRule, fail, PASS } from './rule.ts';

/** The request needs commercial use and the licence forbids it (e.g. CC-BY-NC-4.0). */
export const licenseNotCommercial = defineRule({
  code: 'provenance.license-not-commercial',
  dimension: 'provenance',
  severity: 'error',
  weight: 8,
  title: 'Licence forbids commercial use',
  evaluate: ({ manifest, requirements }) => {
    const license = spdxLicense(manifest.provenance?.license?.trim() ?? '');
    if (!requirements?.requiresCommercialUse || !license) return null;
    if (license.isCommercialUseAllowed) return PASS;
    return fail([
      {
        message: `The request needs commercial use, and ${license.id} (${license.name}) does not allow it.`,
        hint: 'If you hold the rights, choose a licence that allows commercial use, e.g. CC-BY-4.0.',
        location: { field: 'provenance.license' },
        count: 1,
      },
    ]);
  },
});
