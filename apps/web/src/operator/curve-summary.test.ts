import { describe, expect, it } from 'vitest';
import { curveSummaryText, suggestionBasisText } from './curve-summary.ts';

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

describe('suggestionBasisText', () => {
  it('gives the range a suggestion comes from', () => {
    expect(suggestionBasisText(640, { low: 71.6, high: 78.2 })).toBe(
      'From 640 decided versions: somewhere between 72 and 78, with 95% confidence.',
    );
  });

  it('says where the range was cut to the scores there are', () => {
    // Open above, it is too uncertain however narrow it reads (QA pass: 92 to 100 offered "Use 100" as sure).
    expect(suggestionBasisText(52, { low: 93.2, high: 100 })).toBe(
      'From 52 decided versions: at 93 or above, perhaps not even at 100, with 95% confidence. Too uncertain to rely on yet; more decisions will narrow it.',
    );
    expect(suggestionBasisText(52, { low: 0, high: 8.4 })).toBe(
      'From 52 decided versions: at 8 or below, with 95% confidence.',
    );
    expect(suggestionBasisText(5, { low: 0, high: 100 })).toMatch(
      /^From 5 decided versions: anywhere from 0 to 100, with 95% confidence\. Too uncertain/,
    );
  });

  it('calls a wide range too uncertain to rely on', () => {
    expect(suggestionBasisText(5, { low: 22.1, high: 61 })).toBe(
      'From 5 decided versions: somewhere between 22 and 61, with 95% confidence. Too uncertain to rely on yet; more decisions will narrow it.',
    );
    expect(suggestionBasisText(1, null)).toBe(
      'From 1 decided version; how precise it is cannot be said. Treat it as a rough guide.',
    );
  });
});
