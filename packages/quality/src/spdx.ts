import licenses from './spdx-licenses.json' with { type: 'json' };

/** One licence of the SPDX licence list, with whether its terms allow commercial use. */
export interface SpdxLicense {
  id: string;
  name: string;
  isCommercialUseAllowed: boolean;
  isOsiApproved?: boolean;
}

const BY_ID = new Map<string, SpdxLicense>();
const BY_LOWER_ID = new Map<string, SpdxLicense>();
for (const license of licenses as SpdxLicense[]) {
  BY_ID.set(license.id, license);
  BY_LOWER_ID.set(license.id.toLowerCase(), license);
}

/** The SPDX licence list shipped with the scorer, sorted by id: for the web app's licence picker. */
export const SPDX_LICENSES: readonly { id: string; name: string }[] = (licenses as SpdxLicense[]).map(
  (license) => ({ id: license.id, name: license.name }),
);

/** Whether `id` is an SPDX licence identifier, exactly as SPDX spells it (ids are case-sensitive here). */
export function isValidSpdx(id: string): boolean {
  return BY_ID.has(id);
}

/** The SPDX licence with this id, or `undefined`. */
export function spdxLicense(id: string): SpdxLicense | undefined {
  return BY_ID.get(id);
}

/**
 * Why a data request's list of accepted licences is refused, or null: each id that SPDX does not know (a
 * contributor could never offer it, and the picker would not find it), with the right spelling when only the
 * case is wrong; all of them at once, so that one post names every one.
 */
export function unknownLicenseMessage(ids: readonly string[]): string | null {
  const problems = ids
    .filter((id) => !isValidSpdx(id))
    .map((id) => {
      const near = spdxLicenseIgnoringCase(id);
      return near
        ? `SPDX spells “${id}” as “${near.id}”`
        : `“${id}” is not an SPDX licence id: use one from spdx.org/licenses, such as CC-BY-4.0 or MIT`;
    });
  return problems.length === 0 ? null : problems.join('; ');
}

/** The SPDX licence whose id matches `id` ignoring case, to suggest the right spelling in a hint. */
export function spdxLicenseIgnoringCase(id: string): SpdxLicense | undefined {
  return BY_LOWER_ID.get(id.trim().toLowerCase());
}
