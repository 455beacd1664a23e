import { publicProcedure, router } from '../trpc.ts';

export const accountRouter = router({
  /** Who is signed in, or null. Sign-up and sign-in themselves go through better-auth at /api/auth. */
  me: publicProcedure.query(({ ctx }) => ctx.user),
});
