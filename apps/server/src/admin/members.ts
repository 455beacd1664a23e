import { createHash, randomBytes } from 'node:crypto';
import type { InvitationInput, MemberRole } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { appendEvent } from '../events/append-event.ts';
import type { SessionUser } from '../trpc.ts';
import { requireOrganisationAdmin } from './organisations.ts';
import {
  deleteMember,
  expireInvitation,
  findMembership,
  findUserByEmail,
  insertInvitation,
  listMembersOfOrganisation,
  listPendingInvitations,
  updateMemberRole,
} from './repository.ts';

/** How long an invitation link stays valid. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const iso = (ms: number) => new Date(Number(ms)).toISOString();

/** Invitation tokens are stored only as their SHA-256, so a database leak does not leak usable links. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Invites an email address to an organisation. Returns the token and the path of the invitation page;
 * Assay sends no email, so the inviter passes the link on. An email that already has a contributor or
 * operator account is refused here (and again on acceptance): roles are never changed silently.
 */
export async function inviteMember(
  db: Kysely<Database>,
  inviter: Pick<SessionUser, 'id' | 'role'>,
  input: InvitationInput,
  options: { publicUrl?: string | undefined; now?: number } = {},
) {
  const now = options.now ?? Date.now();
  const organisation = await requireOrganisationAdmin(db, inviter, input.organisationId);
  const existing = await findUserByEmail(db, input.email);
  if (existing && existing.role !== 'reviewer') {
    throw new AppError(
      'conflict',
      `${input.email} already has a ${existing.role} account, which cannot become a reviewer; invite another address`,
    );
  }
  if (existing && (await findMembership(db, input.organisationId, existing.id))) {
    throw new AppError('conflict', `${input.email} is already a member of '${organisation.name}'`);
  }
  const token = randomBytes(32).toString('base64url');
  const invitation = {
    id: crypto.randomUUID(),
    token_hash: hashInvitationToken(token),
    organisation_id: input.organisationId,
    email: input.email,
    role: input.role,
    invited_by: inviter.id,
    created_at: now,
    expires_at: now + INVITATION_TTL_MS,
  };
  await db.transaction().execute(async (trx) => {
    await insertInvitation(trx, invitation);
    await appendEvent(trx, {
      type: 'member.invited',
      actorId: inviter.id,
      props: {
        organisationId: organisation.id,
        organisationName: organisation.name,
        invitationId: invitation.id,
        email: invitation.email,
        role: input.role,
      },
      at: now,
    });
  });
  return {
    id: invitation.id,
    organisationId: organisation.id,
    organisationName: organisation.name,
    email: invitation.email,
    role: input.role as MemberRole,
    expiresAt: iso(invitation.expires_at),
    /** Shown once: only its hash is stored. */
    token,
    invitePath: `/invite/${token}`,
    /** Absolute link when PUBLIC_URL is configured; otherwise the inviter prefixes the site address. */
    inviteUrl: options.publicUrl ? new URL(`/invite/${token}`, options.publicUrl).href : null,
  };
}

/**
 * An organisation's invitations that were not accepted: open ones (their links still work) and expired or
 * revoked ones. The links themselves cannot be shown again (only their hashes are stored): a lost link is
 * replaced by inviting again.
 */
export async function listInvitations(
  db: Kysely<Database>,
  user: Pick<SessionUser, 'id' | 'role'>,
  organisationId: string,
  now = Date.now(),
) {
  await requireOrganisationAdmin(db, user, organisationId);
  const rows = await listPendingInvitations(db, organisationId);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role as MemberRole,
    invitedAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    status: Number(row.expires_at) > now ? ('open' as const) : ('expired' as const),
  }));
}

/** Revokes an open invitation: its link stops working at once. */
export async function revokeInvitation(
  db: Kysely<Database>,
  user: Pick<SessionUser, 'id' | 'role'>,
  input: { organisationId: string; invitationId: string },
  now = Date.now(),
) {
  await requireOrganisationAdmin(db, user, input.organisationId);
  await db.transaction().execute(async (trx) => {
    if (!(await expireInvitation(trx, input.organisationId, input.invitationId, now))) {
      throw new AppError(
        'not_found',
        `No open invitation with id '${input.invitationId}' in this organisation`,
      );
    }
    await appendEvent(trx, {
      type: 'invitation.revoked',
      actorId: user.id,
      props: { organisationId: input.organisationId, invitationId: input.invitationId },
      at: now,
    });
  });
}

/** An organisation's members. Emails are shown: the caller is an operator or that organisation's admin. */
export async function listMembers(
  db: Kysely<Database>,
  user: Pick<SessionUser, 'id' | 'role'>,
  organisationId: string,
) {
  await requireOrganisationAdmin(db, user, organisationId);
  const rows = await listMembersOfOrganisation(db, organisationId);
  return rows.map((row) => ({
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role as MemberRole,
    joinedAt: iso(row.created_at),
  }));
}

/**
 * Removes a member from an organisation. Their account stays (a reviewer of other organisations keeps
 * those). An admin cannot remove themselves, so an organisation is not left without one by accident.
 */
export async function removeMember(
  db: Kysely<Database>,
  user: Pick<SessionUser, 'id' | 'role'>,
  input: { organisationId: string; userId: string },
) {
  await requireOrganisationAdmin(db, user, input.organisationId);
  if (user.role !== 'operator' && input.userId === user.id) {
    throw new AppError('invalid_state', 'You cannot remove yourself; ask another admin or an operator');
  }
  await db.transaction().execute(async (trx) => {
    const result = await deleteMember(trx, input.organisationId, input.userId);
    if (result.numDeletedRows === 0n) {
      throw new AppError('not_found', `No member with id '${input.userId}' in this organisation`);
    }
    await appendEvent(trx, {
      type: 'member.removed',
      actorId: user.id,
      props: { organisationId: input.organisationId, userId: input.userId },
    });
  });
  return { organisationId: input.organisationId, userId: input.userId, removed: true as const };
}

/**
 * Makes a member an admin of the organisation, or a reviewer again. As with removing, an admin cannot
 * change their own role, so an organisation is not left without an admin by accident.
 */
export async function setMemberRole(
  db: Kysely<Database>,
  user: Pick<SessionUser, 'id' | 'role'>,
  input: { organisationId: string; userId: string; role: MemberRole },
) {
  await requireOrganisationAdmin(db, user, input.organisationId);
  if (user.role !== 'operator' && input.userId === user.id) {
    throw new AppError('invalid_state', 'You cannot change your own role; ask another admin or an operator');
  }
  await db.transaction().execute(async (trx) => {
    const result = await updateMemberRole(trx, input.organisationId, input.userId, input.role);
    if (result.numUpdatedRows === 0n) {
      throw new AppError('not_found', `No member with id '${input.userId}' in this organisation`);
    }
    await appendEvent(trx, {
      type: 'member.role_changed',
      actorId: user.id,
      props: { organisationId: input.organisationId, userId: input.userId, role: input.role },
    });
  });
  return { organisationId: input.organisationId, userId: input.userId, role: input.role };
}
