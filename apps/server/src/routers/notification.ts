import { NotificationListInputSchema, NotificationReadInputSchema } from '@assay/schema';
import { listNotifications } from '../notifications/list-notifications.ts';
import { markNotificationsRead } from '../notifications/mark-read.ts';
import { authedProcedure, router } from '../trpc.ts';

/** Notifications: any signed-in user, each their own (what they are told depends on their role). */
export const notificationRouter = router({
  /** Own notifications, newest first, a page at a time, and how many are unread. */
  list: authedProcedure
    .input(NotificationListInputSchema.default({ limit: 20 }))
    .query(({ ctx, input }) => listNotifications(ctx.services.db, ctx.user, input)),

  /** Marks own notifications read up to one of them. */
  markRead: authedProcedure
    .input(NotificationReadInputSchema)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.services.db, ctx.user, input)),
});
