import { AcceptInvitationInputSchema } from '@assay/schema';
import { acceptInvitation } from '../admin/accept-invitation.ts';
import { publicProcedure, router } from '../trpc.ts';

export const accountRouter = router({
  /** Who is signed in, or null. Sign-up and sign-in themselves go through better-auth at /api/auth. */
  me: publicProcedure.query(({ ctx }) => ctx.user),

  /**
   * Anyone holding an invitation link: creates the reviewer account (or adds the membership to an
   * existing reviewer account, proven by its password). The invitee then signs in at /api/auth.
   */
  acceptInvitation: publicProcedure
    .input(AcceptInvitationInputSchema)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.services, input)),
});
