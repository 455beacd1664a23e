import { RULES } from '@assay/quality';
import type { Dialect } from '../db/connect.ts';
import { emptyLastSeen } from './cell-summary.ts';
import { exactQuantiles, inRange, selectCells, totalOf } from './cells.ts';
import { isFiltered, isSelectedSubmission, type ResolvedFilter } from './query.ts';
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
    /** With the rule's title where the code is one of this scorer's rules (null for a retired code). */
    lastFindings: (LastSeen & { title: string | null })[];
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
/** Finding code → what operators read on the chart (the rule's title, as the weights table has it). */
const RULE_TITLES = new Map(RULES.map((rule) => [rule.code, rule.title]));

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
 *
 * Counts come from the pre-aggregated cells (cells.ts); the quantiles are exact, reading only the durations
 * of the histogram buckets they fall in.
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

  const { cells, abandonment } = await selectCells(db, filter, { split: 'week', idleBefore });
  const total = totalOf(cells);
  const { abandoned, eligible } = abandonment ?? { eligible: 0, abandoned: emptyLastSeen() };

  // Exact quantiles: the cells' bucket counts say which bucket holds each order statistic; only that
  // bucket's durations are read, by their index.
  const [draftToSubmit, reviewLatency] = await Promise.all([
    summariseDurations(total.submitBuckets, (range) =>
      db
        .selectFrom('analytics_submission_fact as f')
        .select('f.submit_ms as ms')
        .where((eb) => eb.and([inRange(eb, 'f.submit_ms', range), isSelectedSubmission(eb, filter, 'f')]))
        .execute(),
    ),
    summariseDurations(total.latencyBuckets, (range) =>
      db
        .selectFrom('analytics_decision_fact as d')
        .select('d.latency_ms as ms')
        .where((eb) => inRange(eb, 'd.latency_ms', range))
        .$if(isFiltered(filter), (qb) =>
          qb.where('d.submission_id', 'in', (eb) =>
            eb
              .selectFrom('analytics_submission_fact as f')
              .select('f.submission_id')
              .where((e) => isSelectedSubmission(e, filter, 'f')),
          ),
        )
        .execute(),
    ),
  ]);

  const drafts = total.drafts;
  const errors = total.validationErrors;
  return {
    draftToSubmit,
    abandonment: {
      idleHours: options.idleHours,
      eligible,
      abandoned: abandoned.n,
      rate: eligible === 0 ? null : abandoned.n / eligible,
      lastFindings: topLastSeen(abandoned.findings, abandoned.n).map((seen) => ({
        ...seen,
        title: RULE_TITLES.get(seen.value) ?? null,
      })),
      lastFields: topLastSeen(abandoned.fields, abandoned.n),
    },
    validation: {
      drafts,
      draftsWithErrors: total.draftsWithErrors,
      failedAttempts: total.validationAttempts,
      errors,
      errorsPerDraft: drafts === 0 ? null : errors / drafts,
      shareWithErrors: drafts === 0 ? null : total.draftsWithErrors / drafts,
    },
    versionsUntilAcceptance: summariseVersions(
      [...total.acceptedNumber.entries()]
        .sort(([a], [b]) => a - b)
        .map(([versions, count]) => ({ versions, count })),
    ),
    reviewLatency,
  };
}

/** Median and p90 (type-7) of a duration, from its bucket counts and the rows of a bucket. */
async function summariseDurations(
  buckets: Map<number, number>,
  readBucket: (range: { low: number | null; high: number | null }) => Promise<{ ms: number | null }[]>,
): Promise<DurationSummary> {
  const { n, values } = await exactQuantiles(buckets, [0.5, 0.9], async (range) =>
    (await readBucket(range)).map((row) => row.ms as number),
  );
  return { n, medianMs: values[0] ?? null, p90Ms: values[1] ?? null };
}

/** The most frequent values (ties in code-unit order), with their share of the abandoned drafts. */
function topLastSeen(counts: Map<string, number>, abandoned: number): LastSeen[] {
  return [...counts.entries()]
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, TOP)
    .map(([value, count]) => ({ value, count, share: abandoned === 0 ? 0 : count / abandoned }));
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
