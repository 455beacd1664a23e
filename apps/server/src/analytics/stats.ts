// Pure statistics for the operator analytics ("Metrics operators watch" in DESIGN.md): Wilson intervals for
// acceptance rates, a logistic fit of P(accept | score), the score's AUC against decisions, quantiles and
// score bins. No I/O; every function validates its input and throws a RangeError naming what was wrong.

/** A proportion with its confidence interval. */
export interface ProportionInterval {
  rate: number;
  low: number;
  high: number;
}

/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal distribution. */
const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; "method 3" in Newcombe 1998,
 * Statistics in Medicine 17:857–872):
 *
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half-width = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
 *
 * with p̂ = successes / trials. Bounds are clamped to [0, 1] against rounding. With `trials` = 0 there is no
 * information, so the result is `{ rate: 0, low: 0, high: 1 }`: the whole range, never NaN.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): ProportionInterval {
  if (!Number.isInteger(trials) || trials < 0) {
    throw new RangeError(`trials must be a non-negative integer, got ${trials}`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`successes must be an integer in [0, ${trials}], got ${successes}`);
  }
  if (!(Number.isFinite(z) && z > 0)) throw new RangeError(`z must be a positive number, got ${z}`);
  if (trials === 0) return { rate: 0, low: 0, high: 1 };

  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    rate: p,
    low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: successes === n ? 1 : Math.min(1, centre + halfWidth),
  };
}

/** Options for {@link fitLogistic}. */
export interface LogisticOptions {
  /** Newton–Raphson iterations at most (default 100). */
  maxIterations?: number;
  /** Converged when every step |Δβⱼ| ≤ tolerance · max(1, |βⱼ|) (default 1e-10). */
  tolerance?: number;
  /** L2 penalty λ on the slopes (not the intercept): maximises ℓ(β) − λ/2 · Σⱼ≥₁ βⱼ² (default 0). */
  ridge?: number;
}

/** The result of {@link fitLogistic}. */
export interface LogisticFit {
  /** β: the intercept first, then one slope per predictor column. */
  coefficients: number[];
  /** √diag(I(β)⁻¹), from the (penalised) observed information at the returned β; Infinity if it is singular. */
  standardErrors: number[];
  /** Newton steps taken. */
  iterations: number;
  /** False when the fit stopped without meeting the tolerance (e.g. perfect separation with no ridge). */
  converged: boolean;
  /** The unpenalised log-likelihood ℓ(β) = Σ yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ) at the returned β. */
  logLikelihood: number;
}

/**
 * Logistic regression P(y = 1 | x) = 1 / (1 + e^−(β₀ + β·x)) by maximum likelihood, fitted by
 * Newton–Raphson (equivalently iteratively reweighted least squares): β ← β + (XᵀWX + λD)⁻¹ (Xᵀ(y − p) − λDβ)
 * with W = diag(pᵢ(1 − pᵢ)) and D the identity without its intercept entry, solved by Cholesky
 * factorisation and step-halved whenever the penalised log-likelihood would fall.
 *
 * Under perfect or quasi-complete separation the maximum-likelihood estimate does not exist: with `ridge` 0
 * the slopes grow each step until `maxIterations`, and the result has `converged: false` and finite (large)
 * numbers. A small `ridge` (e.g. 1e-3) makes the estimate exist. Standard errors are those of the Wald test,
 * √diag((XᵀWX + λD)⁻¹).
 *
 * @param x one row per observation, each a vector of k predictors (the intercept is added here)
 * @param y the outcome of each row, 0 or 1
 */
export function fitLogistic(x: number[][], y: (0 | 1)[], opts: LogisticOptions = {}): LogisticFit {
  const maxIterations = opts.maxIterations ?? 100;
  const tolerance = opts.tolerance ?? 1e-10;
  const ridge = opts.ridge ?? 0;
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new RangeError(`maxIterations must be a non-negative integer, got ${maxIterations}`);
  }
  if (!(tolerance > 0)) throw new RangeError(`tolerance must be positive, got ${tolerance}`);
  if (!(Number.isFinite(ridge) && ridge >= 0)) throw new RangeError(`ridge must be ≥ 0, got ${ridge}`);
  if (x.length !== y.length) {
    throw new RangeError(`x has ${x.length} rows but y has ${y.length} outcomes`);
  }
  if (x.length === 0) throw new RangeError('cannot fit a logistic regression to no observations');

  const k = x[0]?.length ?? 0;
  const design: number[][] = x.map((row, i) => {
    if (row.length !== k) throw new RangeError(`row ${i} has ${row.length} predictors, expected ${k}`);
    for (const value of row) {
      if (!Number.isFinite(value)) throw new RangeError(`row ${i} has a non-finite predictor ${value}`);
    }
    return [1, ...row];
  });
  y.forEach((outcome, i) => {
    if (outcome !== 0 && outcome !== 1) throw new RangeError(`y[${i}] must be 0 or 1, got ${outcome}`);
  });

  const size = k + 1;
  let beta = new Array<number>(size).fill(0);
  let state = evaluateLogistic(design, y, beta, ridge);
  let factor = choleskyFactor(state.information);
  let iterations = 0;
  let converged = false;

  while (factor && iterations < maxIterations) {
    const step = choleskySolve(factor, state.gradient);
    let accepted: { beta: number[]; state: LogisticState; factor: number[][] } | null = null;
    let scale = 1;
    for (let halving = 0; halving < 40 && !accepted; halving++, scale /= 2) {
      const candidate = beta.map((b, j) => b + scale * (step[j] ?? 0));
      const candidateState = evaluateLogistic(design, y, candidate, ridge);
      // Allow rounding noise: at the optimum a full Newton step can change ℓ by one ulp either way.
      const floor = state.objective - 1e-12 * Math.abs(state.objective);
      if (!(Number.isFinite(candidateState.objective) && candidateState.objective >= floor)) continue;
      const candidateFactor = choleskyFactor(candidateState.information);
      if (candidateFactor) accepted = { beta: candidate, state: candidateState, factor: candidateFactor };
    }
    if (!accepted) break;

    iterations++;
    const isSmallStep = accepted.beta.every(
      (b, j) => Math.abs(b - (beta[j] ?? 0)) <= tolerance * Math.max(1, Math.abs(b)),
    );
    beta = accepted.beta;
    state = accepted.state;
    factor = accepted.factor;
    if (isSmallStep) {
      converged = true;
      break;
    }
  }

  const standardErrors = factor
    ? inverseDiagonal(factor).map((v) => Math.sqrt(v))
    : new Array<number>(size).fill(Number.POSITIVE_INFINITY);
  return { coefficients: beta, standardErrors, iterations, converged, logLikelihood: state.logLikelihood };
}

/**
 * The fitted probability 1 / (1 + e^−η), η = β₀ + Σⱼ βⱼ₊₁ xⱼ, for coefficients from {@link fitLogistic}.
 */
export function predictLogistic(coefficients: number[], x: number[]): number {
  if (coefficients.length !== x.length + 1) {
    throw new RangeError(`expected ${coefficients.length - 1} predictors, got ${x.length}`);
  }
  return logistic(linearPredictor(coefficients, x));
}

/**
 * The score s at which a one-predictor fit P(accept | s) = 1 / (1 + e^−(β₀ + β₁s)) equals p:
 * s = (logit(p) − β₀) / β₁ with logit(p) = ln(p / (1 − p)). Null when the slope is 0, when p is not strictly
 * between 0 and 1 (the curve never reaches it), or when s falls outside the score range [0, 100].
 */
export function scoreAtProbability(intercept: number, slope: number, p: number): number | null {
  if (slope === 0 || !(p > 0 && p < 1)) return null;
  const score = (Math.log(p / (1 - p)) - intercept) / slope;
  return Number.isFinite(score) && score >= 0 && score <= 100 ? score : null;
}

/**
 * A 95% interval for {@link scoreAtProbability}'s score, by the delta method: s = (logit(p) − β₀) / β₁ has
 *
 *   Var(s) ≈ (Var β₀ + 2s·Cov(β₀, β₁) + s²·Var β₁) / β₁²
 *
 * from the fit's covariance `[Var β₀, Cov, Cov, Var β₁]` (row by row). Bounds are clamped to [0, 100], the
 * score's range. Null when the score is, or when the variance is not a finite non-negative number (a
 * singular fit). With few decisions the interval is wide: that width is the caution a suggested
 * threshold needs.
 */
export function scoreAtProbabilityInterval(
  intercept: number,
  slope: number,
  covariance: readonly number[],
  p: number,
  z = Z_95,
): { low: number; high: number } | null {
  const score = scoreAtProbability(intercept, slope, p);
  if (score === null) return null;
  if (covariance.length !== 4)
    throw new RangeError(`covariance must be 2 × 2, got ${covariance.length} values`);
  const [v00, v01, , v11] = covariance as [number, number, number, number];
  const variance = (v00 + 2 * score * v01 + score * score * v11) / (slope * slope);
  if (!(Number.isFinite(variance) && variance >= 0)) return null;
  const half = z * Math.sqrt(variance);
  return { low: Math.max(0, score - half), high: Math.min(100, score + half) };
}

/**
 * Area under the ROC curve of `scores` against `labels`, computed as the Mann–Whitney statistic
 * AUC = (R₁ − n₁(n₁ + 1)/2) / (n₁n₀), where R₁ is the sum of the positives' ranks among all scores with tied
 * scores given their mean rank. It equals P(score of a random positive > score of a random negative) with
 * ties counted 1/2. O(n log n). Null when either class is empty.
 */
export function auc(scores: number[], labels: (0 | 1)[]): number | null {
  if (scores.length !== labels.length) {
    throw new RangeError(`${scores.length} scores but ${labels.length} labels`);
  }
  scores.forEach((score, i) => {
    if (Number.isNaN(score)) throw new RangeError(`scores[${i}] is NaN`);
  });
  let positives = 0;
  labels.forEach((label, i) => {
    if (label !== 0 && label !== 1) throw new RangeError(`labels[${i}] must be 0 or 1, got ${label}`);
    positives += label;
  });
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return null;

  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    const value = scores[order[start] ?? 0];
    let end = start + 1;
    while (end < order.length && scores[order[end] ?? 0] === value) end++;
    // Ranks are 1-based: the tied run start..end-1 shares the mean of ranks start+1..end.
    const meanRank = (start + 1 + end) / 2;
    for (let r = start; r < end; r++) positiveRankSum += labels[order[r] ?? 0] === 1 ? meanRank : 0;
    start = end;
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * The q-quantile of ascending `sortedValues` by linear interpolation between order statistics (Hyndman &
 * Fan 1996 type 7, the default of R's `quantile` and numpy's `quantile`): with h = (n − 1)q,
 * Q(q) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎), 0-based. The input must already be sorted. Null when empty.
 */
export function quantile(sortedValues: ArrayLike<number>, q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`);
  const n = sortedValues.length;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lower = Math.floor(h);
  const below = sortedValues[lower] ?? Number.NaN;
  const above = sortedValues[Math.min(lower + 1, n - 1)] ?? Number.NaN;
  return below + (h - lower) * (above - below);
}

/**
 * {@link quantile} of values given with their counts (`[value, count]`, ascending by value), as if each value
 * were repeated `count` times. Null when the counts sum to 0.
 */
export function quantileOfCounts(sortedCounts: [number, number][], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`);
  const n = sortedCounts.reduce((sum, [, count]) => sum + count, 0);
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lower = Math.floor(h);
  // The values at 0-based positions `lower` and `lower + 1` of the expanded list.
  const at = (position: number) => {
    let seen = 0;
    for (const [value, count] of sortedCounts) {
      seen += count;
      if (position < seen) return value;
    }
    return sortedCounts[sortedCounts.length - 1]?.[0] ?? Number.NaN;
  };
  const below = at(lower);
  const above = at(Math.min(lower + 1, n - 1));
  return below + (h - lower) * (above - below);
}

/** One score bin of {@link binScores}. */
export interface ScoreBin {
  low: number;
  high: number;
  n: number;
  accepted: number;
  rate: number;
  ci: { low: number; high: number };
}

/**
 * Acceptance by score bin over [0, 100]: bins [0, w), [w, 2w), …, with the last bin closed so that a score of
 * 100 counts (and, when w does not divide 100, ending at 100). Each bin has its count, acceptances, rate and
 * Wilson 95% interval ({@link wilsonInterval}); an empty bin has rate 0 and interval [0, 1].
 */
export function binScores(scores: number[], accepted: (0 | 1)[], binWidth = 10): ScoreBin[] {
  if (scores.length !== accepted.length) {
    throw new RangeError(`${scores.length} scores but ${accepted.length} decisions`);
  }
  return binScoreCounts(
    scores.map((score, i) => {
      const outcome = accepted[i];
      if (outcome !== 0 && outcome !== 1)
        throw new RangeError(`accepted[${i}] must be 0 or 1, got ${outcome}`);
      return { score, positives: outcome, negatives: 1 - outcome };
    }),
    binWidth,
  );
}

/**
 * {@link binScores} on observations grouped by score: each group is a score with how many of its
 * decisions were acceptances (`positives`) and how many were not (`negatives`).
 */
export function binScoreCounts(
  groups: { score: number; positives: number; negatives: number }[],
  binWidth = 10,
): ScoreBin[] {
  if (!(binWidth > 0 && binWidth <= 100))
    throw new RangeError(`binWidth must be in (0, 100], got ${binWidth}`);
  const binCount = Math.ceil(100 / binWidth);
  const counts = new Array<number>(binCount).fill(0);
  const acceptances = new Array<number>(binCount).fill(0);
  groups.forEach(({ score, positives, negatives }, i) => {
    if (!(score >= 0 && score <= 100)) throw new RangeError(`scores[${i}] must be in [0, 100], got ${score}`);
    const bin = Math.min(Math.floor(score / binWidth), binCount - 1);
    counts[bin] = (counts[bin] ?? 0) + positives + negatives;
    acceptances[bin] = (acceptances[bin] ?? 0) + positives;
  });
  return counts.map((n, bin) => {
    const hits = acceptances[bin] ?? 0;
    const interval = wilsonInterval(hits, n);
    return {
      low: bin * binWidth,
      high: bin === binCount - 1 ? 100 : (bin + 1) * binWidth,
      n,
      accepted: hits,
      rate: interval.rate,
      ci: { low: interval.low, high: interval.high },
    };
  });
}

interface LogisticState {
  logLikelihood: number;
  /** ℓ(β) − λ/2 · Σⱼ≥₁ βⱼ², the quantity maximised. */
  objective: number;
  gradient: number[];
  information: number[][];
}

function evaluateLogistic(design: number[][], y: (0 | 1)[], beta: number[], ridge: number): LogisticState {
  const size = beta.length;
  const gradient = new Array<number>(size).fill(0);
  const information = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let logLikelihood = 0;
  design.forEach((row, i) => {
    const eta = dot(beta, row);
    // p and 1 − p computed separately so neither cancels to 0 when |η| is large.
    const e = Math.exp(-Math.abs(eta));
    const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
    const q = eta >= 0 ? e / (1 + e) : 1 / (1 + e);
    const isPositive = y[i] === 1;
    // log p = −softplus(−η), log(1 − p) = −softplus(η), softplus(t) = max(t, 0) + log1p(e^−|t|).
    logLikelihood -= Math.max(isPositive ? -eta : eta, 0) + Math.log1p(e);
    const residual = isPositive ? q : -p;
    const weight = p * q;
    for (let a = 0; a < size; a++) {
      const xa = row[a] ?? 0;
      gradient[a] = (gradient[a] ?? 0) + xa * residual;
      const target = information[a];
      if (!target) continue;
      for (let b = 0; b <= a; b++) target[b] = (target[b] ?? 0) + weight * xa * (row[b] ?? 0);
    }
  });
  let penalty = 0;
  for (let a = 0; a < size; a++) {
    const target = information[a];
    if (!target) continue;
    for (let b = a + 1; b < size; b++) target[b] = information[b]?.[a] ?? 0;
    if (a > 0 && ridge > 0) {
      const b = beta[a] ?? 0;
      penalty += (ridge / 2) * b * b;
      gradient[a] = (gradient[a] ?? 0) - ridge * b;
      target[a] = (target[a] ?? 0) + ridge;
    }
  }
  return { logLikelihood, objective: logLikelihood - penalty, gradient, information };
}

/** Lower-triangular L with A = LLᵀ, or null when A is not (numerically) positive definite. */
function choleskyFactor(matrix: number[][]): number[][] | null {
  const size = matrix.length;
  const lower = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let j = 0; j < size; j++) {
    const rowJ = lower[j] ?? [];
    const diagonal = matrix[j]?.[j] ?? 0;
    let sum = diagonal;
    for (let m = 0; m < j; m++) sum -= (rowJ[m] ?? 0) ** 2;
    // A pivot lost to rounding relative to its diagonal means the matrix is singular in double precision.
    if (!(sum > 1e-13 * Math.abs(diagonal)) || !Number.isFinite(sum)) return null;
    const pivot = Math.sqrt(sum);
    rowJ[j] = pivot;
    for (let i = j + 1; i < size; i++) {
      const rowI = lower[i] ?? [];
      let value = matrix[i]?.[j] ?? 0;
      for (let m = 0; m < j; m++) value -= (rowI[m] ?? 0) * (rowJ[m] ?? 0);
      rowI[j] = value / pivot;
    }
  }
  return lower;
}

/** Solves LLᵀz = b by forward then back substitution. */
function choleskySolve(lower: number[][], b: number[]): number[] {
  const size = lower.length;
  const w = new Array<number>(size).fill(0);
  for (let i = 0; i < size; i++) {
    let value = b[i] ?? 0;
    for (let m = 0; m < i; m++) value -= (lower[i]?.[m] ?? 0) * (w[m] ?? 0);
    w[i] = value / (lower[i]?.[i] ?? 1);
  }
  const z = new Array<number>(size).fill(0);
  for (let i = size - 1; i >= 0; i--) {
    let value = w[i] ?? 0;
    for (let m = i + 1; m < size; m++) value -= (lower[m]?.[i] ?? 0) * (z[m] ?? 0);
    z[i] = value / (lower[i]?.[i] ?? 1);
  }
  return z;
}

/** diag(A⁻¹) from A's Cholesky factor, one unit-vector solve per column (k is small). */
function inverseDiagonal(lower: number[][]): number[] {
  return lower.map((_, j) => {
    const unit = lower.map((__, i) => (i === j ? 1 : 0));
    return choleskySolve(lower, unit)[j] ?? Number.NaN;
  });
}

function linearPredictor(coefficients: number[], x: number[]): number {
  return x.reduce((eta, value, j) => eta + (coefficients[j + 1] ?? 0) * value, coefficients[0] ?? 0);
}

function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function logistic(eta: number): number {
  const e = Math.exp(-Math.abs(eta));
  return eta >= 0 ? 1 / (1 + e) : e / (1 + e);
}
