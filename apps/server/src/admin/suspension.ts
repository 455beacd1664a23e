import type { ReinstateUserInput, SuspendUserInput } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { appendEvent } from '../events/append-event.ts';
import { iso } from '../submission/map-version.ts';
import type { SessionUser } from '../trpc.ts';
import {
  clearUserSuspension,
  deleteSessionsOfUser,
  findUserSuspension,
  markUserSuspended,
} from './repository.ts';

/**
 * What a suspended account is told when it signs in. Only after the right password (better-auth checks it
 * before it creates the session this refuses), so it tells a stranger nothing. The operator's reason is
 * not in it: that is the operators' record.
 */
export const ACCOUNT_SUSPENDED_MESSAGE =
  'This account is suspended, so it cannot sign in. If you think this is a mistake, contact the Assay operators.';

/**
 * Suspends an account, in one transaction: marks it (when and why), deletes its sessions, so its next
 * request is a signed-out one, and logs `user.suspended` with the reason. An operator cannot suspend
 * themselves; a suspended account is not suspended again (CONFLICT: the first suspension and its reason
 * stand, and a second operator learns that someone already acted).
 */
export async function suspendUser(
  db: Kysely<Database>,
  operator: Pick<SessionUser, 'id'>,
  input: SuspendUserInput,
  now = Date.now(),
) {
  if (input.userId === operator.id) {
    throw new AppError('invalid_state', 'You cannot suspend your own account; ask another operator');
  }
  return db.transaction().execute(async (trx) => {
    const user = await findUserSuspension(trx, input.userId);
    if (!user) throw notFound('user', input.userId);
    // The conditional update, not the read above, decides a race between two operators.
    if (user.suspendedAt !== null || !(await markUserSuspended(trx, user.id, now, input.reason))) {
      throw new AppError(
        'conflict',
        `${user.email} is already suspended${user.suspendedAt === null ? '' : ` (since ${iso(Number(user.suspendedAt))})`}`,
      );
    }
    await deleteSessionsOfUser(trx, user.id);
    await appendEvent(trx, {
      type: 'user.suspended',
      actorId: operator.id,
      props: { userId: user.id, reason: input.reason },
      at: now,
    });
    return { userId: user.id, suspendedAt: iso(now), suspensionReason: input.reason };
  });
}

/**
 * Reinstates a suspended account: it may sign in again (its old sessions stay deleted). Logs
 * `user.reinstated`. An account that is not suspended is a CONFLICT.
 */
export async function reinstateUser(
  db: Kysely<Database>,
  /** The operator who reinstates, or null from the command line (`npm run admin -- reinstate`). */
  operator: Pick<SessionUser, 'id'> | null,
  input: ReinstateUserInput,
  now = Date.now(),
) {
  return db.transaction().execute(async (trx) => {
    const user = await findUserSuspension(trx, input.userId);
    if (!user) throw notFound('user', input.userId);
    if (user.suspendedAt === null || !(await clearUserSuspension(trx, user.id))) {
      throw new AppError('conflict', `${user.email} is not suspended`);
    }
    await appendEvent(trx, {
      type: 'user.reinstated',
      actorId: operator?.id ?? null,
      props: operator ? { userId: user.id } : { userId: user.id, via: 'command line' },
      at: now,
    });
    return { userId: user.id, suspendedAt: null, suspensionReason: null };
  });
}
