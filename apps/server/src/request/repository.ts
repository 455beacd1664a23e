import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database, DataRequestTable } from '../db/database.ts';

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

export function insertRequest(db: Db, row: DataRequestTable) {
  return db.insertInto('data_request').values(row).execute();
}

export function findRequestById(db: Db, id: string) {
  return db
    .selectFrom('data_request as r')
    .innerJoin('organisation as o', 'o.id', 'r.organisation_id')
    .select(REQUEST_COLUMNS)
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequestById>>>;

export function updateRequestRow(db: Db, id: string, patch: Updateable<DataRequestTable>) {
  return db.updateTable('data_request').set(patch).where('id', '=', id).execute();
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
    limit: number;
    offset: number;
  },
) {
  let query = db
    .selectFrom('data_request as r')
    .innerJoin('organisation as o', 'o.id', 'r.organisation_id')
    .select(REQUEST_COLUMNS)
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
  return query.execute();
}
