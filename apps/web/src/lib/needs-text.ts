import type { DataRequest } from '@assay/schema';
import { COLUMN_TYPE_LABELS, CONSENT_BASIS_LABELS } from './option-labels.ts';

type Needs = Pick<
  DataRequest,
  'minRows' | 'requiredColumns' | 'labelSet' | 'acceptedLicenses' | 'requiredConsentBasis' | 'minQualityScore'
>;

/**
 * What a data request asks of a submission, in one line for contributors. A requirement the request does
 * not set (no minimum rows, a minimum score of 0, no columns) is left out: "at least 0 rows · minimum
 * score 0" read as if it asked for something. Types and consent bases in the wizard's words.
 */
export function needsText(request: Needs): string {
  const needs = [
    request.minRows > 0 ? `at least ${request.minRows.toLocaleString('en-US')} rows` : null,
    request.requiredColumns.length > 0
      ? `columns ${request.requiredColumns.map((c) => `${c.name} (${COLUMN_TYPE_LABELS[c.type].toLowerCase()})`).join(', ')}`
      : null,
    request.labelSet.length > 0 ? `labels ${request.labelSet.join(', ')}` : null,
    request.acceptedLicenses.length > 0 ? `licences ${request.acceptedLicenses.join(', ')}` : null,
    request.requiredConsentBasis.length > 0
      ? `consent basis ${request.requiredConsentBasis.map((basis) => CONSENT_BASIS_LABELS[basis].toLowerCase()).join(' or ')}`
      : null,
    request.minQualityScore > 0 ? `minimum score ${request.minQualityScore}` : null,
  ].filter((need) => need !== null);
  return needs.length === 0 ? 'nothing in particular' : needs.join(' · ');
}
