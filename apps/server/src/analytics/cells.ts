import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../db/connect.ts';
import {
  addLastSeen,
  bucketRange,
  type CellDecision,
  type CellFact,
  type CellSummary,
  type CellValidation,
  emptyCurve,
  emptyLastSeen,
  emptySummary,
  isClosedDraft,
  type LastSeenCounts,
  mergeCurve,
  mergeLastSeen,
  mergeSummary,
  parseCurve,
  parseSummary,
  requestIdOf,
  type StoredCurve,
  type SummaryPart,
  serialiseCurve,
  serialiseSummary,
  serialiseSummaryPart,
  summariseFacts,
  toStoredCurve,
} from './cell-summary.ts';
import { getOrCreate, isSelectedSubmission, type ResolvedFilter } from './query.ts';
import type { AnalyticsDb } from './tables.ts';

// The cells are the metrics' pre-aggregates: one summary of counts per (cohort week, request), plus one per
// week over all requests and one per request over all weeks, so an unfiltered metric reads a row per week or
// per request instead of one per submission. A filter takes whole weeks from the cells and reads the
// submissions of the (at most two) weeks it cuts through, so answers stay exact to the millisecond. The
// refresh recomputes the cells of each week it touched from the facts (README, "Cells").

const WEEK_MS = 7 * 86_400_000;
const FACT_CHUNK = 1_000;
/** Serialises cell recomputation across PostgreSQL connections (and processes); any constant will do. */
const CELL_LOCK = 0x617373_6365;

const FACT_COLUMNS = [
  'f.submission_id',
  'f.request_id',
  'f.created_week',
  'f.created_at',
  'f.furthest_step',
  'f.submitted_at',
  'f.accepted_at',
  'f.abandoned_at',
  'f.withdrawn_at',
  'f.last_at',
  'f.last_finding_code',
  'f.last_field',
  'f.scored_number',
  'f.scored_rows',
  'f.scored_overall',
  'f.scored_context',
  'f.scored_fails_licence',
  'f.scored_fails_schema',
  'f.accepted_number',
  'f.accepted_rows',
  'f.paid_cents',
  'f.submit_ms',
  'f.decided_at',
  'f.submitted_rank',
] as const;

/** A condition on the submission facts, aliased `f`. */
// biome-ignore lint/suspicious/noExplicitAny: conditions over the aliased facts, as in query.ts.
type FactWhere = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;

/** The facts a condition selects. (Numbers arrive as numbers: connect.ts parses PostgreSQL's bigint.) */
function readFactRows(db: AnalyticsDb, where: FactWhere): Promise<CellFact[]> {
  return db.selectFrom('analytics_submission_fact as f').select(FACT_COLUMNS).where(where).execute();
}

/** The facts a condition selects, with their submissions' decisions and validation failures. */
async function readFacts(
  db: AnalyticsDb,
  where: FactWhere,
): Promise<{ facts: CellFact[]; decisions: CellDecision[]; validations: CellValidation[] }> {
  const facts = await readFactRows(db, where);
  const decisions: CellDecision[] = [];
  const validations: CellValidation[] = [];
  const ids = facts.map((fact) => fact.submission_id);
  for (let i = 0; i < ids.length; i += FACT_CHUNK) {
    const chunk = ids.slice(i, i + FACT_CHUNK);
    const [decided, failed] = await Promise.all([
      db
        .selectFrom('analytics_decision_fact')
        .select([
          'submission_id',
          'decision',
          'reason_codes',
          'latency_ms',
          'decided_week',
          'overall',
          'structure',
          'context',
          'provenance',
        ])
        .where('submission_id', 'in', chunk)
        .execute(),
      db
        .selectFrom('analytics_validation_fact')
        .select([
          'submission_id',
          (eb) => eb.fn.countAll<number>().as('attempts'),
          sql<number>`coalesce(sum(errors), 0)`.as('errors'),
        ])
        .where('submission_id', 'in', chunk)
        .groupBy('submission_id')
        .execute(),
    ]);
    decisions.push(...decided);
    validations.push(...failed);
  }
  return { facts, decisions, validations };
}

const inWeek =
  (week: number): FactWhere =>
  (eb) =>
    eb.and([week === -1 ? eb('f.created_week', 'is', null) : eb('f.created_week', '=', week)]);

/** The `week` of a request's all-time cell: the sum of its cells of every week. */
export const ALL_WEEKS = -2;
/** The `request_key` of a week's all-request cell: the sum of its cells of every request. */
export const ALL_REQUESTS = '*';

/**
 * Recomputes the cells of each week in `weeks` (-1: drafts whose start is unknown) from the facts: the
 * week's cell per request and its all-request cell, and moves each request's all-time cell by the change
 * (new − old; summaries are counts, so the difference is exact). On PostgreSQL an advisory lock makes
 * recomputations take turns, and each reads the facts after taking it, so the last one of a week sees every
 * fact change committed before it: a cell is never left staler than its facts by two refreshes racing.
 */
export async function recomputeCells(
  db: AnalyticsDb,
  dialect: Dialect,
  weeks: Iterable<number>,
): Promise<void> {
  for (const week of [...weeks].sort((a, b) => a - b)) {
    await db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${CELL_LOCK})`.execute(trx);
      const old = await trx
        .selectFrom('analytics_cell')
        .select(['request_key', 'summary'])
        .where('week', '=', week)
        .where('request_key', '<>', ALL_REQUESTS)
        .execute();
      const { facts, decisions, validations } = await readFacts(trx, inWeek(week));
      const cells = [...summariseFacts(facts, decisions, validations).values()];

      const change = new Map<string, CellSummary>();
      for (const row of old) {
        mergeSummary(getOrCreate(change, row.request_key, emptySummary), parseSummary(row.summary), -1);
      }
      const weekTotal = { week, requestKey: ALL_REQUESTS, summary: emptySummary(), curve: emptyCurve() };
      for (const cell of cells) {
        mergeSummary(getOrCreate(change, cell.requestKey, emptySummary), cell.summary);
        mergeSummary(weekTotal.summary, cell.summary);
        mergeCurve(weekTotal.curve, cell.curve);
      }
      if (cells.length > 0) cells.push(weekTotal);

      const keys = [...change.keys()];
      const allTime = new Map<string, CellSummary>();
      for (let i = 0; i < keys.length; i += FACT_CHUNK) {
        const rows = await trx
          .selectFrom('analytics_cell')
          .select(['request_key', 'summary'])
          .where('week', '=', ALL_WEEKS)
          .where('request_key', 'in', keys.slice(i, i + FACT_CHUNK))
          .execute();
        for (const row of rows) allTime.set(row.request_key, parseSummary(row.summary));
      }
      for (const [key, delta] of change) {
        const total = mergeSummary(allTime.get(key) ?? emptySummary(), delta);
        if (total.drafts > 0) {
          cells.push({ week: ALL_WEEKS, requestKey: key, summary: total, curve: emptyCurve() });
        }
      }

      await trx.deleteFrom('analytics_cell').where('week', '=', week).execute();
      for (let i = 0; i < keys.length; i += FACT_CHUNK) {
        await trx
          .deleteFrom('analytics_cell')
          .where('week', '=', ALL_WEEKS)
          .where('request_key', 'in', keys.slice(i, i + FACT_CHUNK))
          .execute();
      }
      for (let i = 0; i < cells.length; i += 200) {
        await trx
          .insertInto('analytics_cell')
          .values(
            cells.slice(i, i + 200).map((cell) => ({
              week: cell.week,
              request_key: cell.requestKey,
              summary: serialiseSummary(cell.summary),
              funnel: serialiseSummaryPart(cell.summary, 'funnel'),
              supply: serialiseSummaryPart(cell.summary, 'supply'),
              curve: serialiseCurve(cell.curve),
            })),
          )
          .execute();
      }
    });
  }
}

/** A cell's summary, as a metric sees it. */
export interface SelectedCell {
  /** The cohort week; -1 for drafts whose start is unknown, ALL_WEEKS for a request's all-time cell. */
  week: number;
  /** The request id; null for drafts made to no request, undefined for a week's all-request cell. */
  requestId: string | null | undefined;
  summary: CellSummary;
  /** With the `curve` option: the decisions' scores. */
  curve: StoredCurve | null;
}

/** Abandonment counts: eligible drafts, the abandoned among them, and what those saw last. */
export interface AbandonmentCounts {
  eligible: number;
  abandoned: LastSeenCounts;
}

export interface Selection {
  cells: SelectedCell[];
  /** With `idleBefore`: abandonment over the selection (drafts started at or before it are eligible). */
  abandonment: AbandonmentCounts | null;
}

/**
 * The cell summaries of the submissions a filter selects, split by `week` (a metric reads each week's
 * all-request cell, or with a request filter that request's) or by `request` (each request's all-time cell
 * when the filter has no dates, else its cells of the selected weeks). Weeks wholly inside the filter (and,
 * with `idleBefore`, wholly at or before it) come from the stored cells; the submissions of the weeks the
 * filter's bounds or the idle cut-off fall inside are read and summarised here, per week and request.
 * `fromRows` reads every selected submission instead (what the cells must always agree with; for tests).
 */
export async function selectCells(
  db: AnalyticsDb,
  filter: ResolvedFilter,
  options: {
    split: 'week' | 'request';
    idleBefore?: number;
    /** Read only this part of each stored summary (its other fields are zero); not with `idleBefore`. */
    part?: SummaryPart;
    curve?: boolean;
    fromRows?: boolean;
  },
): Promise<Selection> {
  const idleBefore = options.idleBefore ?? null;
  const isDated = filter.fromMs !== null || filter.toMs !== null || idleBefore !== null;
  const isWhole = (week: number) => {
    if (options.fromRows) return false;
    if (week === ALL_WEEKS) return true;
    if (week === -1) return !isDated;
    return (
      (filter.fromMs === null || week >= filter.fromMs) &&
      (filter.toMs === null || week + WEEK_MS <= filter.toMs) &&
      (idleBefore === null || week + WEEK_MS - 1 <= idleBefore)
    );
  };
  const allTime = options.split === 'request' && !isDated && !options.fromRows;
  // Abandonment reads the never-submitted drafts' counts, which only the whole summary has.
  const column = idleBefore === null ? (options.part ?? 'summary') : 'summary';
  const stored = await db
    .selectFrom('analytics_cell')
    .select(['week', 'request_key', sql.ref<string>(column).as('summary')])
    .$if(options.curve === true, (qb) => qb.select('curve'))
    .$if(filter.requestId !== null, (qb) => qb.where('request_key', '=', filter.requestId ?? ''))
    .$if(filter.requestId === null && options.split === 'week', (qb) =>
      qb.where('request_key', '=', ALL_REQUESTS),
    )
    .$if(filter.requestId === null && options.split === 'request', (qb) =>
      qb.where('request_key', '<>', ALL_REQUESTS),
    )
    .$if(allTime, (qb) => qb.where('week', '=', ALL_WEEKS))
    .$if(!allTime, (qb) => qb.where('week', '<>', ALL_WEEKS))
    .$if(filter.fromMs !== null, (qb) =>
      qb.where('week', '>', (filter.fromMs ?? 0) - WEEK_MS).where('week', '<>', -1),
    )
    .$if(filter.toMs !== null, (qb) => qb.where('week', '<', filter.toMs ?? 0).where('week', '<>', -1))
    .execute();

  const cells: SelectedCell[] = [];
  const partWeeks = new Set<number>();
  const wholeWeeks = new Set<number>();
  for (const row of stored) {
    const week = Number(row.week);
    if (isWhole(week)) {
      wholeWeeks.add(week);
      const key = row.request_key;
      cells.push({
        week,
        requestId: key === ALL_REQUESTS ? undefined : requestIdOf(key),
        summary: parseSummary(row.summary),
        curve: options.curve ? parseCurve((row as { curve?: string }).curve ?? '') : null,
      });
    } else {
      partWeeks.add(week);
    }
  }

  const abandoned = emptyLastSeen();
  let eligible = 0;
  // Whole weeks are eligible throughout; their abandoned drafts are the closed ones and the open ones idle
  // since the cut-off — all open ones but those active after it, which are few and read by their index.
  if (idleBefore !== null && wholeWeeks.size > 0) {
    for (const cell of cells) {
      eligible += cell.summary.drafts;
      mergeLastSeen(abandoned, cell.summary.unsubmittedClosed);
      mergeLastSeen(abandoned, cell.summary.unsubmittedOpen);
    }
    const active = await readFactRows(db, (eb) =>
      eb.and([
        eb('f.submitted_at', 'is', null),
        eb('f.last_at', '>', idleBefore),
        eb('f.abandoned_at', 'is', null),
        eb('f.withdrawn_at', 'is', null),
        isSelectedSubmission(eb, filter, 'f'),
      ]),
    );
    for (const fact of active) {
      if (fact.created_week !== null && wholeWeeks.has(fact.created_week)) addLastSeen(abandoned, fact, -1);
    }
  }

  if (partWeeks.size > 0) {
    const weeks = [...partWeeks];
    const read = await readFacts(db, (eb) =>
      eb.and([isSelectedSubmission(eb, filter, 'f'), eb.or(weeks.map((week) => inWeek(week)(eb)))]),
    );
    for (const cell of summariseFacts(read.facts, read.decisions, read.validations).values()) {
      cells.push({
        week: cell.week,
        requestId: requestIdOf(cell.requestKey),
        summary: cell.summary,
        curve: options.curve ? toStoredCurve(cell.curve) : null,
      });
    }
    if (idleBefore !== null) {
      for (const fact of read.facts) {
        if (fact.created_at === null || fact.created_at > idleBefore) continue;
        eligible += 1;
        const isAbandoned =
          fact.submitted_at === null &&
          (isClosedDraft(fact) || (fact.last_at !== null && fact.last_at <= idleBefore));
        if (isAbandoned) addLastSeen(abandoned, fact);
      }
    }
  }

  return { cells, abandonment: idleBefore === null ? null : { eligible, abandoned } };
}

/** The merge of the selected cells' summaries. */
export function totalOf(cells: readonly SelectedCell[]): CellSummary {
  const total = emptySummary();
  for (const cell of cells) mergeSummary(total, cell.summary);
  return total;
}

/**
 * Exact type-7 quantiles of a duration from its bucket counts: the counts find the bucket holding each
 * order statistic the quantile needs, and only that bucket's durations are read (`readBucket`, by their
 * index) and sorted. The same as sorting every duration, while reading a few per cent of them.
 */
export async function exactQuantiles(
  buckets: Map<number, number>,
  qs: readonly number[],
  readBucket: (range: { low: number | null; high: number | null }) => Promise<number[]>,
): Promise<{ n: number; values: (number | null)[] }> {
  const sorted = [...buckets.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const n = sorted.reduce((sum, [, count]) => sum + count, 0);
  if (n === 0) return { n, values: qs.map(() => null) };
  const read = new Map<number, Promise<Float64Array>>();
  const at = async (position: number) => {
    let before = 0;
    for (const [bucket, count] of sorted) {
      if (position < before + count) {
        let values = read.get(bucket);
        if (!values) {
          values = readBucket(bucketRange(bucket)).then((v) => Float64Array.from(v).sort());
          read.set(bucket, values);
        }
        const inBucket = await values;
        // Facts refreshed by another process between the two reads could shift a count; stay in range.
        return inBucket[Math.min(position - before, inBucket.length - 1)] ?? Number.NaN;
      }
      before += count;
    }
    return Number.NaN;
  };
  const values: (number | null)[] = [];
  for (const q of qs) {
    const h = (n - 1) * q;
    const lower = Math.floor(h);
    const below = await at(lower);
    const above = await at(Math.min(lower + 1, n - 1));
    values.push(below + (h - lower) * (above - below));
  }
  return { n, values };
}

/** A duration column within a bucket's [low, high) range. */
export function inRange(
  // biome-ignore lint/suspicious/noExplicitAny: used on the facts and on the decisions.
  eb: ExpressionBuilder<any, any>,
  column: string,
  range: { low: number | null; high: number | null },
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [eb(column, 'is not', null)];
  if (range.low !== null) conditions.push(eb(column, '>=', range.low));
  if (range.high !== null) conditions.push(eb(column, '<', range.high));
  return eb.and(conditions);
}
