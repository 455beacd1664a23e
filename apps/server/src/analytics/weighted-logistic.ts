// A fast weighted logistic fit for the acceptance curve. `stats.fitLogistic` is the reference implementation
// (checked against a published result); this one takes binomial counts per covariate pattern and works on
// typed arrays, so a fit over 100,000 decisions grouped by score takes milliseconds. Its test pins it to
// `fitLogistic` on the expanded data.

/** Observations grouped by covariate pattern: `x` row i was seen `trials[i]` times, `successes[i]` accepted. */
export interface GroupedObservations {
  x: number[][];
  successes: number[];
  trials: number[];
}

export interface WeightedFit {
  coefficients: number[];
  standardErrors: number[];
  /**
   * The coefficients' covariance, row by row (k × k, k = predictors + 1): the inverse of the information
   * matrix. Null when that matrix is singular. Intervals of functions of several coefficients need it, not
   * only the standard errors (β₀ and β₁ of a score curve are strongly correlated).
   */
  covariance: number[] | null;
  iterations: number;
  converged: boolean;
}

/**
 * Maximum likelihood for P(y = 1 | x) = 1 / (1 + e^−(β₀ + β·x)) on grouped binomial data, by Newton–Raphson:
 * β ← β + (XᵀWX + λD)⁻¹ (Xᵀ(s − t·p) − λDβ), W = diag(tᵢpᵢ(1 − pᵢ)), D the identity without the intercept,
 * with step halving when the penalised log-likelihood would fall. Same model and stopping rule as
 * `fitLogistic`, so equal data give equal coefficients.
 */
export function fitGroupedLogistic(
  data: GroupedObservations,
  options: { ridge?: number; maxIterations?: number; tolerance?: number } = {},
): WeightedFit {
  const n = data.x.length;
  if (n === 0) throw new RangeError('cannot fit a logistic regression to no observations');
  const k = (data.x[0]?.length ?? 0) + 1;
  const design = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = data.x[i] ?? [];
    if (row.length !== k - 1)
      throw new RangeError(`row ${i} has ${row.length} predictors, expected ${k - 1}`);
    design[i * k] = 1;
    for (let j = 1; j < k; j++) design[i * k + j] = row[j - 1] ?? 0;
  }
  return fitLogisticDesign(
    {
      design,
      predictors: k - 1,
      successes: Float64Array.from(data.successes),
      trials: Float64Array.from(data.trials),
    },
    options,
  );
}

/**
 * {@link fitGroupedLogistic} on a flat design: row i is `design[i·(p+1) … i·(p+1)+p]`, a 1 (the intercept)
 * then its p predictors. For many rows (every decision's three dimension scores) this spares an array per row.
 */
export function fitLogisticDesign(
  data: { design: Float64Array; predictors: number; successes: Float64Array; trials: Float64Array },
  options: { ridge?: number; maxIterations?: number; tolerance?: number } = {},
): WeightedFit {
  const ridge = options.ridge ?? 0;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const { design, successes: s, trials: t } = data;
  const k = data.predictors + 1;
  const n = s.length;
  if (n === 0) throw new RangeError('cannot fit a logistic regression to no observations');
  if (design.length !== n * k || t.length !== n) {
    throw new RangeError(`a design of ${design.length} values does not hold ${n} rows of ${k}`);
  }

  // One pass over the rows gives the penalised log-likelihood, its gradient and the information matrix at β:
  // the line search's evaluation of an accepted step is the next Newton step's too.
  const evaluate = (beta: Float64Array) => {
    let value = 0;
    const gradient = new Float64Array(k);
    const information = new Float64Array(k * k);
    for (let i = 0; i < n; i++) {
      const row = i * k;
      let eta = 0;
      for (let j = 0; j < k; j++) eta += (design[row + j] as number) * (beta[j] as number);
      // With e = e^−|η|: log p = −log(1 + e^−η) and log(1 − p) = log p − η, computed stably; p likewise.
      const e = Math.exp(-Math.abs(eta));
      const l = Math.log1p(e);
      const logP = eta >= 0 ? -l : eta - l;
      const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      const si = s[i] as number;
      const ti = t[i] as number;
      value += si * logP + (ti - si) * (logP - eta);
      const residual = si - ti * p;
      const w = ti * p * (1 - p);
      for (let a = 0; a < k; a++) {
        const xa = design[row + a] as number;
        gradient[a] = (gradient[a] as number) + xa * residual;
        const wxa = w * xa;
        for (let b = 0; b <= a; b++)
          information[a * k + b] = (information[a * k + b] as number) + wxa * (design[row + b] as number);
      }
    }
    for (let a = 0; a < k; a++)
      for (let b = 0; b < a; b++) information[b * k + a] = information[a * k + b] as number;
    let penalty = 0;
    for (let j = 1; j < k; j++) {
      const bj = beta[j] as number;
      penalty += bj * bj;
      information[j * k + j] = (information[j * k + j] as number) + ridge;
      gradient[j] = (gradient[j] as number) - ridge * bj;
    }
    return { value: value - (ridge / 2) * penalty, gradient, information };
  };

  let beta: Float64Array = new Float64Array(k);
  let current = evaluate(beta);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; ) {
    const step = solve(current.information, current.gradient, k);
    if (!step) break;
    let accepted: { beta: Float64Array; at: ReturnType<typeof evaluate> } | null = null;
    for (let halving = 0, scale = 1; halving < 40; halving++, scale /= 2) {
      const candidate = beta.map((b, j) => b + scale * (step[j] ?? 0));
      const at = evaluate(candidate);
      if (Number.isFinite(at.value) && at.value >= current.value - 1e-12 * Math.abs(current.value)) {
        accepted = { beta: candidate, at };
        break;
      }
    }
    if (!accepted) break;
    iterations++;
    const isSmall = accepted.beta.every(
      (b, j) => Math.abs(b - (beta[j] ?? 0)) <= tolerance * Math.max(1, Math.abs(b)),
    );
    beta = accepted.beta;
    current = accepted.at;
    if (isSmall) {
      converged = true;
      break;
    }
  }
  const information = current.information;
  const inverse = invert(information, k);
  return {
    coefficients: [...beta],
    standardErrors: inverse
      ? Array.from({ length: k }, (_, j) => Math.sqrt(inverse[j * k + j] ?? Number.NaN))
      : new Array<number>(k).fill(Number.POSITIVE_INFINITY),
    covariance: inverse ? [...inverse] : null,
    iterations,
    converged,
  };
}

/** Solves A·x = b (A symmetric positive definite, k ≤ 5) by Gaussian elimination with partial pivoting. */
function solve(matrix: Float64Array, rhs: Float64Array, k: number): Float64Array | null {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++)
      if (Math.abs(a[r * k + col] ?? 0) > Math.abs(a[pivot * k + col] ?? 0)) pivot = r;
    const p = a[pivot * k + col] ?? 0;
    if (!(Math.abs(p) > 1e-300)) return null;
    if (pivot !== col) {
      for (let c = 0; c < k; c++)
        [a[col * k + c], a[pivot * k + c]] = [a[pivot * k + c] ?? 0, a[col * k + c] ?? 0];
      [b[col], b[pivot]] = [b[pivot] ?? 0, b[col] ?? 0];
    }
    for (let r = col + 1; r < k; r++) {
      const f = (a[r * k + col] ?? 0) / p;
      for (let c = col; c < k; c++) a[r * k + c] = (a[r * k + c] ?? 0) - f * (a[col * k + c] ?? 0);
      b[r] = (b[r] ?? 0) - f * (b[col] ?? 0);
    }
  }
  const x = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let sum = b[r] ?? 0;
    for (let c = r + 1; c < k; c++) sum -= (a[r * k + c] ?? 0) * (x[c] ?? 0);
    x[r] = sum / (a[r * k + r] ?? 1);
  }
  return x;
}

function invert(matrix: Float64Array, k: number): Float64Array | null {
  const inverse = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    const unit = new Float64Array(k);
    unit[c] = 1;
    const column = solve(matrix, unit, k);
    if (!column) return null;
    for (let r = 0; r < k; r++) inverse[r * k + c] = column[r] ?? 0;
  }
  return inverse;
}

/**
 * AUC from scores grouped with their positive and negative counts: Σₛ pos(s)·(neg(< s) + ½·neg(s)) / (P·N),
 * the Mann–Whitney statistic with ties counted ½ (equal to `stats.auc` on the expanded data). Null when a
 * class is empty.
 */
export function groupedAuc(groups: { score: number; positives: number; negatives: number }[]): number | null {
  const sorted = [...groups].sort((a, b) => a.score - b.score);
  let positives = 0;
  let negatives = 0;
  for (const g of sorted) {
    positives += g.positives;
    negatives += g.negatives;
  }
  if (positives === 0 || negatives === 0) return null;
  let below = 0;
  let sum = 0;
  for (let i = 0; i < sorted.length; ) {
    const score = sorted[i]?.score;
    let pos = 0;
    let neg = 0;
    while (i < sorted.length && sorted[i]?.score === score) {
      pos += sorted[i]?.positives ?? 0;
      neg += sorted[i]?.negatives ?? 0;
      i++;
    }
    sum += pos * (below + neg / 2);
    below += neg;
  }
  return sum / (positives * negatives);
}

/**
 * The same AUC for observations of one trial each, given as the scores of the positives and of the
 * negatives: Σ over positives of (negatives below + ½ negatives equal) / (P·N). Sorting two typed arrays
 * keeps it fast for every decision's fitted probability. Null when a class is empty.
 */
export function splitAuc(positives: Float64Array, negatives: Float64Array): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  const pos = Float64Array.from(positives).sort();
  const neg = Float64Array.from(negatives).sort();
  let below = 0;
  let sum = 0;
  for (let i = 0; i < pos.length; ) {
    const score = pos[i] as number;
    let ties = 0;
    while (i < pos.length && pos[i] === score) {
      ties++;
      i++;
    }
    while (below < neg.length && (neg[below] as number) < score) below++;
    let equal = 0;
    while (below + equal < neg.length && neg[below + equal] === score) equal++;
    sum += ties * (below + equal / 2);
  }
  return sum / (pos.length * neg.length);
}
