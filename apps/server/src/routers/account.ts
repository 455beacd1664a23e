import { AcceptInvitationInputSchema, InvitationTokenInputSchema } from '@assay/schema';
import { acceptInvitation, viewInvitation } from '../admin/accept-invitation.ts';
import { listMembershipsOfUser } from '../admin/repository.ts';
import { publicProcedure, router } from '../trpc.ts';

export const accountRouter = router({
  /** Who is signed in, or null. Sign-up and sign-in themselves go through better-auth at /api/auth. */
  me: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.user) return null;
    // Reviewers pick which organisation a request is for; everyone else has none.
    const memberships = await listMembershipsOfUser(ctx.services.db, ctx.user.id);
    return {
      ...ctx.user,
      organisations: memberships.map((m) => ({
        id: m.organisation_id,
        name: m.name,
        role: m.role as 'reviewer' | 'admin',
      })),
    };
  }),

  /**
   * Anyone holding an invitation link: the organisation, the invited address, whether the invitation is
   * still open and whether the address has an account; NOT_FOUND for a token that matches none.
   */
  invitation: publicProcedure
    .input(InvitationTokenInputSchema)
    .query(({ ctx, input }) => viewInvitation(ctx.services.db, input.token)),

  /**
   * Anyone holding an invitation link: creates the reviewer account (the invitee then signs in at
   * /api/auth), or adds the membership to an existing reviewer account, signed in as it.
   */
  acceptInvitation: publicProcedure
    .input(AcceptInvitationInputSchema)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.services, input, ctx.user)),
});
