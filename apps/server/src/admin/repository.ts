import { type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { lastEventId } from '../notifications/notification-events.ts';
import { organisationNameKey } from './organisation-name.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function insertOrganisation(
  db: Db,
  row: { id: string; name: string; name_key: string; created_at: number },
) {
  return db.insertInto('organisation').values(row).execute();
}

export function findOrganisationById(db: Db, id: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The organisation whose name reads as this one ({@link organisationNameKey}): "acme" is "Acme". */
export function findOrganisationByName(db: Db, name: string) {
  return db
    .selectFrom('organisation')
    .select(['id'])
    .where('name_key', '=', organisationNameKey(name))
    .executeTakeFirst();
}

/** Every organisation with its member count, by name. */
export function listOrganisationsWithCounts(db: Db) {
  return db
    .selectFrom('organisation as o')
    .leftJoin('member as m', 'm.organisation_id', 'o.id')
    .select((eb) => ['o.id', 'o.name', 'o.created_at', eb.fn.count<number>('m.user_id').as('member_count')])
    .groupBy(['o.id', 'o.name', 'o.created_at'])
    .orderBy('o.name')
    .execute();
}

export function findMembership(db: Db, organisationId: string, userId: string) {
  return db
    .selectFrom('member')
    .select(['organisation_id', 'user_id', 'role'])
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The organisations a user belongs to, with their role in each. */
export function listMembershipsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('member as m')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select(['m.organisation_id', 'm.role', 'o.name'])
    .where('m.user_id', '=', userId)
    .orderBy('o.name')
    .execute();
}

export function listMembersOfOrganisation(db: Db, organisationId: string) {
  return db
    .selectFrom('member as m')
    .innerJoin('user as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.role', 'm.created_at', 'u.name', 'u.email', 'u.pseudonym'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('m.created_at')
    .orderBy('m.user_id')
    .execute();
}

export function insertMember(
  db: Db,
  row: { organisation_id: string; user_id: string; role: string; created_at: number },
) {
  return db
    .insertInto('member')
    .values({
      ...row,
      // Where the member's notifications start: after everything in the log now (notification-events.ts).
      notify_after_event_id: lastEventId(db),
    })
    .execute();
}

export function updateMemberRole(db: Db, organisationId: string, userId: string, role: string) {
  return db
    .updateTable('member')
    .set({ role })
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function deleteMember(db: Db, organisationId: string, userId: string) {
  return db
    .deleteFrom('member')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function insertInvitation(
  db: Db,
  row: {
    id: string;
    token_hash: string;
    organisation_id: string;
    email: string;
    role: string;
    invited_by: string;
    created_at: number;
    expires_at: number;
  },
) {
  return db
    .insertInto('invitation')
    .values({ ...row, accepted_at: null })
    .execute();
}

export function findInvitationByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('invitation as i')
    .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
    .select(['i.id', 'i.organisation_id', 'i.email', 'i.role', 'i.expires_at', 'i.accepted_at', 'o.name'])
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** An organisation's invitations not yet accepted (open or expired), newest first. */
export function listPendingInvitations(db: Db, organisationId: string) {
  return db
    .selectFrom('invitation')
    .select(['id', 'email', 'role', 'created_at', 'expires_at'])
    .where('organisation_id', '=', organisationId)
    .where('accepted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * Ends an invitation that is still open by expiring it now, so its link stops working (the row stays: the
 * event log and who invited whom keep their reference). Returns whether one was open.
 */
export async function expireInvitation(
  db: Db,
  organisationId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('invitation')
    .set({ expires_at: now })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks an invitation used, only if it still is open: the conditional update makes acceptance single-use. */
export async function claimInvitation(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('invitation')
    .set({ accepted_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('user')
    .select(['id', 'email', 'role'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export function setUserRole(db: Db, userId: string, role: string, emailVerified?: boolean) {
  // better-auth's column is boolean on PostgreSQL and 0/1 on SQLite.
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const verified = isPostgres ? emailVerified : emailVerified ? 1 : 0;
  return db
    .updateTable('user')
    .set(emailVerified === undefined ? { role } : { role, emailVerified: verified })
    .where('id', '=', userId)
    .execute();
}

/** An account with its suspension (`suspendedAt` null while it is active). */
export function findUserSuspension(db: Db, userId: string) {
  return db
    .selectFrom('user')
    .select(['id', 'email', 'suspendedAt', 'suspensionReason'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** Whether the account is suspended; false for an unknown id. */
export async function isUserSuspended(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('user').select('suspendedAt').where('id', '=', userId).executeTakeFirst();
  return row !== undefined && row.suspendedAt !== null;
}

/** Suspends an active account; false when it was suspended already (so two operators cannot both). */
export async function markUserSuspended(
  db: Db,
  userId: string,
  at: number,
  reason: string,
): Promise<boolean> {
  const result = await db
    .updateTable('user')
    .set({ suspendedAt: at, suspensionReason: reason })
    .where('id', '=', userId)
    .where('suspendedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Reinstates a suspended account; false when it was not suspended. */
export async function clearUserSuspension(db: Db, userId: string): Promise<boolean> {
  const result = await db
    .updateTable('user')
    .set({ suspendedAt: null, suspensionReason: null })
    .where('id', '=', userId)
    .where('suspendedAt', 'is not', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Ends every session of an account: its cookies sign nobody in from the next request on. */
export function deleteSessionsOfUser(db: Db, userId: string) {
  return db.deleteFrom('session').where('userId', '=', userId).execute();
}

/** Each allow-listed sort: the newest accounts first (the page's "Newest first"), names and addresses A to Z. */
const USER_SORTS = {
  createdAt: ['createdAt', 'desc'],
  email: ['email', 'asc'],
  name: ['name', 'asc'],
} as const;

/** Users for operators, optionally of one role; sorted by an allow-listed column. */
export function listUsers(
  db: Db,
  options: { role?: string | undefined; sort: keyof typeof USER_SORTS; limit: number; offset: number },
) {
  const [column, direction] = USER_SORTS[options.sort];
  let query = db
    .selectFrom('user')
    .select(['id', 'name', 'email', 'role', 'pseudonym', 'createdAt', 'suspendedAt', 'suspensionReason'])
    .orderBy(column, direction)
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset);
  if (options.role) query = query.where('role', '=', options.role);
  return query.execute();
}

export function listMembershipsOfUsers(db: Db, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('member as m')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select(['m.user_id', 'm.organisation_id', 'm.role', 'o.name'])
    .where('m.user_id', 'in', userIds)
    .execute();
}
