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

/** How many points wide a 95% range of the score at the target may be before it is called too uncertain. */
const RELIABLE_RANGE_POINTS = 20;

/**
 * What a suggested threshold rests on, shown under it: the decided versions, and the range where the score
 * at the target lies with 95% confidence. A wide range (or one open above, cut at 100) is said to be too uncertain to rely on: with a few
 * dozen decisions a suggestion moves by tens of points from one week to the next.
 */
export function suggestionBasisText(decisions: number, range: { low: number; high: number } | null): string {
  const versions = `${decisions} decided ${decisions === 1 ? 'version' : 'versions'}`;
  if (range === null) return `From ${versions}; how precise it is cannot be said. Treat it as a rough guide.`;
  const low = Math.round(range.low);
  const high = Math.round(range.high);
  // The range is cut to the scores there are: at an end, the score at the target may lie beyond it.
  const where =
    low <= 0 && high >= 100
      ? 'anywhere from 0 to 100'
      : high >= 100
        ? `at ${low} or above, perhaps not even at 100`
        : low <= 0
          ? `at ${high} or below`
          : `somewhere between ${low} and ${high}`;
  const basis = `From ${versions}: ${where}, with 95% confidence.`;
  // A range cut at 100 is open above: its width says nothing (92 to "100" read as 8 points wide, and as
  // reliable), and the score at the target may be one no report reaches.
  return high - low > RELIABLE_RANGE_POINTS || high >= 100
    ? `${basis} Too uncertain to rely on yet; more decisions will narrow it.`
    : basis;
}
