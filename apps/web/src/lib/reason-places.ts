import type { ReasonCode } from '@assay/schema';

/**
 * Where in the submission wizard a contributor answers a reviewer's reason: a manifest field to focus, or a
 * step (an index of STEPS) when the answer is a new file or several fields. The reasons only an acceptance
 * gives have no place: a new version follows a rejection or a request for changes.
 */
export type ReasonPlace = { field: string } | { step: number } | null;

export const REASON_PLACES: Record<ReasonCode, ReasonPlace> = {
  'structure.parse-errors': { step: 1 },
  'structure.schema-mismatch': { step: 2 },
  'structure.label-quality': { step: 2 },
  'structure.duplicates': { step: 1 },
  'structure.personal-data': { field: 'provenance.containsPersonalData' },
  'context.missing-datasheet': { step: 3 },
  'context.undefined-labels': { step: 3 },
  'context.unclear-collection': { field: 'context.collectionMethod' },
  'provenance.license': { field: 'provenance.license' },
  'provenance.consent': { field: 'provenance.consentBasis' },
  'provenance.source': { field: 'provenance.sourceType' },
  'provenance.attestation': { field: 'provenance.attestation' },
  // Someone else's data, the wrong data or too little of it: the answer is another file.
  'provenance.copied': { step: 1 },
  'fit.not-requested': { step: 1 },
  'fit.too-small': { step: 1 },
  'accept.meets-requirements': null,
  'accept.high-quality': null,
};
