import type { AnalyticsFilter } from '@assay/schema';
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../db/connect.ts';

/** A filter with its bounds as epoch milliseconds. */
export interface ResolvedFilter {
  fromMs: number | null;
  toMs: number | null;
  requestId: string | null;
}

export function resolveFilter(filter: AnalyticsFilter = {}): ResolvedFilter {
  return {
    fromMs: filter.from ? Date.parse(filter.from) : null,
    toMs: filter.to ? Date.parse(filter.to) : null,
    requestId: filter.requestId ?? null,
  };
}

/**
 * The one selection rule of every metric: submissions (drafts) whose draft started — the time of their
 * `submission.created` event, `created_at` of the submission row and of its analytics fact — in [from, to),
 * for the request when one is given. `alias` is the submission (`s`) or fact (`f`) table in the query.
 */
export function isSelectedSubmission(
  // biome-ignore lint/suspicious/noExplicitAny: used inside queries of many shapes, all with the alias joined.
  eb: ExpressionBuilder<any, any>,
  filter: ResolvedFilter,
  alias: 's' | 'f' = 's',
) {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.fromMs !== null) conditions.push(eb(`${alias}.created_at`, '>=', filter.fromMs));
  if (filter.toMs !== null) conditions.push(eb(`${alias}.created_at`, '<', filter.toMs));
  if (filter.requestId !== null) conditions.push(eb(`${alias}.request_id`, '=', filter.requestId));
  return eb.and(conditions);
}

/** Whether the filter narrows anything (an empty filter lets a query skip its join to the facts). */
export const isFiltered = (filter: ResolvedFilter) =>
  filter.fromMs !== null || filter.toMs !== null || filter.requestId !== null;

/** 1970-01-05T00:00Z, the first Monday after the epoch; weeks run Monday to Monday in UTC. */
const FIRST_MONDAY_MS = 4 * 86_400_000;
export const WEEK_MS = 7 * 86_400_000;

/**
 * The Monday 00:00 UTC starting the week of an epoch-ms column, by integer arithmetic that both SQLite and
 * PostgreSQL evaluate alike: ⌊(t − m) / w⌋ · w + m with m the first Monday and w a week (t ≥ m always holds
 * for real timestamps, so truncating division is flooring).
 */
export function weekStartOf(column: string): RawBuilder<number> {
  // The cast keeps the division integral even if a timestamp was stored as a real number.
  return sql<number>`cast((${sql.ref(column)} - ${sql.lit(FIRST_MONDAY_MS)}) / ${sql.lit(WEEK_MS)} as bigint) * ${sql.lit(WEEK_MS)} + ${sql.lit(FIRST_MONDAY_MS)}`;
}

/** The same week start, computed in JavaScript. */
export function weekStart(ms: number): number {
  return Math.floor((ms - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
}

/** A numeric property of a JSON-text column, or NULL when absent or not a number. */
export function jsonNumber(dialect: Dialect, column: string, key: string): RawBuilder<number | null> {
  const ref = sql.ref(column);
  if (dialect === 'postgres') {
    return sql<
      number | null
    >`(case when jsonb_typeof(${ref}::jsonb -> ${sql.lit(key)}) = 'number' then (${ref}::jsonb ->> ${sql.lit(key)})::double precision end)`;
  }
  const path = sql.lit(`$.${key}`);
  return sql<
    number | null
  >`(case when json_type(${ref}, ${path}) in ('integer', 'real') then json_extract(${ref}, ${path}) end)`;
}

/** Numbers in ascending order, for `quantile`. */
export const sortAscending = (values: number[]) => values.sort((a, b) => a - b);

export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The map's value for `key`, created by `make` on first use. */
export function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
