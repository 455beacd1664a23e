import type { QueueCursor, QueueOrder, QueueSort } from '@assay/schema';
import { type Kysely, sql, type Transaction } from 'kysely';
import { listMembershipsOfUser } from '../admin/repository.ts';
import type { Database } from '../db/database.ts';
import { REQUEST_ACCOUNT_PREFIX } from '../ledger/post-transaction.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Columns the review queue may sort by: an allowlist, so no input reaches ORDER BY unchecked. */
export const QUEUE_SORTS = {
  score: 'v.score_overall',
  age: 'v.submitted_at',
} as const satisfies Record<QueueSort, string>;

/** Which versions in review the queue shows. */
export interface QueueFilter {
  /** The caller's organisations; `null` for all (operators). */
  organisationIds: string[] | null;
  requestId?: string | undefined;
  minScore?: number | undefined;
}

/** Versions in review that pass the filter, joined to what the queue shows of them; `null` when none can. */
function selectQueue(db: Db, filter: QueueFilter) {
  if (filter.organisationIds?.length === 0) return null;
  let query = db
    .selectFrom('submission_version as v')
    .innerJoin('submission as s', 's.id', 'v.submission_id')
    .innerJoin('data_request as r', 'r.id', 's.request_id')
    .innerJoin('user as u', 'u.id', 's.contributor_id')
    .where('v.state', '=', 'in_review');
  if (filter.organisationIds) query = query.where('r.organisation_id', 'in', filter.organisationIds);
  if (filter.requestId) query = query.where('r.id', '=', filter.requestId);
  if (filter.minScore !== undefined) query = query.where('v.score_overall', '>=', filter.minScore);
  return query;
}

/**
 * A page of versions in review for requests of the given organisations (all organisations when `null`),
 * by the sort column in `order`, ties by version id ascending; after `after` when given (keyset paging:
 * the rows strictly past the cursor's (value, id) in that same order).
 */
export function listQueue(
  db: Db,
  filter: QueueFilter & {
    sort: QueueSort;
    order: QueueOrder;
    limit: number;
    after?: QueueCursor | undefined;
  },
) {
  let query = selectQueue(db, filter);
  if (!query) return Promise.resolve([]);
  const column = QUEUE_SORTS[filter.sort];
  const after = filter.after;
  if (after) {
    // The cursor's value is the column's own, as read. On PostgreSQL the score is `real`: the parameter
    // compared with it takes that type, so the value read equals itself again and ties are found.
    query = query.where((eb) =>
      eb.or([
        eb(column, filter.order === 'asc' ? '>' : '<', after.value),
        eb.and([eb(column, '=', after.value), eb('v.id', '>', after.versionId)]),
      ]),
    );
  }
  return query
    .select([
      'v.id as version_id',
      'v.submission_id',
      'v.number',
      'v.score_overall',
      'v.score_structure',
      'v.score_context',
      'v.score_provenance',
      'v.enterprise_grade',
      'v.row_count',
      'v.submitted_at',
      'v.scored_at',
      'v.manifest',
      'r.id as request_id',
      'r.title as request_title',
      'r.min_quality_score',
      'r.organisation_id',
      'u.pseudonym',
    ])
    .orderBy(column, filter.order)
    .orderBy('v.id')
    .limit(filter.limit)
    .execute();
}

/** How many versions in review pass the filter, on every page. */
export async function countQueue(db: Db, filter: QueueFilter): Promise<number> {
  const query = selectQueue(db, filter);
  if (!query) return 0;
  const row = await query
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/**
 * Accepted versions of the given organisations' requests, newest decision first, with their files and
 * what each acceptance took from its request's budget (the ledger's entries, never a stored figure).
 */
export function listAccepted(
  db: Db,
  filter: { organisationIds: string[]; requestId?: string | undefined; limit: number },
) {
  if (filter.organisationIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('submission_version as v')
    .innerJoin('submission as s', 's.id', 'v.submission_id')
    .innerJoin('data_request as r', 'r.id', 's.request_id')
    .innerJoin('user as u', 'u.id', 's.contributor_id')
    .innerJoin('stored_file as f', 'f.sha256', 'v.file_sha256')
    .select((eb) => [
      'v.id as version_id',
      'v.submission_id',
      'v.number',
      'v.manifest',
      'v.score_overall',
      'v.row_count',
      'v.decided_at',
      'v.file_sha256',
      'v.file_name',
      'v.file_format',
      'f.size as file_size',
      'r.id as request_id',
      'r.title as request_title',
      'u.pseudonym',
      eb
        .selectFrom('ledger_entry as e')
        // Debits are negative: the amount paid is the sum negated.
        .select((sub) => sub.fn.sum<number | string | null>(sql`-${sub.ref('e.amount_cents')}`).as('paid'))
        .where('e.version_id', '=', eb.ref('v.id'))
        .where('e.account', '=', sql<string>`${sql.lit(REQUEST_ACCOUNT_PREFIX)} || ${eb.ref('r.id')}`)
        .as('paid_cents'),
    ])
    .where('v.state', '=', 'accepted')
    .where('r.organisation_id', 'in', filter.organisationIds);
  if (filter.requestId) query = query.where('r.id', '=', filter.requestId);
  return query.orderBy('v.decided_at', 'desc').orderBy('v.id').limit(filter.limit).execute();
}

/** A version with what a reviewer may see of its submission and request (the contributor by pseudonym). */
export function findVersionForReview(db: Db, versionId: string) {
  return db
    .selectFrom('submission_version as v')
    .innerJoin('submission as s', 's.id', 'v.submission_id')
    .innerJoin('data_request as r', 'r.id', 's.request_id')
    .innerJoin('user as u', 'u.id', 's.contributor_id')
    .select([
      'v.id',
      'v.submission_id',
      'v.number',
      'v.state',
      'v.manifest',
      'v.report',
      'v.file_sha256',
      'v.file_name',
      'v.file_format',
      'v.row_count',
      'v.sample_rows',
      'v.score_overall',
      'v.enterprise_grade',
      'v.submitted_at',
      'v.scored_at',
      'v.decided_at',
      's.contributor_id',
      'r.id as request_id',
      'r.title as request_title',
      'r.organisation_id',
      'r.reward_cents',
      'r.min_quality_score',
      'u.pseudonym',
    ])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
}

export function findPreviousVersion(db: Db, submissionId: string, number: number) {
  return db
    .selectFrom('submission_version')
    .select(['id', 'number', 'state', 'manifest', 'score_overall', 'report', 'file_sha256'])
    .where('submission_id', '=', submissionId)
    .where('number', '<', number)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * An accepted version of the request, other than `versionId`, whose data file is byte for byte this one:
 * the same data bought twice. (Fingerprint overlap finds copies among other contributors' data; this
 * finds the exact file, whoever sent it, the contributor's own earlier submission included.)
 */
export function findAcceptedWithSameFile(db: Db, requestId: string, sha256: string, versionId: string) {
  return db
    .selectFrom('submission_version as v')
    .innerJoin('submission as s', 's.id', 'v.submission_id')
    .select(['v.id', 'v.submission_id', 'v.decided_at'])
    .where('s.request_id', '=', requestId)
    .where('v.file_sha256', '=', sha256)
    .where('v.state', '=', 'accepted')
    .where('v.id', '!=', versionId)
    .orderBy('v.decided_at')
    .limit(1)
    .executeTakeFirst();
}

export function findReviewOfVersion(db: Db, versionId: string) {
  return db
    .selectFrom('review')
    .select(['id', 'reviewer_id', 'decision', 'reason_codes', 'comment', 'created_at', 'time_spent_ms'])
    .where('version_id', '=', versionId)
    .executeTakeFirst();
}

/** Organisation ids the user reviews for. */
export async function listOrganisationIdsOfReviewer(db: Db, userId: string): Promise<string[]> {
  return (await listMembershipsOfUser(db, userId)).map((membership) => membership.organisation_id);
}
