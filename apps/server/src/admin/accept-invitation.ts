import {
  type AcceptInvitationInput,
  AccountNameSchema,
  type InvitationView,
  type MemberRole,
} from '@assay/schema';
import { isAPIError } from 'better-auth/api';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { appendEvent } from '../events/append-event.ts';
import type { SessionUser } from '../trpc.ts';
import { hashInvitationToken } from './members.ts';
import {
  claimInvitation,
  findInvitationByTokenHash,
  findMembership,
  findUserByEmail,
  insertMember,
  isUserSuspended,
  setUserRole,
} from './repository.ts';
import { ACCOUNT_SUSPENDED_MESSAGE } from './suspension.ts';

interface Deps {
  db: Kysely<Database>;
  auth: Auth;
}

const NO_INVITATION = 'No invitation matches this link; check it was copied whole';

/**
 * What an invitation link is for, before accepting it: the organisation, the invited address, whether it
 * can still be accepted, and whether the address has an account (so the page asks for a new password or
 * the current one). Holding the link is the permission, as it is for accepting.
 */
export async function viewInvitation(
  db: Kysely<Database>,
  token: string,
  now = Date.now(),
): Promise<InvitationView> {
  const invitation = await findInvitationByTokenHash(db, hashInvitationToken(token));
  if (!invitation) throw new AppError('not_found', NO_INVITATION);
  const existing = await findUserByEmail(db, invitation.email);
  const expiresAt = Number(invitation.expires_at);
  return {
    organisationName: invitation.name,
    email: invitation.email,
    role: invitation.role as MemberRole,
    expiresAt: new Date(expiresAt).toISOString(),
    status: invitation.accepted_at !== null ? 'used' : expiresAt <= now ? 'expired' : 'open',
    account: existing === undefined ? 'none' : existing.role === 'reviewer' ? 'reviewer' : 'other',
  };
}

/**
 * Accepts an invitation. For a new email it creates the account through better-auth (so hashing and
 * validation are the library's), then, in one transaction, claims the invitation (single use), makes the
 * account a reviewer with a verified email (the invitation proved the address) and adds the membership;
 * if that transaction fails the new account is deleted again. A reviewer who already has an account
 * (invited to a second organisation) accepts signed in as it, and only gains the membership. They are
 * not asked for their password here: this procedure is public, and a password checked here could be
 * guessed without the sign-in's rate limit by whoever holds the link (any organisation's admin can invite
 * any address).
 * A contributor or operator account is refused: a contributor becoming a reviewer would review under the
 * same identity they contribute with, so roles never change silently; they must use another address.
 * A suspended account is refused too, and the invitation stays open.
 */
export async function acceptInvitation(
  { db, auth }: Deps,
  input: AcceptInvitationInput,
  signedIn: SessionUser | null,
  now = Date.now(),
) {
  const invitation = await findInvitationByTokenHash(db, hashInvitationToken(input.token));
  if (!invitation) throw new AppError('not_found', NO_INVITATION);
  if (invitation.accepted_at !== null) {
    throw new AppError('invalid_state', 'This invitation has already been used; sign in instead');
  }
  if (invitation.expires_at <= now) {
    throw new AppError(
      'invalid_state',
      `This invitation expired on ${new Date(Number(invitation.expires_at)).toISOString()}; ask for a new one`,
    );
  }
  const result = {
    organisationId: invitation.organisation_id,
    organisationName: invitation.name,
    email: invitation.email,
    role: invitation.role as MemberRole,
  };

  const existing = await findUserByEmail(db, invitation.email);
  if (existing) {
    if (existing.role !== 'reviewer') {
      throw new AppError(
        'conflict',
        `${invitation.email} already has a ${existing.role} account, which cannot become a reviewer; ask for an invitation to another address`,
      );
    }
    if (signedIn?.id !== existing.id) {
      throw new AppError(
        'unauthenticated',
        `You already have a reviewer account with ${invitation.email}: sign in with it, then open this link again to join ${invitation.name}`,
      );
    }
    // A suspended account is served as signed out; this backs that up.
    if (await isUserSuspended(db, existing.id)) throw new AppError('forbidden', ACCOUNT_SUSPENDED_MESSAGE);
    await db.transaction().execute(async (trx) => {
      await claimOrThrow(trx, invitation.id, now);
      if (!(await findMembership(trx, invitation.organisation_id, existing.id))) {
        await insertMember(trx, {
          organisation_id: invitation.organisation_id,
          user_id: existing.id,
          role: invitation.role,
          created_at: now,
        });
        await appendEvent(trx, joined(invitation, existing.id, now));
      }
    });
    return { ...result, userId: existing.id, isNewAccount: false };
  }

  // A new account needs a name: asked for here, as only now is it known that the account is new.
  const named = z.object({ name: AccountNameSchema }).safeParse({ name: input.name });
  if (!named.success) throw new AppError('invalid_input', 'Enter your name', { cause: named.error });
  const chosen = z
    .object({ password: z.string({ error: 'Choose a password' }) })
    .safeParse({ password: input.password });
  if (!chosen.success) throw new AppError('invalid_input', 'Choose a password', { cause: chosen.error });
  const userId = await signUp(auth, {
    email: invitation.email,
    password: chosen.data.password,
    name: named.data.name,
  });
  try {
    await db.transaction().execute(async (trx) => {
      await claimOrThrow(trx, invitation.id, now);
      await setUserRole(trx, userId, 'reviewer', true);
      await insertMember(trx, {
        organisation_id: invitation.organisation_id,
        user_id: userId,
        role: invitation.role,
        created_at: now,
      });
      await appendEvent(trx, joined(invitation, userId, now));
    });
  } catch (error) {
    // The account was made outside the transaction (better-auth owns that write): undo it.
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('session').where('userId', '=', userId).execute();
      await trx.deleteFrom('account').where('userId', '=', userId).execute();
      await trx.deleteFrom('user').where('id', '=', userId).execute();
    });
    throw error;
  }
  return { ...result, userId, isNewAccount: true };
}

/** The log's record of a member joining by an invitation: they act, on the inviter's invitation. */
function joined(
  invitation: { id: string; organisation_id: string; name: string; role: string },
  userId: string,
  now: number,
) {
  return {
    type: 'member.joined' as const,
    actorId: userId,
    props: {
      organisationId: invitation.organisation_id,
      organisationName: invitation.name,
      invitationId: invitation.id,
      userId,
      role: invitation.role,
    },
    at: now,
  };
}

async function claimOrThrow(trx: Transaction<Database>, invitationId: string, now: number) {
  if (!(await claimInvitation(trx, invitationId, now))) {
    throw new AppError('invalid_state', 'This invitation has already been used or has expired');
  }
}

async function signUp(auth: Auth, body: { email: string; password: string; name: string }): Promise<string> {
  try {
    const response = await auth.api.signUpEmail({ body });
    return response.user.id;
  } catch (error) {
    if (isAPIError(error)) {
      const code = (error.body as { code?: string } | undefined)?.code ?? '';
      if (code.startsWith('USER_ALREADY_EXISTS')) {
        throw new AppError('conflict', `An account for ${body.email} already exists; sign in instead`);
      }
      throw new AppError('invalid_input', error.message || 'The account could not be created');
    }
    throw error;
  }
}
