import { checkHealth } from '../http/health.ts';
import { publicProcedure, router } from '../trpc.ts';

export const healthRouter = router({
  /** Whether the server can serve (its database answers) and its version, as GET /health says. */
  get: publicProcedure.query(async ({ ctx }) => ({
    ...(await checkHealth(ctx.services)),
    database: ctx.services.dialect,
  })),
});
