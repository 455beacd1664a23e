import type { Dialect } from '../db/connect.ts';
import { addCount, type CellSummary, dimensionOf, emptySummary, mergeSummary } from './cell-summary.ts';
import { selectCells } from './cells.ts';
import type { ResolvedFilter } from './query.ts';
import { refreshAnalytics } from './refresh-rollups.ts';
import type { AnalyticsDb } from './tables.ts';

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
 *
 * Read from the pre-aggregated cells (cells.ts); a request's quality bar is applied to its cells' counts
 * per score, so editing the bar needs no recomputation.
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
      'r.min_quality_score',
      'r.reward_cents',
      'r.budget_cents',
      'r.created_at',
    ]);
  if (filter.requestId !== null) requestsQuery = requestsQuery.where('r.id', '=', filter.requestId);
  const requestsPromise = requestsQuery.orderBy('r.created_at').orderBy('r.id').execute();

  const [requests, { cells }] = await Promise.all([
    requestsPromise,
    selectCells(db, filter, { split: 'request', part: 'supply' }),
  ]);
  const supplyBy = new Map<string, CellSummary>();
  let rejections = 0;
  const dimensionReviews = new Map<string, number>();
  const codeCounts = new Map<string, number>();
  for (const cell of cells) {
    rejections += cell.summary.rejections;
    for (const [code, n] of cell.summary.rejectionCodes) addCount(codeCounts, code, n);
    for (const [dimension, n] of cell.summary.rejectionDimensions) addCount(dimensionReviews, dimension, n);
    if (!cell.requestId) continue;
    // Without dates a request has one (all-time) cell, used as it is; else its weeks are added up.
    const supply = supplyBy.get(cell.requestId);
    if (supply) mergeSummary(supply, cell.summary);
    else supplyBy.set(cell.requestId, cell.summary);
  }

  const share = (count: number, total: number) => (total === 0 ? null : count / total);
  const result: RequestSupply[] = requests.map((request) => {
    const v = supplyBy.get(request.id) ?? emptySummary();
    const reward = Number(request.reward_cents);
    const budget = Number(request.budget_cents);
    const wanted = reward > 0 ? Math.floor(budget / reward) : null;
    const minQuality = Number(request.min_quality_score);
    let belowQuality = 0;
    for (const [score, n] of v.scoredOverall) if (score < minQuality) belowQuality += n;
    return {
      requestId: request.id,
      title: request.title,
      status: request.status,
      submissionsWanted: wanted,
      minRows: Number(request.min_rows),
      rowsWanted: wanted === null ? null : wanted * Number(request.min_rows),
      drafts: v.drafts,
      submitted: v.submitted,
      accepted: v.accepted,
      rowsSupplied: v.scoredRows,
      rowsAccepted: v.acceptedRows,
      scored: v.scored,
      failing: {
        licence: share(v.failsLicence, v.scored),
        schema: share(v.failsSchema, v.scored),
        context: share(v.failsContext, v.scored),
        quality: share(belowQuality, v.scored),
      },
      budgetCents: budget,
      paidCents: v.paidCents,
      budgetUsed: budget === 0 ? null : v.paidCents / budget,
    };
  });

  const rejectionsByDimension = [...dimensionReviews.entries()]
    .map(([dimension, reviews]) => ({ dimension, reviews, share: reviews / rejections }))
    .sort((a, b) => b.reviews - a.reviews || a.dimension.localeCompare(b.dimension));

  return {
    requests: result,
    rejectionsByDimension,
    rejectionReasons: [...codeCounts.entries()]
      .filter(([, count]) => count > 0)
      .map(([code, count]) => ({ code, dimension: dimensionOf(code), count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    rejections,
    topRejectionDimension: rejectionsByDimension[0]?.dimension ?? null,
  };
}
