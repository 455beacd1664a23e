import type { Dialect } from '../db/connect.ts';
import type { CellSummary } from './cell-summary.ts';
import { selectCells, totalOf } from './cells.ts';
import { getOrCreate, isoDate, type ResolvedFilter } from './query.ts';
import { refreshAnalytics } from './refresh-rollups.ts';
import {
  binScoreCounts,
  predictLogistic,
  quantileOfCounts,
  type ScoreBin,
  scoreAtProbability,
  scoreAtProbabilityInterval,
  wilsonInterval,
} from './stats.ts';
import type { AnalyticsDb } from './tables.ts';
import {
  fitGroupedLogistic,
  fitLogisticDesign,
  groupedAuc,
  splitAuc,
  type WeightedFit,
} from './weighted-logistic.ts';

/** A fitted logistic curve, summarised. */
export interface CurveFit {
  /** β₀ then one slope per predictor. */
  coefficients: number[];
  standardErrors: number[];
  converged: boolean;
  /** True when the plain fit did not converge (separated data) and a small ridge penalty was used. */
  regularised: boolean;
}

export interface AcceptanceCurveResult {
  /** Decided versions with an overall score: the observations. */
  decisions: number;
  accepted: number;
  bins: ScoreBin[];
  /** P(accept | overall) = 1 / (1 + e^−(β₀ + β₁·overall)); null with fewer than two outcomes. */
  overallFit: (CurveFit & { curve: { score: number; p: number }[] }) | null;
  /** P(accept | structure, context, provenance): β₀, β_structure, β_context, β_provenance. */
  dimensionFit: (CurveFit & { auc: number | null }) | null;
  targetAcceptance: number;
  /**
   * The server's ENTERPRISE_GRADE_THRESHOLD: the overall score from which the scorer calls a report enterprise
   * grade. Returned beside the curve so a chart can show where the score's line is drawn against where
   * enterprises actually accept.
   */
  enterpriseGradeThreshold: number;
  /** The overall score at which the fitted curve reaches the target; null when it never does in [0, 100]. */
  scoreAtTarget: number | null;
  /**
   * A 95% interval for `scoreAtTarget` (delta method on the fit's covariance), within [0, 100]; null with
   * it. A threshold suggested from few decisions comes with how little it is known.
   */
  scoreAtTargetRange: { low: number; high: number } | null;
  /** AUC of the overall score against accept / not accept. */
  auc: number | null;
  weekly: {
    week: string;
    decisions: number;
    accepted: number;
    rate: number;
    low: number;
    high: number;
    medianScore: number | null;
  }[];
  /** By a contributor's nth submitted submission (the last bucket, `NTH_SUBMISSION_CAP`, holds that one and later). */
  byNthSubmission: {
    n: number;
    decisions: number;
    accepted: number;
    rate: number;
    low: number;
    high: number;
  }[];
}

/** The ridge penalty used only when the plain maximum-likelihood fit does not exist (separation). */
const FALLBACK_RIDGE = 1e-2;

/**
 * **Acceptance curve.** Observations: every decided version of the selected submissions that has an overall
 * score; outcome y = 1 when the decision was `accept` (reject and request-changes are 0).
 *
 * - *Bins*: acceptance rate per overall-score bin [0, w), [w, 2w), …, [100 − w, 100] with Wilson 95% intervals.
 * - *Logistic fit*: maximum likelihood P(accept | s) = 1 / (1 + e^−(β₀ + β₁s)) on the overall score, and
 *   P(accept | structure, context, provenance) on the three dimension scores (with its in-sample AUC).
 *   If the data are separated the estimate does not exist; then a ridge of 0.01 on the slopes is used and
 *   `regularised` says so.
 * - *Score at target*: s* = (logit(target) − β₀) / β₁, null outside [0, 100].
 * - *AUC*: P(score of a random accepted version > that of a random not-accepted one), ties ½.
 * - *Weekly*: per UTC week of the decision, acceptance rate (Wilson 95%) and the median overall score.
 * - *By nth submission*: submissions of each contributor numbered 1, 2, … by the time of their first
 *   submit (over all their submissions, not only the selected ones); acceptance rate of decided
 *   submissions at each n, where a submission counts as accepted when any of its versions was accepted.
 */
export async function computeAcceptanceCurve(
  db: AnalyticsDb,
  dialect: Dialect,
  filter: ResolvedFilter,
  options: { targetAcceptance: number; binWidth: number; enterpriseGradeThreshold: number },
): Promise<AcceptanceCurveResult> {
  await refreshAnalytics(db, dialect);
  const { cells } = await selectCells(db, filter, { split: 'week', curve: true });

  const byScore = new Map<number, { score: number; positives: number; negatives: number }>();
  const weeks = new Map<number, { decisions: number; accepted: number; scores: Map<number, number> }>();
  const curves = cells.flatMap((cell) => (cell.curve ? [cell.curve] : []));
  for (const [week, score, n, acceptedCount] of curves.flatMap((curve) => curve.groups)) {
    const overall = clampScore(score);
    const group = getOrCreate(byScore, overall, () => ({ score: overall, positives: 0, negatives: 0 }));
    group.positives += acceptedCount;
    group.negatives += n - acceptedCount;
    const bucket = getOrCreate(weeks, week, () => ({
      decisions: 0,
      accepted: 0,
      scores: new Map(),
    }));
    bucket.decisions += n;
    bucket.accepted += acceptedCount;
    bucket.scores.set(overall, (bucket.scores.get(overall) ?? 0) + n);
  }
  const groups = [...byScore.values()];
  const accepted = groups.reduce((sum, g) => sum + g.positives, 0);
  const total = groups.reduce((sum, g) => sum + g.positives + g.negatives, 0);
  const overall =
    accepted > 0 && accepted < total
      ? fitWithFallback((options) =>
          fitGroupedLogistic(
            {
              x: groups.map((g) => [g.score]),
              successes: groups.map((g) => g.positives),
              trials: groups.map((g) => g.positives + g.negatives),
            },
            options,
          ),
        )
      : null;
  // Every decision's three dimension scores as one flat design (1, structure, context, provenance): tens of
  // thousands of rows, so no array per row.
  const m = curves.reduce((sum, curve) => sum + curve.dimensions.length / 4, 0);
  const design = new Float64Array(m * 4);
  const successes = new Float64Array(m);
  let i = 0;
  for (const { dimensions } of curves) {
    for (let j = 0; j < dimensions.length; j += 4, i++) {
      design[i * 4] = 1;
      design[i * 4 + 1] = dimensions[j] as number;
      design[i * 4 + 2] = dimensions[j + 1] as number;
      design[i * 4 + 3] = dimensions[j + 2] as number;
      successes[i] = dimensions[j + 3] as number;
    }
  }
  const dimensionData = { design, predictors: 3, successes, trials: new Float64Array(m).fill(1) };
  const dimensionAccepted = successes.reduce((a, b) => a + b, 0);
  const dimensions =
    dimensionAccepted > 0 && dimensionAccepted < m
      ? fitWithFallback((options) => fitLogisticDesign(dimensionData, options))
      : null;
  const [b0 = 0, b1 = 0] = overall?.coefficients ?? [];

  return {
    decisions: total,
    accepted,
    bins: binScoreCounts(groups, options.binWidth),
    overallFit: overall && {
      ...withoutCovariance(overall),
      curve: Array.from({ length: 21 }, (_, i) => ({ score: i * 5, p: predictLogistic([b0, b1], [i * 5]) })),
    },
    dimensionFit: dimensions && {
      ...withoutCovariance(dimensions),
      auc: dimensionAuc(dimensionData, dimensions.coefficients),
    },
    targetAcceptance: options.targetAcceptance,
    enterpriseGradeThreshold: options.enterpriseGradeThreshold,
    scoreAtTarget: overall ? scoreAtProbability(b0, b1, options.targetAcceptance) : null,
    scoreAtTargetRange:
      overall?.covariance != null
        ? scoreAtProbabilityInterval(b0, b1, overall.covariance, options.targetAcceptance)
        : null,
    auc: groupedAuc(groups),
    weekly: [...weeks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([week, bucket]) => ({
        week: isoDate(week),
        decisions: bucket.decisions,
        accepted: bucket.accepted,
        ...wilsonInterval(bucket.accepted, bucket.decisions),
        medianScore: quantileOfCounts(
          [...bucket.scores.entries()].sort(([a], [b]) => a - b),
          0.5,
        ),
      })),
    byNthSubmission: byNthSubmission(totalOf(cells)),
  };
}

function fitWithFallback(fit: (options: { ridge?: number }) => WeightedFit): CurveFit & Covariance {
  const plain = fit({});
  if (plain.converged) {
    return {
      coefficients: plain.coefficients,
      standardErrors: plain.standardErrors,
      covariance: plain.covariance,
      converged: true,
      regularised: false,
    };
  }
  const ridged = fit({ ridge: FALLBACK_RIDGE });
  return {
    coefficients: ridged.coefficients,
    standardErrors: ridged.standardErrors,
    covariance: ridged.covariance,
    converged: ridged.converged,
    regularised: true,
  };
}

/** A fit's coefficient covariance: used for intervals here, not sent (the standard errors are). */
interface Covariance {
  covariance: number[] | null;
}

function withoutCovariance<T extends Covariance>({ covariance: _, ...fit }: T): Omit<T, 'covariance'> {
  return fit;
}

/** In-sample AUC of the dimension fit: its predicted probability of each decision against the decision. */
function dimensionAuc(
  data: { design: Float64Array; successes: Float64Array },
  coefficients: number[],
): number | null {
  const accepted: number[] = [];
  const others: number[] = [];
  const x = [0, 0, 0];
  for (let i = 0; i < data.successes.length; i++) {
    x[0] = data.design[i * 4 + 1] as number;
    x[1] = data.design[i * 4 + 2] as number;
    x[2] = data.design[i * 4 + 3] as number;
    (data.successes[i] === 1 ? accepted : others).push(predictLogistic(coefficients, x));
  }
  return splitAuc(Float64Array.from(accepted), Float64Array.from(others));
}

const clampScore = (score: number) => Math.min(100, Math.max(0, score));

/** Acceptance by a contributor's nth submission, from the cells' counts. */
function byNthSubmission(summary: CellSummary) {
  return [...summary.nthDecided.entries()]
    .sort(([a], [b]) => a - b)
    .map(([n, decisions]) => {
      const acceptedCount = summary.nthAccepted.get(n) ?? 0;
      return { n, decisions, accepted: acceptedCount, ...wilsonInterval(acceptedCount, decisions) };
    });
}
