import {
  InvitationInputSchema,
  MemberRoleInputSchema,
  OrganisationInputSchema,
  ReinstateUserInputSchema,
  SuspendUserInputSchema,
  UserSortSchema,
} from '@assay/schema';
import { z } from 'zod';
import { listUsers } from '../admin/list-users.ts';
import {
  inviteMember,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  setMemberRole,
} from '../admin/members.ts';
import { createOrganisation, listOrganisations } from '../admin/organisations.ts';
import { reinstateUser, suspendUser } from '../admin/suspension.ts';
import { operatorProcedure, router, staffProcedure } from '../trpc.ts';

const OrganisationRefSchema = z.strictObject({ organisationId: z.uuid() });

/**
 * Organisations, members and users. Roles: organisations and users are operator-only; members may be
 * managed by an operator or by an admin of that organisation (checked per object in the domain).
 */
export const adminRouter = router({
  organisation: router({
    /** Operator. */
    create: operatorProcedure
      .input(OrganisationInputSchema)
      .mutation(({ ctx, input }) => createOrganisation(ctx.services.db, input, ctx.user.id)),
    /** Operator. */
    list: operatorProcedure.query(({ ctx }) => listOrganisations(ctx.services.db)),
  }),

  member: router({
    /** Operator, or an admin of the organisation. Returns the invitation link; no email is sent. */
    invite: staffProcedure
      .input(InvitationInputSchema)
      .mutation(({ ctx, input }) =>
        inviteMember(ctx.services.db, ctx.user, input, { publicUrl: ctx.services.env.PUBLIC_URL }),
      ),
    /** Operator, or an admin of the organisation. */
    list: staffProcedure
      .input(OrganisationRefSchema)
      .query(({ ctx, input }) => listMembers(ctx.services.db, ctx.user, input.organisationId)),
    /** Operator, or an admin of the organisation: invitations not accepted, open or expired. */
    invitations: staffProcedure
      .input(OrganisationRefSchema)
      .query(({ ctx, input }) => listInvitations(ctx.services.db, ctx.user, input.organisationId)),
    /** Operator, or an admin of the organisation: ends an open invitation; its link stops working. */
    revokeInvitation: staffProcedure
      .input(OrganisationRefSchema.extend({ invitationId: z.uuid() }))
      .mutation(({ ctx, input }) => revokeInvitation(ctx.services.db, ctx.user, input)),
    /** Operator, or an admin of the organisation (not for themselves): reviewer ↔ admin. */
    setRole: staffProcedure
      .input(MemberRoleInputSchema)
      .mutation(({ ctx, input }) => setMemberRole(ctx.services.db, ctx.user, input)),
    /** Operator, or an admin of the organisation (not themselves). */
    remove: staffProcedure
      .input(OrganisationRefSchema.extend({ userId: z.uuid() }))
      .mutation(({ ctx, input }) => removeMember(ctx.services.db, ctx.user, input)),
  }),

  user: router({
    /** Operator: every account with its email, role, organisations and suspension. */
    list: operatorProcedure
      .input(
        z
          .strictObject({
            role: z.enum(['contributor', 'reviewer', 'operator']).optional(),
            sort: UserSortSchema.default('createdAt'),
            limit: z.number().int().min(1).max(200).default(50),
            offset: z.number().int().min(0).default(0),
          })
          .default({ sort: 'createdAt', limit: 50, offset: 0 }),
      )
      .query(({ ctx, input }) => listUsers(ctx.services.db, input)),
    /**
     * Operator (not themselves): signs the account out everywhere and refuses its sign-in until reinstated.
     * CONFLICT when it is suspended already; NOT_FOUND for an unknown id.
     */
    suspend: operatorProcedure
      .input(SuspendUserInputSchema)
      .mutation(({ ctx, input }) => suspendUser(ctx.services.db, ctx.user, input)),
    /** Operator: lets a suspended account sign in again. CONFLICT when it is not suspended. */
    reinstate: operatorProcedure
      .input(ReinstateUserInputSchema)
      .mutation(({ ctx, input }) => reinstateUser(ctx.services.db, ctx.user, input)),
  }),
});
