import type { Kysely, Transaction } from 'kysely';
import { findMembership, listMembershipsOfUser } from '../admin/repository.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import type { SessionUser } from '../trpc.ts';
import type { RequestRow } from './repository.ts';

type Db = Kysely<Database> | Transaction<Database>;
type Caller = Pick<SessionUser, 'id' | 'role'>;

/**
 * The organisation a reviewer acts for: the one they name (they must belong to it), or their only one.
 * A reviewer in several organisations must name it.
 */
export async function resolveReviewerOrganisation(
  db: Db,
  reviewer: Caller,
  organisationId: string | undefined,
): Promise<string> {
  if (organisationId) {
    if (!(await findMembership(db, organisationId, reviewer.id)))
      throw notFound('organisation', organisationId);
    return organisationId;
  }
  const memberships = await listMembershipsOfUser(db, reviewer.id);
  if (memberships.length === 1) return memberships[0]!.organisation_id;
  if (memberships.length === 0) {
    throw new AppError('forbidden', 'You are not a member of any organisation');
  }
  throw new AppError(
    'invalid_input',
    `You belong to ${memberships.length} organisations; say which one with organisationId`,
  );
}

/** Whether a caller may see a request: open ones are public to signed-in users, closed ones to its staff. */
export async function canSeeRequest(
  db: Db,
  caller: Caller,
  request: Pick<RequestRow, 'organisation_id' | 'status'>,
) {
  if (request.status === 'open' || caller.role === 'operator') return true;
  return (
    caller.role === 'reviewer' && (await findMembership(db, request.organisation_id, caller.id)) !== undefined
  );
}

/** A reviewer may change only their own organisations' requests; others' are NOT_FOUND. */
export async function requireRequestMember(
  db: Db,
  caller: Caller,
  request: RequestRow | undefined,
  id: string,
) {
  if (!request || !(await findMembership(db, request.organisation_id, caller.id)))
    throw notFound('data request', id);
  return request;
}
