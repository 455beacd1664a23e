/** What the acceptance curve rests on, said in the curve's own unit. */
interface CurveFacts {
  decisions: number;
  accepted: number;
  auc: number | null;
  targetAcceptance: number;
  /** Whether a curve could be fitted (two outcomes at least). */
  isFitted: boolean;
}

/**
 * The line above the acceptance charts. Its unit is a decided version (each version reviewers decided
 * counts), where the funnel's is a submission: "54 decisions" beside the funnel's "Decided 43" read as a
 * contradiction. Says why there is no score at the target instead of a bare dash.
 */
export function curveSummaryText(curve: CurveFacts, scoreAtTarget: number | null): string {
  const versions = `${curve.decisions} decided ${curve.decisions === 1 ? 'version' : 'versions'} (each version counts)`;
  const target = `${Math.round(curve.targetAcceptance * 100)}%`;
  const atTarget =
    scoreAtTarget !== null
      ? String(Math.round(scoreAtTarget))
      : curve.isFitted
        ? // A fitted logistic's mean equals the observed rate, so the rate says on which side it stays.
          `none between 0 and 100 (the fitted acceptance stays ${curve.accepted / Math.max(1, curve.decisions) >= curve.targetAcceptance ? 'above' : 'below'} ${target} at every score)`
        : '— (too few decisions to fit a curve)';
  const auc = curve.auc === null ? '—' : curve.auc.toFixed(2);
  return `${versions}, ${curve.accepted} accepted · AUC of the score against decisions ${auc} · score where acceptance reaches ${target}: ${atTarget}`;
}
