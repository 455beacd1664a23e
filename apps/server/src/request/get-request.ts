import type { Kysely } from 'kysely';
import { listMembershipsOfUser } from '../admin/repository.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import type { SessionUser } from '../trpc.ts';
import { canSeeRequest } from './access.ts';
import { toDataRequest } from './map-request.ts';
import { findRequestById, listVisibleRequests } from './repository.ts';

type Caller = Pick<SessionUser, 'id' | 'role'>;

/** One request: open ones for every signed-in user, closed ones for its organisation and operators. */
export async function getRequest(db: Kysely<Database>, caller: Caller, id: string) {
  const row = await findRequestById(db, id);
  if (!row || !(await canSeeRequest(db, caller, row))) throw notFound('data request', id);
  return toDataRequest(row);
}

/** Requests the caller may see, newest first. */
export async function listRequests(
  db: Kysely<Database>,
  caller: Caller,
  filter: {
    organisationId?: string | undefined;
    isOwnOnly?: boolean;
    status: 'open' | 'closed' | 'all';
    isTakingSubmissions?: boolean;
    limit: number;
    offset: number;
  },
) {
  const memberOf =
    caller.role === 'reviewer'
      ? (await listMembershipsOfUser(db, caller.id)).map((m) => m.organisation_id)
      : [];
  const rows = await listVisibleRequests(db, {
    ...filter,
    seeAll: caller.role === 'operator',
    memberOf,
    // Own organisations only: a reviewer's memberships; anyone else has none.
    ...(filter.isOwnOnly ? { onlyOrganisations: memberOf } : {}),
    ...(filter.isTakingSubmissions ? { takingSubmissionsAt: Date.now() } : {}),
  });
  return rows.map(toDataRequest);
}
