import { isValidSpdx, spdxLicenseIgnoringCase } from '../spdx.ts';
import { defineRule, fail, PASS } from './rule.ts';

/** A licence string that is not an SPDX identifier: its terms cannot be checked. */
export const licenseUnknown = defineRule({
  code: 'provenance.license-unknown',
  dimension: 'provenance',
  severity: 'error',
  weight: 10,
  title: 'Licence is not an SPDX id',
  evaluate: ({ manifest }) => {
    const license = manifest.provenance?.license?.trim();
    if (!license) return null;
    if (isValidSpdx(license)) return PASS;
    const suggestion = spdxLicenseIgnoringCase(license);
    return fail([
      {
        message: `"${license.slice(0, 60)}" is not a known licence identifier, so its terms cannot be checked.`,
        hint: suggestion
          ? `Did you mean "${suggestion.id}" (${suggestion.name})? SPDX ids are written exactly.`
          : 'Pick the licence from the SPDX list (e.g. CC-BY-4.0, CC0-1.0, ODbL-1.0, MIT).',
        location: { field: 'provenance.license' },
        count: 1,
      },
    ]);
  },
});
