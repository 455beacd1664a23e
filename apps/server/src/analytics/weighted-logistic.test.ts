import { describe, expect, it } from 'vitest';
import { auc, fitLogistic } from './stats.ts';
import { fitGroupedLogistic, fitLogisticDesign, groupedAuc, splitAuc } from './weighted-logistic.ts';

// A deterministic pseudo-random data set: scores on a 0.1 grid, outcomes from a known curve.
function sample(n: number, dims: number) {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const x: number[][] = [];
  const y: (0 | 1)[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: dims }, () => Math.round(next() * 1000) / 10);
    x.push(row);
    const eta = -6 + row.reduce((sum, v, j) => sum + v * (0.1 - 0.02 * j), 0);
    y.push(next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
  }
  return { x, y };
}

function group(x: number[][], y: (0 | 1)[]) {
  const map = new Map<string, { x: number[]; s: number; t: number }>();
  x.forEach((row, i) => {
    const key = row.join(',');
    const g = map.get(key) ?? { x: row, s: 0, t: 0 };
    g.s += y[i] ?? 0;
    g.t += 1;
    map.set(key, g);
  });
  const groups = [...map.values()];
  return { x: groups.map((g) => g.x), successes: groups.map((g) => g.s), trials: groups.map((g) => g.t) };
}

describe('fitGroupedLogistic', () => {
  it('gives the covariance whose diagonal the standard errors are, symmetric', () => {
    const { x, y } = sample(2000, 2);
    const fit = fitGroupedLogistic(group(x, y));
    const k = 3;
    expect(fit.covariance).toHaveLength(k * k);
    const covariance = fit.covariance!;
    for (let a = 0; a < k; a++) {
      expect(Math.sqrt(covariance[a * k + a]!)).toBeCloseTo(fit.standardErrors[a]!, 12);
      // Symmetric up to the inversion's rounding.
      for (let b = 0; b < a; b++) expect(covariance[a * k + b]! / covariance[b * k + a]!).toBeCloseTo(1, 10);
    }
    // β₀ and the slopes of a score curve move against each other.
    expect(covariance[1]).toBeLessThan(0);
  });

  it.each([1, 3])('equals fitLogistic on the expanded data (%i predictors)', (dims) => {
    const { x, y } = sample(3000, dims);
    const reference = fitLogistic(x, y);
    const grouped = fitGroupedLogistic(group(x, y));
    expect(grouped.converged).toBe(true);
    grouped.coefficients.forEach((b, j) => {
      expect(b).toBeCloseTo(reference.coefficients[j]!, 6);
    });
    grouped.standardErrors.forEach((se, j) => {
      expect(se).toBeCloseTo(reference.standardErrors[j]!, 6);
    });
  });

  it('matches fitLogistic with a ridge penalty on separated data', () => {
    const x = [[10], [20], [30], [70], [80], [90]];
    const y: (0 | 1)[] = [0, 0, 0, 1, 1, 1];
    const reference = fitLogistic(x, y, { ridge: 0.01 });
    const grouped = fitGroupedLogistic({ x, successes: y, trials: [1, 1, 1, 1, 1, 1] }, { ridge: 0.01 });
    grouped.coefficients.forEach((b, j) => {
      expect(b).toBeCloseTo(reference.coefficients[j]!, 6);
    });
  });
});

describe('fitLogisticDesign', () => {
  it('is fitGroupedLogistic on a flat design with the intercept column', () => {
    const { x, y } = sample(2000, 3);
    const design = new Float64Array(x.flatMap((row) => [1, ...row]));
    const flat = fitLogisticDesign({
      design,
      predictors: 3,
      successes: Float64Array.from(y),
      trials: new Float64Array(y.length).fill(1),
    });
    expect(flat).toEqual(fitGroupedLogistic({ x, successes: y, trials: y.map(() => 1) }));
    expect(() =>
      fitLogisticDesign({
        design,
        predictors: 2,
        successes: Float64Array.from(y),
        trials: Float64Array.from(y),
      }),
    ).toThrow(RangeError);
  });
});

describe('splitAuc', () => {
  it('equals the rank AUC, ties counted ½', () => {
    const { x, y } = sample(3000, 1);
    // Coarse scores, so that many tie within and across the classes.
    const scores = x.map((row) => Math.round(row[0]! / 5));
    const positives = Float64Array.from(scores.filter((_, i) => y[i] === 1));
    const negatives = Float64Array.from(scores.filter((_, i) => y[i] === 0));
    expect(splitAuc(positives, negatives)).toBeCloseTo(auc(scores, y)!, 12);
    // By hand: positives {1, 3}, negatives {1, 2}: (½ + 2) / 4.
    expect(splitAuc(Float64Array.of(3, 1), Float64Array.of(2, 1))).toBe(0.625);
    expect(splitAuc(Float64Array.of(1), new Float64Array())).toBeNull();
  });
});

describe('groupedAuc', () => {
  it('equals the rank AUC of the expanded scores, ties counted ½', () => {
    const { x, y } = sample(2000, 1);
    const scores = x.map((row) => Math.round(row[0]!));
    const groups = new Map<number, { score: number; positives: number; negatives: number }>();
    scores.forEach((score, i) => {
      const g = groups.get(score) ?? { score, positives: 0, negatives: 0 };
      if (y[i] === 1) g.positives++;
      else g.negatives++;
      groups.set(score, g);
    });
    expect(groupedAuc([...groups.values()])).toBeCloseTo(auc(scores, y)!, 12);
  });

  it('is null when a class is empty', () => {
    expect(groupedAuc([{ score: 50, positives: 3, negatives: 0 }])).toBeNull();
  });
});
