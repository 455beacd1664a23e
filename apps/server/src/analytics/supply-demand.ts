import { REASON_CODES, type ReasonCode } from '@assay/schema';
import { sql } from 'kysely';
import type { Dialect } from '../db/connect.ts';
import { isFiltered, isSelectedSubmission, type ResolvedFilter } from './query.ts';
import { refreshAnalytics } from './refresh-rollups.ts';
import type { AnalyticsDb } from './tables.ts';

/** The context-dimension score below which a version fails a request's context requirement. */
export const CONTEXT_PASS_SCORE = 50;

export interface RequestSupply {
  requestId: string;
  title: string;
  status: string;
  /** Demand: ⌊budget / reward⌋ submissions of at least `minRows` rows. */
  submissionsWanted: number | null;
  minRows: number;
  rowsWanted: number | null;
  /** Supply: drafts started, submitted, accepted. */
  drafts: number;
  submitted: number;
  accepted: number;
  /** Σ rows of each submission's latest scored version, and of accepted versions. */
  rowsSupplied: number;
  rowsAccepted: number;
  /** Share of scored submissions (latest scored version) failing each requirement; null with none scored. */
  scored: number;
  failing: { licence: number | null; schema: number | null; context: number | null; quality: number | null };
  budgetCents: number;
  paidCents: number;
  /** paid / budget; null for a zero budget. */
  budgetUsed: number | null;
}

export interface SupplyDemandResult {
  requests: RequestSupply[];
  /** Reason codes of reject / request-changes decisions, counted per dimension (a review counts once per dimension it cites). */
  rejectionsByDimension: { dimension: string; reviews: number; share: number }[];
  rejectionReasons: { code: string; dimension: string; count: number }[];
  /** Reviews that rejected or asked for changes. */
  rejections: number;
  /** The dimension cited by the most rejections (ties: alphabetical); null with no rejections. */
  topRejectionDimension: string | null;
}

/**
 * **Supply versus demand.** Per data request (all, or the one in the filter), over the submissions selected
 * by the filter:
 *
 * - demand: submissionsWanted = ⌊budget_cents / reward_cents⌋ (null for a zero reward), rowsWanted =
 *   submissionsWanted · min_rows;
 * - supply: drafts, submitted (a `version.submitted` event), accepted (a `version.decided` accept);
 *   rowsSupplied = Σ row_count of each submission's latest scored version; rowsAccepted = Σ row_count of
 *   accepted versions;
 * - failing, each as a share of scored submissions judged on their latest scored version: *licence* — the
 *   report has a licence finding (missing, unknown, not accepted by the request, not commercial); *schema* —
 *   a required column, type or label-set finding; *context* — context score < 50; *quality* — overall score <
 *   the request's minimum quality score;
 * - budget: paidCents = Σ reward of each submission's `ledger.paid` event; budgetUsed = paid / budget.
 *
 * Platform-wide (same filter): every reject or request-changes review, its reason codes mapped to a
 * dimension (REASON_CODES); per dimension the number of reviews citing it and its share of such reviews.
 */
export async function computeSupplyDemand(
  db: AnalyticsDb,
  dialect: Dialect,
  filter: ResolvedFilter,
): Promise<SupplyDemandResult> {
  await refreshAnalytics(db, dialect);

  let requestsQuery = db
    .selectFrom('data_request as r')
    .select([
      'r.id',
      'r.title',
      'r.status',
      'r.min_rows',
      'r.reward_cents',
      'r.budget_cents',
      'r.created_at',
    ]);
  if (filter.requestId !== null) requestsQuery = requestsQuery.where('r.id', '=', filter.requestId);
  const requestsPromise = requestsQuery.orderBy('r.created_at').orderBy('r.id').execute();

  // One pass over the facts: supply, latest scored versions, acceptances and payments per request. The join
  // is on an expression of the request id so that no index on the facts' request_id is used: SQLite would
  // otherwise walk the funnel's index by skip-scan and read every fact out of order (twice as slow).
  const supplyPromise = db
    .selectFrom('analytics_submission_fact as f')
    .innerJoin('data_request as r', (join) => join.on('r.id', '=', sql<string>`f.request_id || ''`))
    .where((eb) => isSelectedSubmission(eb, filter, 'f'))
    .select([
      'f.request_id',
      (eb) => eb.fn.countAll<number>().as('drafts'),
      sql<number>`sum(case when f.submitted_at is not null then 1 else 0 end)`.as('submitted'),
      sql<number>`sum(case when f.accepted_at is not null then 1 else 0 end)`.as('accepted'),
      sql<number>`sum(case when f.scored_number is not null then 1 else 0 end)`.as('scored'),
      sql<number>`coalesce(sum(f.scored_rows), 0)`.as('rows'),
      sql<number>`coalesce(sum(f.accepted_rows), 0)`.as('acceptedRows'),
      sql<number>`coalesce(sum(f.scored_fails_licence), 0)`.as('licence'),
      sql<number>`coalesce(sum(f.scored_fails_schema), 0)`.as('schema'),
      sql<number>`sum(case when f.scored_context < ${CONTEXT_PASS_SCORE} then 1 else 0 end)`.as('context'),
      sql<number>`sum(case when f.scored_overall < r.min_quality_score then 1 else 0 end)`.as('quality'),
      sql<number>`coalesce(sum(f.paid_cents), 0)`.as('paid'),
    ])
    .groupBy('f.request_id')
    .execute();

  // Few distinct reason-code lists exist, so group by the stored JSON text and parse each once.
  const reasonListsPromise = db
    .selectFrom('analytics_decision_fact as d')
    .where('d.decision', '<>', 'accept')
    .$if(isFiltered(filter), (qb) =>
      qb.where('d.submission_id', 'in', (eb) =>
        eb
          .selectFrom('analytics_submission_fact as f')
          .select('f.submission_id')
          .where((e) => isSelectedSubmission(e, filter, 'f')),
      ),
    )
    .select(['d.reason_codes', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('d.reason_codes')
    .execute();
  // Independent queries run together: on PostgreSQL over several pooled connections.
  const [requests, supply, reasonLists] = await Promise.all([
    requestsPromise,
    supplyPromise,
    reasonListsPromise,
  ]);
  const supplyBy = new Map(supply.map((row) => [row.request_id, row] as const));

  const share = (count: unknown, total: number) => (total === 0 ? null : Number(count ?? 0) / total);
  const result: RequestSupply[] = requests.map((request) => {
    const v = supplyBy.get(request.id);
    const reward = Number(request.reward_cents);
    const budget = Number(request.budget_cents);
    const wanted = reward > 0 ? Math.floor(budget / reward) : null;
    const scored = Number(v?.scored ?? 0);
    const paidCents = Number(v?.paid ?? 0);
    return {
      requestId: request.id,
      title: request.title,
      status: request.status,
      submissionsWanted: wanted,
      minRows: Number(request.min_rows),
      rowsWanted: wanted === null ? null : wanted * Number(request.min_rows),
      drafts: Number(v?.drafts ?? 0),
      submitted: Number(v?.submitted ?? 0),
      accepted: Number(v?.accepted ?? 0),
      rowsSupplied: Number(v?.rows ?? 0),
      rowsAccepted: Number(v?.acceptedRows ?? 0),
      scored,
      failing: {
        licence: share(v?.licence, scored),
        schema: share(v?.schema, scored),
        context: share(v?.context, scored),
        quality: share(v?.quality, scored),
      },
      budgetCents: budget,
      paidCents,
      budgetUsed: budget === 0 ? null : paidCents / budget,
    };
  });

  let rejections = 0;
  const dimensionReviews = new Map<string, number>();
  const codeCounts = new Map<string, number>();
  for (const row of reasonLists) {
    const n = Number(row.n);
    rejections += n;
    const codes = parseCodes(row.reason_codes);
    const dimensions = new Set<string>();
    for (const code of codes) {
      codeCounts.set(code, (codeCounts.get(code) ?? 0) + n);
      dimensions.add(dimensionOf(code));
    }
    for (const dimension of dimensions)
      dimensionReviews.set(dimension, (dimensionReviews.get(dimension) ?? 0) + n);
  }
  const rejectionsByDimension = [...dimensionReviews.entries()]
    .map(([dimension, reviews]) => ({ dimension, reviews, share: reviews / rejections }))
    .sort((a, b) => b.reviews - a.reviews || a.dimension.localeCompare(b.dimension));

  return {
    requests: result,
    rejectionsByDimension,
    rejectionReasons: [...codeCounts.entries()]
      .map(([code, count]) => ({ code, dimension: dimensionOf(code), count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    rejections,
    topRejectionDimension: rejectionsByDimension[0]?.dimension ?? null,
  };
}

function parseCodes(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((code): code is string => typeof code === 'string') : [];
  } catch {
    return [];
  }
}

function dimensionOf(code: string): string {
  return code in REASON_CODES ? REASON_CODES[code as ReasonCode].dimension : 'unknown';
}
