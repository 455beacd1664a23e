import { sql } from 'kysely';
import type { Dialect } from '../db/connect.ts';
import {
  getOrCreate,
  isFiltered,
  isoDate,
  isSelectedSubmission,
  type ResolvedFilter,
  weekStartOf,
} from './query.ts';
import { refreshAnalytics } from './refresh-rollups.ts';
import {
  binScores,
  predictLogistic,
  quantile,
  type ScoreBin,
  scoreAtProbability,
  wilsonInterval,
} from './stats.ts';
import type { AnalyticsDb } from './tables.ts';
import { fitGroupedLogistic, type GroupedObservations, groupedAuc } from './weighted-logistic.ts';

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
  const decisions = () =>
    db
      .selectFrom('analytics_decision_fact as d')
      .where('d.overall', 'is not', null)
      .$if(isFiltered(filter), (qb) =>
        qb.where('d.submission_id', 'in', (eb) =>
          eb
            .selectFrom('analytics_submission_fact as f')
            .select('f.submission_id')
            .where((e) => isSelectedSubmission(e, filter, 'f')),
        ),
      );
  const isAccept = sql<number>`case when d.decision = 'accept' then 1 else 0 end`;
  // Scores of record are rounded to 0.1, so grouping by score (and week) leaves at most ~1,000 rows per week.
  const byScoreWeekQuery = decisions()
    .select([
      'd.overall',
      weekStartOf('d.decided_at').as('week'),
      sql<number>`sum(${isAccept})`.as('accepted'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['d.overall', weekStartOf('d.decided_at')])
    .execute();
  // Dimension triples are nearly all distinct, so they are read as they are (no sort for a GROUP BY).
  const byDimensionsQuery = decisions()
    .where('d.structure', 'is not', null)
    .where('d.context', 'is not', null)
    .where('d.provenance', 'is not', null)
    .select(['d.structure', 'd.context', 'd.provenance', isAccept.as('accepted')])
    .execute();

  // Independent queries run together: on PostgreSQL over several pooled connections.
  const [byScoreWeek, byDimensions, nth] = await Promise.all([
    byScoreWeekQuery,
    byDimensionsQuery,
    acceptanceByNthSubmission(db, filter),
  ]);
  const byScore = new Map<number, { score: number; positives: number; negatives: number }>();
  const weeks = new Map<number, { decisions: number; accepted: number; scores: Map<number, number> }>();
  const scores: number[] = [];
  const outcomes: (0 | 1)[] = [];
  for (const row of byScoreWeek) {
    const overall = clampScore(Number(row.overall));
    const n = Number(row.n);
    const acceptedCount = Number(row.accepted);
    const group = getOrCreate(byScore, overall, () => ({ score: overall, positives: 0, negatives: 0 }));
    group.positives += acceptedCount;
    group.negatives += n - acceptedCount;
    const bucket = getOrCreate(weeks, Number(row.week), () => ({
      decisions: 0,
      accepted: 0,
      scores: new Map(),
    }));
    bucket.decisions += n;
    bucket.accepted += acceptedCount;
    bucket.scores.set(overall, (bucket.scores.get(overall) ?? 0) + n);
    for (let i = 0; i < n; i++) {
      scores.push(overall);
      outcomes.push(i < acceptedCount ? 1 : 0);
    }
  }
  const groups = [...byScore.values()];
  const accepted = groups.reduce((sum, g) => sum + g.positives, 0);
  const total = outcomes.length;
  const overall =
    accepted > 0 && accepted < total
      ? fitWithFallback({
          x: groups.map((g) => [g.score]),
          successes: groups.map((g) => g.positives),
          trials: groups.map((g) => g.positives + g.negatives),
        })
      : null;
  const dimensionData = {
    x: byDimensions.map((row) => [Number(row.structure), Number(row.context), Number(row.provenance)]),
    successes: byDimensions.map((row) => Number(row.accepted)),
    trials: byDimensions.map(() => 1),
  };
  const dimensionAccepted = dimensionData.successes.reduce((a, b) => a + b, 0);
  const dimensionTotal = dimensionData.trials.reduce((a, b) => a + b, 0);
  const dimensions =
    dimensionAccepted > 0 && dimensionAccepted < dimensionTotal ? fitWithFallback(dimensionData) : null;
  const [b0 = 0, b1 = 0] = overall?.coefficients ?? [];

  return {
    decisions: total,
    accepted,
    bins: binScores(scores, outcomes, options.binWidth),
    overallFit: overall && {
      ...overall,
      curve: Array.from({ length: 21 }, (_, i) => ({ score: i * 5, p: predictLogistic([b0, b1], [i * 5]) })),
    },
    dimensionFit: dimensions && {
      ...dimensions,
      auc: groupedAuc(
        dimensionData.x.map((x, i) => ({
          score: predictLogistic(dimensions.coefficients, x),
          positives: dimensionData.successes[i] ?? 0,
          negatives: (dimensionData.trials[i] ?? 0) - (dimensionData.successes[i] ?? 0),
        })),
      ),
    },
    targetAcceptance: options.targetAcceptance,
    scoreAtTarget: overall ? scoreAtProbability(b0, b1, options.targetAcceptance) : null,
    auc: groupedAuc(groups),
    weekly: [...weeks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([week, bucket]) => ({
        week: isoDate(week),
        decisions: bucket.decisions,
        accepted: bucket.accepted,
        ...wilsonInterval(bucket.accepted, bucket.decisions),
        medianScore: quantile(expand(bucket.scores), 0.5),
      })),
    byNthSubmission: nth,
  };
}

function fitWithFallback(data: GroupedObservations): CurveFit {
  const plain = fitGroupedLogistic(data);
  if (plain.converged) {
    return {
      coefficients: plain.coefficients,
      standardErrors: plain.standardErrors,
      converged: true,
      regularised: false,
    };
  }
  const ridged = fitGroupedLogistic(data, { ridge: FALLBACK_RIDGE });
  return {
    coefficients: ridged.coefficients,
    standardErrors: ridged.standardErrors,
    converged: ridged.converged,
    regularised: true,
  };
}

/** Score → count, as the ascending list of scores. */
function expand(counts: Map<number, number>): number[] {
  const values: number[] = [];
  for (const [score, n] of [...counts.entries()].sort(([a], [b]) => a - b)) {
    for (let i = 0; i < n; i++) values.push(score);
  }
  return values;
}

const clampScore = (score: number) => Math.min(100, Math.max(0, score));

async function acceptanceByNthSubmission(db: AnalyticsDb, filter: ResolvedFilter) {
  // Number every submitted submission per contributor over all time, then keep the selected decided ones.
  const numbered = db
    .selectFrom('analytics_submission_fact as f')
    .where('f.submitted_at', 'is not', null)
    .select([
      'f.created_at',
      'f.request_id',
      'f.decided_at',
      'f.accepted_at',
      sql<number>`row_number() over (partition by f.contributor_id order by f.submitted_at, f.submission_id)`.as(
        'n',
      ),
    ]);
  const nthBucket = sql<number>`case when t.n > ${sql.lit(CAP_N)} then ${sql.lit(CAP_N)} else t.n end`;
  const rows = await db
    .selectFrom(numbered.as('t'))
    .where('t.decided_at', 'is not', null)
    .where((eb) => isSelectedSubmission(eb, filter, 't'))
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
