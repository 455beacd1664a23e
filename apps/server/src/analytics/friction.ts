import { type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../db/connect.ts';
import { isFiltered, isSelectedSubmission, type ResolvedFilter, sortAscending } from './query.ts';
import { refreshAnalytics } from './refresh-rollups.ts';
import { quantile } from './stats.ts';
import type { AnalyticsDb } from './tables.ts';

/** Median and 90th percentile of a duration, in milliseconds (null when there is none). */
export interface DurationSummary {
  n: number;
  medianMs: number | null;
  p90Ms: number | null;
}

/** A finding code or field name, how many abandoned drafts saw it last, and their share of those. */
export interface LastSeen {
  value: string;
  count: number;
  share: number;
}

export interface FrictionResult {
  draftToSubmit: DurationSummary;
  abandonment: {
    idleHours: number;
    /** Drafts that started at least `idleHours` ago: the ones that could have been abandoned. */
    eligible: number;
    abandoned: number;
    rate: number | null;
    lastFindings: LastSeen[];
    lastFields: LastSeen[];
  };
  validation: {
    drafts: number;
    draftsWithErrors: number;
    failedAttempts: number;
    errors: number;
    errorsPerDraft: number | null;
    shareWithErrors: number | null;
  };
  versionsUntilAcceptance: {
    accepted: number;
    mean: number | null;
    median: number | null;
    /** Accepted submissions by the number of the accepted version (1, 2, …). */
    distribution: { versions: number; count: number }[];
  };
  reviewLatency: DurationSummary;
}

const TOP = 10;

/**
 * **Friction measures**, over the submissions selected by the filter (draft started in [from, to), request).
 *
 * - *Draft to submit*: t(first `version.submitted`) − t(draft started), where draft started is the earliest of
 *   `submission.created` and `draft.started`; median and p90 (type-7 quantiles) over submitted drafts.
 * - *Abandonment*: a draft is abandoned when it was never submitted and either the contributor said so
 *   (`draft.abandoned`, or withdrew it) or it has been idle — no event of any kind — for `idleHours` by `now`.
 *   rate = abandoned / eligible, eligible being drafts started at least `idleHours` before `now` (younger ones
 *   cannot be idle long enough yet, and would bias the rate down).
 * - *Seen last before abandonment*: among abandoned drafts, the `finding.shown` code and the `field.edited`
 *   field that was latest; counts and share of abandoned drafts, most frequent first.
 * - *Validation errors*: `validation.failed` events (client and server) on the selected drafts; errors =
 *   Σ props.count (1 when absent); errorsPerDraft = errors / drafts; shareWithErrors = drafts with ≥ 1 / drafts.
 * - *Versions until acceptance*: for each accepted submission, the number of the accepted version.
 * - *Review latency*: t(`version.decided`) − scored_at of each decided version (time queued for a reviewer once scored);
 *   median and p90.
 */
export async function computeFriction(
  db: AnalyticsDb,
  dialect: Dialect,
  filter: ResolvedFilter,
  options: { idleHours: number; now?: number },
): Promise<FrictionResult> {
  await refreshAnalytics(db, dialect);
  const now = options.now ?? Date.now();
  const idleBefore = now - options.idleHours * 3_600_000;

  const facts = () =>
    db.selectFrom('analytics_submission_fact as f').where((eb) => isSelectedSubmission(eb, filter, 'f'));
  // Independent queries run together: on PostgreSQL over several pooled connections.
  const submitDurationsQuery = summariseDurations(
    dialect,
    facts().where('f.submitted_at', 'is not', null),
    sql<number>`f.submitted_at - f.draft_at`,
  );

  // One pass over the facts answers the counts, what abandoned drafts saw last and the accepted versions'
  // numbers. It groups by the stored columns only (a few hundred groups) and counts eligibility and
  // abandonment inside each group: grouped by computed flags instead, PostgreSQL cannot estimate the number
  // of groups, expects one per row and sorts every row (to disk at 200,000 submissions).
  const isEligible = sql<SqlBool>`f.created_at <= ${idleBefore}`;
  const isAbandoned = sql<SqlBool>`(${isEligible} and f.submitted_at is null and (f.abandoned_at is not null or f.withdrawn_at is not null or f.last_at <= ${idleBefore}))`;
  const countWhere = (test: RawBuilder<SqlBool>) => sql<number>`sum(case when ${test} then 1 else 0 end)`;
  const groupsQuery = facts()
    .select([
      'f.last_finding_code',
      'f.last_field',
      'f.accepted_number',
      (eb) => eb.fn.countAll<number>().as('n'),
      countWhere(isEligible).as('eligible'),
      countWhere(isAbandoned).as('abandoned'),
    ])
    .groupBy(['f.last_finding_code', 'f.last_field', 'f.accepted_number'])
    .execute();

  // Validation failures from their rollup (one row per `validation.failed` event).
  const validationQuery = db
    .selectFrom('analytics_validation_fact as v')
    .$if(isFiltered(filter), (qb) =>
      qb
        .innerJoin('analytics_submission_fact as f', 'f.submission_id', 'v.submission_id')
        .where((eb) => isSelectedSubmission(eb, filter, 'f')),
    )
    .select([
      (eb) => eb.fn.countAll<number>().as('attempts'),
      sql<number>`count(distinct v.submission_id)`.as('drafts'),
      sql<number>`coalesce(sum(v.errors), 0)`.as('errors'),
    ])
    .executeTakeFirstOrThrow();

  const latenciesQuery = summariseDurations(
    dialect,
    db
      .selectFrom('analytics_decision_fact as d')
      .where('d.scored_at', 'is not', null)
      .$if(isFiltered(filter), (qb) =>
        qb.where('d.submission_id', 'in', (eb) =>
          eb
            .selectFrom('analytics_submission_fact as f')
            .select('f.submission_id')
            .where((e) => isSelectedSubmission(e, filter, 'f')),
        ),
      ),
    sql<number>`d.decided_at - d.scored_at`,
  );

  const [draftToSubmit, groups, validation, reviewLatency] = await Promise.all([
    submitDurationsQuery,
    groupsQuery,
    validationQuery,
    latenciesQuery,
  ]);
  let draftCount = 0;
  let eligibleCount = 0;
  let abandonedCount = 0;
  const findings = new Map<string, number>();
  const fields = new Map<string, number>();
  const acceptedAt = new Map<number, number>();
  for (const row of groups) {
    const n = Number(row.n);
    const abandoned = Number(row.abandoned);
    draftCount += n;
    eligibleCount += Number(row.eligible);
    abandonedCount += abandoned;
    const { last_finding_code: finding, last_field: field, accepted_number: number } = row;
    if (finding !== null && abandoned > 0) findings.set(finding, (findings.get(finding) ?? 0) + abandoned);
    if (field !== null && abandoned > 0) fields.set(field, (fields.get(field) ?? 0) + abandoned);
    if (number !== null) acceptedAt.set(Number(number), (acceptedAt.get(Number(number)) ?? 0) + n);
  }
  const errors = Number(validation.errors);
  return {
    draftToSubmit,
    abandonment: {
      idleHours: options.idleHours,
      eligible: eligibleCount,
      abandoned: abandonedCount,
      rate: eligibleCount === 0 ? null : abandonedCount / eligibleCount,
      lastFindings: topLastSeen(findings, abandonedCount),
      lastFields: topLastSeen(fields, abandonedCount),
    },
    validation: {
      drafts: draftCount,
      draftsWithErrors: Number(validation.drafts),
      failedAttempts: Number(validation.attempts),
      errors,
      errorsPerDraft: draftCount === 0 ? null : errors / draftCount,
      shareWithErrors: draftCount === 0 ? null : Number(validation.drafts) / draftCount,
    },
    versionsUntilAcceptance: summariseVersions(
      [...acceptedAt.entries()].sort(([a], [b]) => a - b).map(([versions, count]) => ({ versions, count })),
    ),
    reviewLatency,
  };
}

/**
 * Median and p90 of a duration over a query's rows. PostgreSQL computes them in place with
 * `percentile_cont`, which is the type-7 (linear interpolation) quantile; SQLite has no percentile
 * function, so the durations are read and {@link summarise}d.
 */
async function summariseDurations(
  dialect: Dialect,
  // biome-ignore lint/suspicious/noExplicitAny: a filtered query over the facts or the decisions.
  query: SelectQueryBuilder<any, any, object>,
  duration: RawBuilder<number>,
): Promise<DurationSummary> {
  if (dialect === 'postgres') {
    const row = (await query
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number | null>`percentile_cont(0.5) within group (order by ${duration})`.as('median'),
        sql<number | null>`percentile_cont(0.9) within group (order by ${duration})`.as('p90'),
      ])
      .executeTakeFirstOrThrow()) as { n: number; median: number | null; p90: number | null };
    return {
      n: Number(row.n),
      medianMs: row.median === null ? null : Number(row.median),
      p90Ms: row.p90 === null ? null : Number(row.p90),
    };
  }
  const rows = (await query.select(duration.as('ms')).execute()) as { ms: number }[];
  return summarise(rows.map((row) => Number(row.ms)));
}

/** The most frequent values (ties in code-unit order), with their share of the abandoned drafts. */
function topLastSeen(counts: Map<string, number>, abandoned: number): LastSeen[] {
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, TOP)
    .map(([value, count]) => ({ value, count, share: abandoned === 0 ? 0 : count / abandoned }));
}

/** Median and p90 (type-7 quantiles) of durations. */
export function summarise(values: number[]): DurationSummary {
  const sorted = sortAscending(values);
  return { n: sorted.length, medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9) };
}

function summariseVersions(distribution: { versions: number; count: number }[]) {
  const accepted = distribution.reduce((sum, row) => sum + row.count, 0);
  const expanded: number[] = [];
  for (const row of distribution) for (let i = 0; i < row.count; i++) expanded.push(row.versions);
  return {
    accepted,
    mean:
      accepted === 0 ? null : distribution.reduce((sum, row) => sum + row.versions * row.count, 0) / accepted,
    median: quantile(expanded, 0.5),
    distribution,
  };
}
