import type { RuleContext } from './rule.ts';

/**
 * Estimated share of this file's rows found in other contributors' accepted data. Both sides keep the
 * bottom-k row hashes of their files, so a row shared by both is sampled by both whenever its hash is
 * below both cut-offs: only this file's fingerprints up to the largest accepted fingerprint are compared.
 * Null when there is nothing to compare (the rules are then not scored).
 */
export function estimateOverlap(
  context: RuleContext,
): { share: number; matched: number; compared: number } | null {
  const accepted = context.acceptedFingerprints;
  const own = context.evidence.fingerprints;
  if (own.length === 0) return null;
  // A pre-score, which the record's comparison may still lower: scored as the contributor's own data.
  if (accepted === null && context.isOverlapCheckedLater) return { share: 0, matched: 0, compared: 0 };
  if (accepted === null || accepted.size === 0) return null;
  let max = '';
  for (const fingerprint of accepted) if (fingerprint > max) max = fingerprint;
  let compared = 0;
  let matched = 0;
  for (const fingerprint of own) {
    if (fingerprint > max) break;
    compared++;
    if (accepted.has(fingerprint)) matched++;
  }
  return compared === 0 ? { share: 0, matched, compared } : { share: matched / compared, matched, compared };
}
