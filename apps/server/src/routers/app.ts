import { router } from '../trpc.ts';
import { accountRouter } from './account.ts';
import { healthRouter } from './health.ts';
import { submissionRouter } from './submission.ts';

export const appRouter = router({
  account: accountRouter,
  health: healthRouter,
  submission: submissionRouter,
});

export type AppRouter = typeof appRouter;
