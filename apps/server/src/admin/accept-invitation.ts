import type { AcceptInvitationInput, MemberRole } from '@assay/schema';
import { isAPIError } from 'better-auth/api';
import type { Kysely, Transaction } from 'kysely';
import type { Auth } from '../auth.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { hashInvitationToken } from './members.ts';
import {
  claimInvitation,
  findInvitationByTokenHash,
  findMembership,
  findUserByEmail,
  insertMember,
  setUserRole,
} from './repository.ts';

interface Deps {
  db: Kysely<Database>;
  auth: Auth;
}

/**
 * Accepts an invitation. For a new email it creates the account through better-auth (so hashing and
 * validation are the library's), then, in one transaction, claims the invitation (single use), makes the
 * account a reviewer with a verified email (the invitation proved the address) and adds the membership;
 * if that transaction fails the new account is deleted again. A reviewer who already has an account
 * (invited to a second organisation) proves it with their password and only gains the membership.
 * A contributor or operator account is refused: a contributor becoming a reviewer would review under the
 * same identity they contribute with, so roles never change silently; they must use another address.
 */
export async function acceptInvitation({ db, auth }: Deps, input: AcceptInvitationInput, now = Date.now()) {
  const invitation = await findInvitationByTokenHash(db, hashInvitationToken(input.token));
  if (!invitation)
    throw new AppError('not_found', 'No invitation matches this link; check it was copied whole');
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
    await verifyExistingPassword({ db, auth }, existing.id, input.password);
    await db.transaction().execute(async (trx) => {
      await claimOrThrow(trx, invitation.id, now);
      if (!(await findMembership(trx, invitation.organisation_id, existing.id))) {
        await insertMember(trx, {
          organisation_id: invitation.organisation_id,
          user_id: existing.id,
          role: invitation.role,
          created_at: now,
        });
      }
    });
    return { ...result, userId: existing.id, isNewAccount: false };
  }

  const userId = await signUp(auth, { email: invitation.email, password: input.password, name: input.name });
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

async function verifyExistingPassword({ db, auth }: Deps, userId: string, password: string) {
  const account = await db
    .selectFrom('account')
    .select(['password'])
    .where('userId', '=', userId)
    .where('providerId', '=', 'credential')
    .executeTakeFirst();
  const context = await auth.$context;
  const isValid =
    account?.password != null && (await context.password.verify({ hash: account.password, password }));
  if (!isValid) {
    throw new AppError(
      'unauthenticated',
      'You already have a reviewer account with this email: enter its current password to join',
    );
  }
}
