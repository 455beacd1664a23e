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
  const ridge = options.ridge ?? 0;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
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
  const s = Float64Array.from(data.successes);
  const t = Float64Array.from(data.trials);

  const objective = (beta: Float64Array) => {
    let value = 0;
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let j = 0; j < k; j++) eta += (design[i * k + j] ?? 0) * (beta[j] ?? 0);
      // log p = −log(1 + e^−η), log(1 − p) = −log(1 + e^η), computed stably.
      const logP = -softplus(-eta);
      const logQ = -softplus(eta);
      value += (s[i] ?? 0) * logP + ((t[i] ?? 0) - (s[i] ?? 0)) * logQ;
    }
    let penalty = 0;
    for (let j = 1; j < k; j++) penalty += (beta[j] ?? 0) ** 2;
    return value - (ridge / 2) * penalty;
  };

  let beta: Float64Array = new Float64Array(k);
  let current = objective(beta);
  let iterations = 0;
  let converged = false;
  let information = new Float64Array(k * k);
  for (; iterations < maxIterations; ) {
    const gradient = new Float64Array(k);
    information = new Float64Array(k * k);
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let j = 0; j < k; j++) eta += (design[i * k + j] ?? 0) * (beta[j] ?? 0);
      const p = 1 / (1 + Math.exp(-eta));
      const residual = (s[i] ?? 0) - (t[i] ?? 0) * p;
      const w = (t[i] ?? 0) * p * (1 - p);
      for (let a = 0; a < k; a++) {
        const xa = design[i * k + a] ?? 0;
        gradient[a] = (gradient[a] ?? 0) + xa * residual;
        for (let b = 0; b <= a; b++)
          information[a * k + b] = (information[a * k + b] ?? 0) + w * xa * (design[i * k + b] ?? 0);
      }
    }
    for (let a = 0; a < k; a++)
      for (let b = 0; b < a; b++) information[b * k + a] = information[a * k + b] ?? 0;
    for (let j = 1; j < k; j++) {
      information[j * k + j] = (information[j * k + j] ?? 0) + ridge;
      gradient[j] = (gradient[j] ?? 0) - ridge * (beta[j] ?? 0);
    }
    const step = solve(information, gradient, k);
    if (!step) break;
    let accepted: Float64Array | null = null as Float64Array | null;
    let next = current;
    for (let halving = 0, scale = 1; halving < 40; halving++, scale /= 2) {
      const candidate = beta.map((b, j) => b + scale * (step[j] ?? 0));
      const value = objective(candidate);
      if (Number.isFinite(value) && value >= current - 1e-12 * Math.abs(current)) {
        accepted = candidate;
        next = value;
        break;
      }
    }
    if (!accepted) break;
    iterations++;
    const isSmall = accepted.every(
      (b, j) => Math.abs(b - (beta[j] ?? 0)) <= tolerance * Math.max(1, Math.abs(b)),
    );
    beta = accepted;
    current = next;
    if (isSmall) {
      converged = true;
      break;
    }
  }
  const inverse = invert(information, k);
  return {
    coefficients: [...beta],
    standardErrors: inverse
      ? Array.from({ length: k }, (_, j) => Math.sqrt(inverse[j * k + j] ?? Number.NaN))
      : new Array<number>(k).fill(Number.POSITIVE_INFINITY),
    iterations,
    converged,
  };
}

const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

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
