import type { DataRequest } from '@assay/schema';

type Needs = Pick<
  DataRequest,
  'minRows' | 'requiredColumns' | 'labelSet' | 'acceptedLicenses' | 'requiredConsentBasis' | 'minQualityScore'
>;

/**
 * What a data request asks of a submission, in one line for contributors. A requirement the request does
 * not set (no minimum rows, a minimum score of 0, no columns) is left out: "at least 0 rows · minimum
 * score 0" read as if it asked for something.
 */
export function needsText(request: Needs): string {
  const needs = [
    request.minRows > 0 ? `at least ${request.minRows.toLocaleString('en-US')} rows` : null,
    request.requiredColumns.length > 0
      ? `columns ${request.requiredColumns.map((c) => `${c.name} (${c.type})`).join(', ')}`
      : null,
    request.labelSet.length > 0 ? `labels ${request.labelSet.join(', ')}` : null,
    request.acceptedLicenses.length > 0 ? `licences ${request.acceptedLicenses.join(', ')}` : null,
    request.requiredConsentBasis.length > 0 ? `consent ${request.requiredConsentBasis.join(', ')}` : null,
    request.minQualityScore > 0 ? `minimum score ${request.minQualityScore}` : null,
  ].filter((need) => need !== null);
  return needs.length === 0 ? 'nothing in particular' : needs.join(' · ');
}
