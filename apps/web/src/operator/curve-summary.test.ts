import { describe, expect, it } from 'vitest';
import { curveSummaryText } from './curve-summary.ts';

const curve = { decisions: 54, accepted: 31, auc: 0.812, targetAcceptance: 0.8, isFitted: true };

describe('curveSummaryText', () => {
  it('counts decided versions, so it does not read against the funnel’s submissions', () => {
    expect(curveSummaryText(curve, 83.4)).toBe(
      '54 decided versions (each version counts), 31 accepted · AUC of the score against decisions 0.81 · score where acceptance reaches 80%: 83',
    );
    expect(curveSummaryText({ ...curve, decisions: 1, accepted: 1, auc: null }, null)).toMatch(
      /^1 decided version \(each version counts\), 1 accepted · AUC of the score against decisions — · /,
    );
  });

  it('says why there is no score at the target', () => {
    expect(curveSummaryText(curve, null)).toMatch(
      /: none between 0 and 100 \(the fitted acceptance stays below 80% at every score\)$/,
    );
    expect(curveSummaryText({ ...curve, accepted: 50 }, null)).toMatch(/stays above 80% at every score\)$/);
    expect(curveSummaryText({ ...curve, isFitted: false }, null)).toMatch(
      /: — \(too few decisions to fit a curve\)$/,
    );
  });
});
