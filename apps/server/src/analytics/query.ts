import type { AnalyticsFilter } from '@assay/schema';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';

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
const WEEK_MS = 7 * 86_400_000;

/**
 * The Monday 00:00 UTC starting the week of an epoch-ms time: ⌊(t − m) / w⌋ · w + m with m the first Monday
 * and w a week. The rollups store it (cohort and decision weeks), so SQLite and PostgreSQL group alike.
 */
export function weekStart(ms: number): number {
  return Math.floor((ms - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
}

/** Numbers in ascending order, for `quantile` (a typed array's sort is numeric, and much faster). */
export const sortAscending = (values: number[]) => Float64Array.from(values).sort();

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
