import type { NotificationReadInput } from '@assay/schema';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import type { SessionUser } from '../trpc.ts';
import { lastEventId, notificationEvents } from './notification-events.ts';

/**
 * Marks everything in the log now as read for a new account: what happened before it existed is not
 * news to it. The list still shows it (an operator looking into a failure wants the ones before), but
 * not as unread: a new operator was greeted by every "scoring failed" since the platform began.
 */
export async function startNotificationsNow(db: Kysely<Database> | Transaction<Database>, userId: string) {
  await db
    .insertInto('notification_read')
    .values({
      user_id: userId,
      seen_event_id: lastEventId(db),
      updated_at: Date.now(),
    })
    .execute();
}

/**
 * Marks a person's notifications read up to one of them (the newest they were shown). The mark only moves
 * forward, so a stale page marking an older one changes nothing; an id that is not one of their
 * notifications is NOT_FOUND and changes nothing, so no one can skip past notifications not yet sent.
 */
export async function markNotificationsRead(
  db: Kysely<Database>,
  user: Pick<SessionUser, 'id' | 'role'>,
  input: NotificationReadInput,
): Promise<{ seenId: number }> {
  const own = await notificationEvents(db, user)
    .select('e.id')
    .where('e.id', '=', input.upToId)
    .executeTakeFirst();
  if (!own) throw notFound('notification', String(input.upToId));

  const now = Date.now();
  await db
    .insertInto('notification_read')
    .values({ user_id: user.id, seen_event_id: input.upToId, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ seen_event_id: input.upToId, updated_at: now })
        .where('notification_read.seen_event_id', '<', input.upToId),
    )
    .execute();
  const row = await db
    .selectFrom('notification_read')
    .select('seen_event_id')
    .where('user_id', '=', user.id)
    .executeTakeFirstOrThrow();
  return { seenId: Number(row.seen_event_id) };
}
