import { sql } from 'kysely';
import type { Dialect } from '../db/connect.ts';
import {
  getOrCreate,
  isoDate,
  isSelectedSubmission,
  type ResolvedFilter,
  sortAscending,
  weekStart,
} from './query.ts';
import { refreshAnalytics } from './refresh-rollups.ts';
import {
  auc,
  binScores,
  fitLogistic,
  type LogisticFit,
  predictLogistic,
  quantile,
  type ScoreBin,
  scoreAtProbability,
  wilsonInterval,
} from './stats.ts';
import type { AnalyticsDb } from './tables.ts';

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
  /** The overall score at which the fitted curve reaches the target; null when it never does in [0, 100]. */
  scoreAtTarget: number | null;
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
  /** By a contributor's nth submitted submission (the last bucket is `capN` and later). */
  byNthSubmission: {
    n: number;
    decisions: number;
    accepted: number;
    rate: number;
    low: number;
    high: number;
  }[];
}

const CAP_N = 10;
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
  options: { targetAcceptance: number; binWidth: number },
): Promise<AcceptanceCurveResult> {
  await refreshAnalytics(db, dialect);
  const rows = await db
    .selectFrom('review as r')
    .innerJoin('submission_version as v', 'v.id', 'r.version_id')
    .innerJoin('submission as s', 's.id', 'v.submission_id')
    .where((eb) => isSelectedSubmission(eb, filter))
    .where('v.score_overall', 'is not', null)
    .select([
      'v.score_overall as overall',
      'v.score_structure as structure',
      'v.score_context as context',
      'v.score_provenance as provenance',
      'r.created_at as decidedAt',
      sql<number>`case when r.decision = 'accept' then 1 else 0 end`.as('y'),
    ])
    .execute();

  const scores: number[] = [];
  const outcomes: (0 | 1)[] = [];
  const dimensionRows: number[][] = [];
  const dimensionOutcomes: (0 | 1)[] = [];
  const weeks = new Map<number, { decisions: number; accepted: number; scores: number[] }>();
  for (const row of rows) {
    const overall = clampScore(Number(row.overall));
    const y = Number(row.y) === 1 ? 1 : 0;
    scores.push(overall);
    outcomes.push(y);
    if (row.structure !== null && row.context !== null && row.provenance !== null) {
      dimensionRows.push([Number(row.structure), Number(row.context), Number(row.provenance)]);
      dimensionOutcomes.push(y);
    }
    const week = weekStart(Number(row.decidedAt));
    const bucket = getOrCreate(weeks, week, () => ({ decisions: 0, accepted: 0, scores: [] as number[] }));
    bucket.decisions++;
    bucket.accepted += y;
    bucket.scores.push(overall);
  }
  const accepted = outcomes.reduce<number>((sum, y) => sum + y, 0);
  const hasBothOutcomes = accepted > 0 && accepted < outcomes.length;

  const overall = hasBothOutcomes
    ? fitWithFallback(
        scores.map((s) => [s]),
        outcomes,
      )
    : null;
  const dimensions =
    dimensionOutcomes.some((y) => y === 1) && dimensionOutcomes.some((y) => y === 0)
      ? fitWithFallback(dimensionRows, dimensionOutcomes)
      : null;
  const [b0 = 0, b1 = 0] = overall?.coefficients ?? [];

  const nth = await acceptanceByNthSubmission(db, filter);

  return {
    decisions: outcomes.length,
    accepted,
    bins: binScores(scores, outcomes, options.binWidth),
    overallFit: overall && {
      ...overall,
      curve: Array.from({ length: 21 }, (_, i) => ({ score: i * 5, p: predictLogistic([b0, b1], [i * 5]) })),
    },
    dimensionFit: dimensions && {
      ...dimensions,
      auc: auc(
        dimensionRows.map((x) => predictLogistic(dimensions.coefficients, x)),
        dimensionOutcomes,
      ),
    },
    targetAcceptance: options.targetAcceptance,
    scoreAtTarget: overall ? scoreAtProbability(b0, b1, options.targetAcceptance) : null,
    auc: auc(scores, outcomes),
    weekly: [...weeks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([week, bucket]) => ({
        week: isoDate(week),
        decisions: bucket.decisions,
        accepted: bucket.accepted,
        ...wilsonInterval(bucket.accepted, bucket.decisions),
        medianScore: quantile(sortAscending(bucket.scores), 0.5),
      })),
    byNthSubmission: nth,
  };
}

function fitWithFallback(x: number[][], y: (0 | 1)[]): CurveFit {
  const plain: LogisticFit = fitLogistic(x, y);
  if (plain.converged) {
    return {
      coefficients: plain.coefficients,
      standardErrors: plain.standardErrors,
      converged: true,
      regularised: false,
    };
  }
  const ridged = fitLogistic(x, y, { ridge: FALLBACK_RIDGE });
  return {
    coefficients: ridged.coefficients,
    standardErrors: ridged.standardErrors,
    converged: ridged.converged,
    regularised: true,
  };
}

const clampScore = (score: number) => Math.min(100, Math.max(0, score));

async function acceptanceByNthSubmission(db: AnalyticsDb, filter: ResolvedFilter) {
  // Number every submitted submission per contributor over all time, then keep the selected decided ones.
  const numbered = db
    .selectFrom('submission as s')
    .innerJoin('analytics_submission_fact as f', 'f.submission_id', 's.id')
    .where('f.submitted_at', 'is not', null)
    .select([
      's.created_at',
      's.request_id',
      'f.decided_at',
      'f.accepted_at',
      sql<number>`row_number() over (partition by s.contributor_id order by f.submitted_at, s.id)`.as('n'),
    ]);
  const nthBucket = sql<number>`case when t.n > ${sql.lit(CAP_N)} then ${sql.lit(CAP_N)} else t.n end`;
  const rows = await db
    .selectFrom(numbered.as('t'))
    .where('t.decided_at', 'is not', null)
    .where((eb) => {
      const conditions = [];
      if (filter.fromMs !== null) conditions.push(eb('t.created_at', '>=', filter.fromMs));
      if (filter.toMs !== null) conditions.push(eb('t.created_at', '<', filter.toMs));
      if (filter.requestId !== null) conditions.push(eb('t.request_id', '=', filter.requestId));
      return eb.and(conditions);
    })
    .select([
      nthBucket.as('n'),
      (eb) => eb.fn.countAll<number>().as('decisions'),
      sql<number>`sum(case when t.accepted_at is not null then 1 else 0 end)`.as('accepted'),
    ])
    .groupBy(nthBucket)
    .orderBy(nthBucket)
    .execute();
  return rows.map((row) => {
    const decisions = Number(row.decisions);
    const acceptedCount = Number(row.accepted);
    return {
      n: Number(row.n),
      decisions,
      accepted: acceptedCount,
      ...wilsonInterval(acceptedCount, decisions),
    };
  });
}
