import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { AppError, notFound } from '../errors.ts';
import { appendEvent } from '../events/append-event.ts';
import type { SessionUser } from '../trpc.ts';
import { organisationNameKey } from './organisation-name.ts';
import {
  findMembership,
  findOrganisationById,
  findOrganisationByName,
  insertOrganisation,
  listOrganisationsWithCounts,
} from './repository.ts';

const iso = (ms: number) => new Date(Number(ms)).toISOString();

/** Creates an organisation; names are unique as they read ({@link organisationNameKey}). */
export async function createOrganisation(
  db: Kysely<Database>,
  input: { name: string },
  /** The operator who creates it, for the event log. */
  actorId: string | null = null,
) {
  const row = {
    id: crypto.randomUUID(),
    name: input.name,
    name_key: organisationNameKey(input.name),
    created_at: Date.now(),
  };
  const taken = () => new AppError('conflict', `An organisation named '${input.name}' already exists`);
  try {
    await db.transaction().execute(async (trx) => {
      if (await findOrganisationByName(trx, input.name)) throw taken();
      await insertOrganisation(trx, row);
      await appendEvent(trx, {
        type: 'organisation.created',
        actorId,
        props: { organisationId: row.id, organisationName: row.name },
        at: row.created_at,
      });
    });
  } catch (error) {
    // Another create of the same name passed the check at the same moment; the unique index refused this one.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
  return { id: row.id, name: row.name, createdAt: iso(row.created_at), memberCount: 0 };
}

export async function listOrganisations(db: Kysely<Database>) {
  const rows = await listOrganisationsWithCounts(db);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: iso(row.created_at),
    memberCount: Number(row.member_count),
  }));
}

/**
 * Checks that the user may manage an organisation's members: operators may manage any, a reviewer only
 * an organisation where they are an admin. An organisation the reviewer does not belong to is NOT_FOUND
 * (its existence is not revealed); a plain reviewer of it is FORBIDDEN.
 */
export async function requireOrganisationAdmin(
  db: Kysely<Database>,
  user: Pick<SessionUser, 'id' | 'role'>,
  organisationId: string,
) {
  const organisation = await findOrganisationById(db, organisationId);
  if (user.role === 'operator') {
    if (!organisation) throw notFound('organisation', organisationId);
    return organisation;
  }
  const membership = await findMembership(db, organisationId, user.id);
  if (!organisation || !membership) throw notFound('organisation', organisationId);
  if (membership.role !== 'admin') {
    throw new AppError('forbidden', `Only an admin of '${organisation.name}' may manage its members`);
  }
  return organisation;
}
