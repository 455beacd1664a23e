import { type SelectQueryBuilder, sql } from 'kysely';
import type { Dialect } from '../db/connect.ts';
import { getOrCreate, isFiltered, isoDate, isSelectedSubmission, type ResolvedFilter } from './query.ts';
import { refreshAnalytics } from './refresh-rollups.ts';
import {
  binScoreCounts,
  predictLogistic,
  quantileOfCounts,
  type ScoreBin,
  scoreAtProbability,
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
  options: { targetAcceptance: number; binWidth: number; enterpriseGradeThreshold: number },
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
  // Scores of record are rounded to 0.1, so grouping by score (and week) leaves at most ~1,000 rows per week;
  // the stored decision week and the score are read in the order of their covering index.
  const byScoreWeekQuery = decisions()
    .select([
      'd.overall',
      'd.decided_week as week',
      sql<number>`sum(${isAccept})`.as('accepted'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['d.decided_week', 'd.overall'])
    .execute();
  // Dimension triples are nearly all distinct, so they are read as they are (no sort for a GROUP BY).
  const dimensionsQuery = readDimensions(
    dialect,
    decisions()
      .where('d.structure', 'is not', null)
      .where('d.context', 'is not', null)
      .where('d.provenance', 'is not', null),
  );

  // Independent queries run together: on PostgreSQL over several pooled connections.
  const [byScoreWeek, dimensionRows, nth] = await Promise.all([
    byScoreWeekQuery,
    dimensionsQuery,
    acceptanceByNthSubmission(db, filter),
  ]);
  const byScore = new Map<number, { score: number; positives: number; negatives: number }>();
  const weeks = new Map<number, { decisions: number; accepted: number; scores: Map<number, number> }>();
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
  const m = dimensionRows.length / 4;
  const design = new Float64Array(m * 4);
  const successes = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    design[i * 4] = 1;
    design[i * 4 + 1] = dimensionRows[i * 4] as number;
    design[i * 4 + 2] = dimensionRows[i * 4 + 1] as number;
    design[i * 4 + 3] = dimensionRows[i * 4 + 2] as number;
    successes[i] = dimensionRows[i * 4 + 3] as number;
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
      ...overall,
      curve: Array.from({ length: 21 }, (_, i) => ({ score: i * 5, p: predictLogistic([b0, b1], [i * 5]) })),
    },
    dimensionFit: dimensions && {
      ...dimensions,
      auc: dimensionAuc(dimensionData, dimensions.coefficients),
    },
    targetAcceptance: options.targetAcceptance,
    enterpriseGradeThreshold: options.enterpriseGradeThreshold,
    scoreAtTarget: overall ? scoreAtProbability(b0, b1, options.targetAcceptance) : null,
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
    byNthSubmission: nth,
  };
}

/**
 * Structure, context and provenance scores and the outcome (1 = accepted) of every decision the query
 * selects, four numbers per decision. PostgreSQL sends each row as its own message, which the client parses
 * one by one; for tens of thousands of decisions one aggregated text, split here, is several times faster.
 * SQLite runs in this process and hands rows over directly.
 */
async function readDimensions(
  dialect: Dialect,
  // biome-ignore lint/suspicious/noExplicitAny: the selected decisions, with the alias `d`.
  query: SelectQueryBuilder<any, 'd', object>,
): Promise<number[]> {
  const accepted = sql<number>`case when d.decision = 'accept' then 1 else 0 end`;
  if (dialect === 'postgres') {
    const row = (await query
      .select(
        sql<
          string | null
        >`string_agg(concat_ws(',', d.structure, d.context, d.provenance, ${accepted}), ',')`.as('packed'),
      )
      .executeTakeFirst()) as { packed: string | null } | undefined;
    return row?.packed ? row.packed.split(',').map(Number) : [];
  }
  const rows = (await query
    .select(['d.structure', 'd.context', 'd.provenance', accepted.as('accepted')])
    .execute()) as { structure: number; context: number; provenance: number; accepted: number }[];
  const values: number[] = [];
  for (const r of rows)
    values.push(Number(r.structure), Number(r.context), Number(r.provenance), Number(r.accepted));
  return values;
}

function fitWithFallback(fit: (options: { ridge?: number }) => WeightedFit): CurveFit {
  const plain = fit({});
  if (plain.converged) {
    return {
      coefficients: plain.coefficients,
      standardErrors: plain.standardErrors,
      converged: true,
      regularised: false,
    };
  }
  const ridged = fit({ ridge: FALLBACK_RIDGE });
  return {
    coefficients: ridged.coefficients,
    standardErrors: ridged.standardErrors,
    converged: ridged.converged,
    regularised: true,
  };
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

async function acceptanceByNthSubmission(db: AnalyticsDb, filter: ResolvedFilter) {
  // `submitted_rank` numbers each contributor's submitted submissions over all time (kept by the refresh);
  // the selected decided ones are then counted per n.
  const nthBucket = sql<number>`case when f.submitted_rank > ${sql.lit(CAP_N)} then ${sql.lit(CAP_N)} else f.submitted_rank end`;
  const rows = await db
    .selectFrom('analytics_submission_fact as f')
    .where('f.submitted_rank', 'is not', null)
    .where('f.decided_at', 'is not', null)
    .where((eb) => isSelectedSubmission(eb, filter, 'f'))
    .select([
      nthBucket.as('n'),
      (eb) => eb.fn.countAll<number>().as('decisions'),
      sql<number>`sum(case when f.accepted_at is not null then 1 else 0 end)`.as('accepted'),
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
