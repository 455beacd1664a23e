import { router } from '../trpc.ts';
import { accountRouter } from './account.ts';
import { adminRouter } from './admin.ts';
import { analyticsRouter } from './analytics.ts';
import { eventRouter } from './event.ts';
import { healthRouter } from './health.ts';
import { ledgerRouter } from './ledger.ts';
import { notificationRouter } from './notification.ts';
import { requestRouter } from './request.ts';
import { reviewRouter } from './review.ts';
import { settingsRouter } from './settings.ts';
import { simulationRouter } from './simulation.ts';
import { submissionRouter } from './submission.ts';

export const appRouter = router({
  account: accountRouter,
  admin: adminRouter,
  analytics: analyticsRouter,
  event: eventRouter,
  health: healthRouter,
  ledger: ledgerRouter,
  notification: notificationRouter,
  request: requestRouter,
  review: reviewRouter,
  settings: settingsRouter,
  simulation: simulationRouter,
  submission: submissionRouter,
});

export type AppRouter = typeof appRouter;
