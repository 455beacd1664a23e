import { describe, expect, it } from 'vitest';
import {
  auc,
  binScoreCounts,
  binScores,
  fitLogistic,
  predictLogistic,
  quantile,
  quantileOfCounts,
  scoreAtProbability,
  scoreAtProbabilityInterval,
  wilsonInterval,
} from './stats.ts';
import { fitGroupedLogistic } from './weighted-logistic.ts';

/** mulberry32: a small seeded PRNG so generated data is the same on every run. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('wilsonInterval', () => {
  // Newcombe RG (1998). Two-sided confidence intervals for the single proportion: comparison of seven
  // methods. Statistics in Medicine 17:857–872, Table I, method 3 (score interval without continuity
  // correction). Each row was recomputed here and agrees to 4 decimals.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i matches Newcombe 1998 Table I: %f to %f', (successes, trials, low, high) => {
    const interval = wilsonInterval(successes, trials);
    expect(interval.rate).toBeCloseTo(successes / trials, 12);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('returns the whole range, not NaN, for 0 trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: 0, low: 0, high: 1 });
  });

  it('is exactly 1 at the top when every trial succeeds and mirrors the all-failure interval', () => {
    const allFail = wilsonInterval(0, 20);
    const allPass = wilsonInterval(20, 20);
    expect(allPass.high).toBe(1);
    expect(allPass.low).toBeCloseTo(1 - allFail.high, 12);
  });

  it('narrows with a smaller z', () => {
    const wide = wilsonInterval(30, 100);
    const narrow = wilsonInterval(30, 100, 1);
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
  });
});

describe('fitLogistic', () => {
  // "Probability of passing an exam versus hours of study", Wikipedia, "Logistic regression" (example
  // section): 20 students, hours studied and whether each passed. The article's table gives the estimates
  // intercept −4.0777 (SE 1.7610) and hours 1.5046 (SE 0.6287); R's glm(Pass ~ Hours, binomial) agrees.
  const hours = [
    0.5, 0.75, 1, 1.25, 1.5, 1.75, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 4, 4.25, 4.5, 4.75, 5, 5.5,
  ];
  const pass: (0 | 1)[] = [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1];

  it('reproduces the published hours-studied estimates and standard errors', () => {
    const fit = fitLogistic(
      hours.map((h) => [h]),
      pass,
    );
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(-4.0777, 4);
    expect(fit.coefficients[1]).toBeCloseTo(1.5046, 4);
    expect(fit.standardErrors[0]).toBeCloseTo(1.761, 4);
    expect(fit.standardErrors[1]).toBeCloseTo(0.6287, 4);
    // The reported log-likelihood is the one of the returned coefficients.
    const direct = hours.reduce((sum, h, i) => {
      const p = predictLogistic(fit.coefficients, [h]);
      return sum + (pass[i] === 1 ? Math.log(p) : Math.log(1 - p));
    }, 0);
    expect(fit.logLikelihood).toBeCloseTo(direct, 10);
  });

  it('gives the article’s estimated pass probabilities and the 50% point', () => {
    const fit = fitLogistic(
      hours.map((h) => [h]),
      pass,
    );
    // The same article's table of estimated probabilities for 1–5 hours of study.
    const published = [0.07, 0.26, 0.61, 0.87, 0.97];
    published.forEach((probability, i) => {
      expect(predictLogistic(fit.coefficients, [i + 1])).toBeCloseTo(probability, 2);
    });
    const [intercept = 0, slope = 0] = fit.coefficients;
    // μ = −β₀/β₁ ≈ 2.71 hours, where the curve crosses 1/2.
    expect(scoreAtProbability(intercept, slope, 0.5)).toBeCloseTo(2.71, 2);
  });

  it('recovers known coefficients from generated data with three predictors', () => {
    const random = createRandom(20240601);
    const truth = [-0.5, 1.2, -0.8, 0.4];
    const x: number[][] = [];
    const y: (0 | 1)[] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = [random() * 4 - 2, random() * 2 - 1, random() < 0.3 ? 1 : 0];
      x.push(row);
      y.push(random() < predictLogistic(truth, row) ? 1 : 0);
    }
    const fit = fitLogistic(x, y);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(15);
    truth.forEach((coefficient, j) => {
      const se = fit.standardErrors[j] ?? Number.NaN;
      expect(se).toBeGreaterThan(0);
      expect(se).toBeLessThan(0.05);
      expect(Math.abs((fit.coefficients[j] ?? Number.NaN) - coefficient)).toBeLessThan(4 * se);
    });
  });

  it('terminates with finite numbers and converged=false under perfect separation', () => {
    const x = [[10], [20], [30], [40], [60], [70], [80], [90]];
    const y: (0 | 1)[] = [0, 0, 0, 0, 1, 1, 1, 1];
    const fit = fitLogistic(x, y, { maxIterations: 50 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBeLessThanOrEqual(50);
    for (const value of [...fit.coefficients, ...fit.standardErrors, fit.logLikelihood]) {
      expect(Number.isFinite(value)).toBe(true);
    }
    expect(fit.coefficients[1]).toBeGreaterThan(0);
  });

  it('converges under perfect separation once a small ridge penalty is set', () => {
    const x = [[10], [20], [30], [40], [60], [70], [80], [90]];
    const y: (0 | 1)[] = [0, 0, 0, 0, 1, 1, 1, 1];
    const fit = fitLogistic(x, y, { ridge: 1e-3 });
    expect(fit.converged).toBe(true);
    for (const value of [...fit.coefficients, ...fit.standardErrors, fit.logLikelihood]) {
      expect(Number.isFinite(value)).toBe(true);
    }
    const [intercept = 0, slope = 0] = fit.coefficients;
    // Symmetric data: the fitted curve crosses 1/2 midway between the classes.
    expect(scoreAtProbability(intercept, slope, 0.5)).toBeCloseTo(50, 6);
  });

  it('returns infinite standard errors rather than NaN for a constant predictor', () => {
    const fit = fitLogistic([[1], [1], [1], [1]], [0, 1, 1, 0]);
    expect(fit.converged).toBe(false);
    expect(fit.standardErrors).toEqual([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
    expect(fit.coefficients.every(Number.isFinite)).toBe(true);
  });

  it('rejects mismatched or malformed input', () => {
    expect(() => fitLogistic([[1], [2]], [0])).toThrow(RangeError);
    expect(() => fitLogistic([[1], [2, 3]], [0, 1])).toThrow(RangeError);
    expect(() => fitLogistic([[1], [Number.NaN]], [0, 1])).toThrow(RangeError);
    expect(() => fitLogistic([], [])).toThrow(RangeError);
  });
});

describe('predictLogistic', () => {
  it('is 1/2 at η = 0 and symmetric, and stays in (0, 1) for large |η|', () => {
    expect(predictLogistic([0, 1], [0])).toBe(0.5);
    expect(predictLogistic([1, 2], [1]) + predictLogistic([-1, -2], [1])).toBeCloseTo(1, 15);
    expect(predictLogistic([0, 1], [-800])).toBeGreaterThanOrEqual(0);
    expect(predictLogistic([0, 1], [800])).toBe(1);
  });

  it('rejects a predictor vector of the wrong length', () => {
    expect(() => predictLogistic([0, 1, 2], [1])).toThrow(RangeError);
  });
});

describe('scoreAtProbability', () => {
  it('inverts the logistic curve', () => {
    // logit(0.8) = ln 4; (ln 4 + 3) / 0.05
    expect(scoreAtProbability(-3, 0.05, 0.8)).toBeCloseTo((Math.log(4) + 3) / 0.05, 10);
    expect(predictLogistic([-3, 0.05], [scoreAtProbability(-3, 0.05, 0.8) ?? Number.NaN])).toBeCloseTo(
      0.8,
      12,
    );
  });

  it('is null for a flat curve, an unreachable target, or a score outside [0, 100]', () => {
    expect(scoreAtProbability(-3, 0, 0.8)).toBeNull();
    expect(scoreAtProbability(-3, 0.05, 0)).toBeNull();
    expect(scoreAtProbability(-3, 0.05, 1)).toBeNull();
    expect(scoreAtProbability(-4, 0.01, 0.9)).toBeNull(); // ≈ 620
    expect(scoreAtProbability(3, 0.05, 0.5)).toBeNull(); // −60
  });
});

describe('auc', () => {
  function bruteForceAuc(scores: number[], labels: (0 | 1)[]): number {
    let wins = 0;
    let pairs = 0;
    scores.forEach((positive, i) => {
      if (labels[i] !== 1) return;
      scores.forEach((negative, j) => {
        if (labels[j] !== 0) return;
        pairs++;
        if (positive > negative) wins += 1;
        else if (positive === negative) wins += 0.5;
      });
    });
    return wins / pairs;
  }

  it.each([1, 2, 3, 4, 5])('matches a brute-force pairwise count on tied random data (seed %i)', (seed) => {
    const random = createRandom(seed);
    const scores: number[] = [];
    const labels: (0 | 1)[] = [];
    for (let i = 0; i < 400; i++) {
      const score = Math.floor(random() * 21) * 5; // 21 distinct values over 0–100: many ties
      scores.push(score);
      labels.push(random() < 0.2 + 0.6 * (score / 100) ? 1 : 0);
    }
    expect(auc(scores, labels)).toBeCloseTo(bruteForceAuc(scores, labels), 12);
  });

  it('is 1 when positives all score higher, 0 when reversed, 1/2 when all tied', () => {
    expect(auc([10, 20, 80, 90], [0, 0, 1, 1])).toBe(1);
    expect(auc([10, 20, 80, 90], [1, 1, 0, 0])).toBe(0);
    expect(auc([50, 50, 50, 50], [1, 0, 1, 0])).toBe(0.5);
  });

  it('counts a tie between classes as one half', () => {
    // Pairs (pos, neg): (30,10)=1, (30,30)=½, (50,10)=1, (50,30)=1 → 3.5 / 4
    expect(auc([10, 30, 30, 50], [0, 0, 1, 1])).toBe(0.875);
  });

  it('is null when a class is empty', () => {
    expect(auc([1, 2, 3], [1, 1, 1])).toBeNull();
    expect(auc([1, 2, 3], [0, 0, 0])).toBeNull();
    expect(auc([], [])).toBeNull();
  });

  it('rejects mismatched lengths', () => {
    expect(() => auc([1, 2], [1])).toThrow(RangeError);
  });
});

describe('quantile', () => {
  it.each([
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.9, 3.7], // h = 2.7: 3 + 0.7 · (4 − 3)
    [[1, 2, 3, 4], 1, 4],
    [[10, 20, 30, 40, 50], 0.1, 14], // h = 0.4: 10 + 0.4 · 10
    [[10, 20, 30, 40, 50], 0.5, 30],
    [[7], 0.9, 7],
  ])('quantile(%j, %f) = %f (type 7)', (values, q, expected) => {
    expect(quantile(values, q)).toBeCloseTo(expected, 12);
  });

  it('is null for no values and rejects q outside [0, 1]', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => quantile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('quantileOfCounts', () => {
  it('is the quantile of the values repeated by their counts', () => {
    const counts: [number, number][] = [
      [1, 3],
      [2.5, 0],
      [4, 2],
      [10, 1],
    ];
    const expanded = [1, 1, 1, 4, 4, 10];
    for (const q of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
      expect(quantileOfCounts(counts, q)).toBeCloseTo(quantile(expanded, q)!, 12);
    }
    expect(quantileOfCounts([[5, 0]], 0.5)).toBeNull();
    expect(() => quantileOfCounts(counts, 2)).toThrow(RangeError);
  });
});

describe('binScores', () => {
  it('bins over 0–100 with 100 in the last bin and a Wilson interval per bin', () => {
    const scores = [0, 9.99, 10, 15, 55, 99, 100, 100];
    const accepted: (0 | 1)[] = [0, 1, 1, 1, 0, 1, 1, 0];
    const bins = binScores(scores, accepted);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => [b.low, b.high, b.n, b.accepted])).toEqual([
      [0, 10, 2, 1],
      [10, 20, 2, 2],
      [20, 30, 0, 0],
      [30, 40, 0, 0],
      [40, 50, 0, 0],
      [50, 60, 1, 0],
      [60, 70, 0, 0],
      [70, 80, 0, 0],
      [80, 90, 0, 0],
      [90, 100, 3, 2],
    ]);
    const last = bins[9];
    const expected = wilsonInterval(2, 3);
    expect(last?.rate).toBeCloseTo(2 / 3, 12);
    expect(last?.ci).toEqual({ low: expected.low, high: expected.high });
    // An empty bin carries no information: rate 0, interval [0, 1].
    expect(bins[2]).toMatchObject({ n: 0, rate: 0, ci: { low: 0, high: 1 } });
  });

  it('ends the last bin at 100 when the width does not divide 100', () => {
    const bins = binScores([0, 29, 30, 95, 100], [1, 1, 0, 0, 1], 30);
    expect(bins.map((b) => [b.low, b.high, b.n, b.accepted])).toEqual([
      [0, 30, 2, 2],
      [30, 60, 1, 0],
      [60, 90, 0, 0],
      [90, 100, 2, 1],
    ]);
  });

  it('rejects scores outside [0, 100] and a bad width', () => {
    expect(() => binScores([101], [1])).toThrow(RangeError);
    expect(() => binScoreCounts([{ score: 101, positives: 1, negatives: 0 }])).toThrow(RangeError);
  });

  it('gives the same bins from observations grouped by score', () => {
    const scores = [0, 12.5, 12.5, 29.9, 30, 30, 30, 99.9, 100];
    const accepted: (0 | 1)[] = [0, 1, 0, 1, 1, 1, 0, 0, 1];
    const groups = new Map<number, { score: number; positives: number; negatives: number }>();
    scores.forEach((score, i) => {
      const g = groups.get(score) ?? { score, positives: 0, negatives: 0 };
      if (accepted[i] === 1) g.positives++;
      else g.negatives++;
      groups.set(score, g);
    });
    for (const width of [10, 30]) {
      expect(binScoreCounts([...groups.values()], width)).toEqual(binScores(scores, accepted, width));
    }
    expect(() => binScores([-1], [1])).toThrow(RangeError);
    expect(() => binScores([50], [1], 0)).toThrow(RangeError);
  });
});

describe('scoreAtProbabilityInterval', () => {
  it('is the delta-method interval around the score', () => {
    // s = (ln 4 + 3) / 0.05 ≈ 87.73; Var(s) = (0.25 + 2s(−0.004) + s²·0.0001) / 0.0025.
    const s = (Math.log(4) + 3) / 0.05;
    const half = 1.959963984540054 * Math.sqrt((0.25 - 0.008 * s + 0.0001 * s * s) / 0.0025);
    const range = scoreAtProbabilityInterval(-3, 0.05, [0.25, -0.004, -0.004, 0.0001], 0.8);
    expect(range?.low).toBeCloseTo(s - half, 10);
    expect(range?.high).toBe(100); // s + half ≈ 103: clamped to the score's range
  });

  it('narrows as the square root of the decisions', () => {
    // The same acceptance rates from ten times the decisions: the same fit, a tenth of the variance.
    const scores = [30, 40, 50, 60, 70, 80, 90];
    const accepted = [0, 1, 1, 2, 3, 4, 4];
    const widthOf = (times: number) => {
      const fit = fitGroupedLogistic({
        x: scores.map((score) => [score]),
        successes: accepted.map((a) => a * times),
        trials: scores.map(() => 5 * times),
      });
      const [b0, b1] = fit.coefficients as [number, number];
      const at = scoreAtProbability(b0, b1, 0.6)!;
      const range = scoreAtProbabilityInterval(b0, b1, fit.covariance!, 0.6)!;
      expect(range.low).toBeLessThan(at);
      expect(range.high).toBeGreaterThan(at);
      return range.high - range.low;
    };
    expect(widthOf(1) / widthOf(10)).toBeCloseTo(Math.sqrt(10), 4);
  });

  it('is null where the score is, and for a covariance that is no variance', () => {
    expect(scoreAtProbabilityInterval(-3, 0, [1, 0, 0, 1], 0.8)).toBeNull();
    expect(scoreAtProbabilityInterval(-3, 0.05, [Number.NaN, 0, 0, 1], 0.8)).toBeNull();
    expect(() => scoreAtProbabilityInterval(-3, 0.05, [1, 0, 1], 0.8)).toThrow(RangeError);
  });
});
