import { publicProcedure, router } from '../trpc.ts';
import { VERSION } from '../version.ts';

export const healthRouter = router({
  /** Liveness and version, the same as GET /health. */
  get: publicProcedure.query(({ ctx }) => ({
    status: 'ok' as const,
    version: VERSION,
    database: ctx.services.dialect,
  })),
});
