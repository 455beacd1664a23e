import type { RequestPending } from '@assay/schema';
import { type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { Database, DataRequestTable } from '../db/database.ts';
import { REQUEST_ACCOUNT_PREFIX } from '../ledger/post-transaction.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Columns of a request that leave the server, with its organisation's name. */
const REQUEST_COLUMNS = [
  'r.id',
  'r.organisation_id',
  'o.name as organisation_name',
  'r.title',
  'r.description',
  'r.task',
  'r.required_columns',
  'r.label_set',
  'r.min_rows',
  'r.accepted_licenses',
  'r.required_consent_basis',
  'r.requires_commercial_use',
  'r.min_quality_score',
  'r.reward_cents',
  'r.budget_cents',
  'r.deadline_at',
  'r.status',
  'r.created_at',
  'r.updated_at',
] as const;

/**
 * Requests with their organisation's name and what is left of the budget: the balance of the request's
 * ledger account (`request:<id>`; a closed request's was refunded to 0). It is read from the ledger, never
 * kept beside it, so it cannot drift from what acceptances paid.
 */
function selectRequests(db: Db) {
  return db
    .selectFrom('data_request as r')
    .innerJoin('organisation as o', 'o.id', 'r.organisation_id')
    .select(REQUEST_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('ledger_entry as e')
        .select((sub) => sub.fn.sum<number | string | null>('e.amount_cents').as('balance'))
        .where('e.account', '=', sql<string>`${sql.lit(REQUEST_ACCOUNT_PREFIX)} || ${eb.ref('r.id')}`)
        .as('budget_left_cents'),
    );
}

export function insertRequest(db: Db, row: DataRequestTable) {
  return db.insertInto('data_request').values(row).execute();
}

export function findRequestById(db: Db, id: string) {
  return selectRequests(db).where('r.id', '=', id).executeTakeFirst();
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequestById>>>;

export function updateRequestRow(db: Db, id: string, patch: Updateable<DataRequestTable>) {
  return db.updateTable('data_request').set(patch).where('id', '=', id).execute();
}

/** Versions submitted to a request without a decision yet: in review, or still being scored. */
export async function countPendingVersions(db: Db, requestId: string): Promise<RequestPending> {
  const rows = await db
    .selectFrom('submission_version as v')
    .innerJoin('submission as s', 's.id', 'v.submission_id')
    .select(['v.state', (eb) => eb.fn.countAll<number | string | bigint>().as('count')])
    .where('s.request_id', '=', requestId)
    .where('v.state', 'in', ['submitted', 'scoring', 'in_review'])
    .groupBy('v.state')
    .execute();
  const count = (states: string[]) =>
    rows.filter((row) => states.includes(row.state)).reduce((sum, row) => sum + Number(row.count), 0);
  return { awaitingDecision: count(['in_review']), beingScored: count(['submitted', 'scoring']) };
}

/**
 * The submissions to a request whose newest version is still the contributor's to work on (a draft, or
 * changes a reviewer asked for), with that version: what closing the request cuts off.
 */
export async function openWorkForRequest(
  db: Db,
  requestId: string,
): Promise<{ submissionId: string; versionId: string }[]> {
  return db
    .selectFrom('submission as s')
    .innerJoin('submission_version as v', (join) =>
      join.onRef('v.submission_id', '=', 's.id').onRef('v.number', '=', 's.latest_version'),
    )
    .select(['s.id as submissionId', 'v.id as versionId'])
    .where('s.request_id', '=', requestId)
    .where('v.state', 'in', ['draft', 'changes_requested'])
    .orderBy('s.id')
    .execute();
}

/** Closes an open request; false when it was already closed (the condition makes closing single-shot). */
export async function closeRequestRow(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('data_request')
    .set({ status: 'closed', updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Requests visible to a caller: open ones, plus every request of `memberOf` organisations (or of all,
 * for `seeAll`), filtered by organisation and status; newest first.
 */
export function listVisibleRequests(
  db: Db,
  options: {
    seeAll: boolean;
    memberOf: string[];
    organisationId?: string | undefined;
    /** When given, only requests of these organisations (none when empty). */
    onlyOrganisations?: string[];
    status: 'open' | 'closed' | 'all';
    /** When given, only requests that take submissions at this time: open and before their deadline. */
    takingSubmissionsAt?: number;
    limit: number;
    offset: number;
  },
) {
  let query = selectRequests(db)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .limit(options.limit)
    .offset(options.offset);
  if (!options.seeAll) {
    const { memberOf } = options;
    query = query.where((eb) =>
      memberOf.length > 0
        ? eb.or([eb('r.status', '=', 'open'), eb('r.organisation_id', 'in', memberOf)])
        : eb('r.status', '=', 'open'),
    );
  }
  if (options.onlyOrganisations) {
    if (options.onlyOrganisations.length === 0) return Promise.resolve([]);
    query = query.where('r.organisation_id', 'in', options.onlyOrganisations);
  }
  if (options.organisationId) query = query.where('r.organisation_id', '=', options.organisationId);
  if (options.status !== 'all') query = query.where('r.status', '=', options.status);
  const at = options.takingSubmissionsAt;
  // `intakeOf`'s rule (`@assay/schema`) for a first submit, in SQL: open, and before any deadline.
  if (at !== undefined) {
    query = query
      .where('r.status', '=', 'open')
      .where((eb) => eb.or([eb('r.deadline_at', 'is', null), eb('r.deadline_at', '>', at)]));
  }
  return query.execute();
}
