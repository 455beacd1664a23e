import type { NotificationReadInput } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import type { SessionUser } from '../trpc.ts';
import { notificationEvents } from './notification-events.ts';

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
