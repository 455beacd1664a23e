import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SessionUser } from '../trpc.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The event types each role is told about: what others or the system did that the person waits on. */
const TYPES_FOR_ROLE = {
  contributor: [
    'version.scored',
    'version.scoring_failed',
    'version.decided',
    'submission.request_closed',
    'submission.deadline_soon',
    'submission.deadline_passed',
  ],
  reviewer: ['version.in_review'],
  operator: ['version.scoring_failed'],
} as const satisfies Record<SessionUser['role'], readonly string[]>;

/**
 * The events that are a person's notifications: a contributor's come from their own submissions, a
 * reviewer's from the requests of the organisations they belong to now, from when they joined each
 * (leaving one ends them; what happened before they joined is not news to them), an operator's from the
 * whole platform. Filtered by subqueries, so each role reads the log through an index
 * (by submission, by request, by type).
 */
export function notificationEvents(db: Db, user: Pick<SessionUser, 'id' | 'role'>) {
  const query = db.selectFrom('event as e').where('e.type', 'in', TYPES_FOR_ROLE[user.role]);
  switch (user.role) {
    case 'contributor':
      return query.where('e.submission_id', 'in', (eb) =>
        eb.selectFrom('submission').select('submission.id').where('submission.contributor_id', '=', user.id),
      );
    case 'reviewer': {
      // The requests of the person's organisations, each with their membership.
      const theirRequests = (eb: ExpressionBuilder<Database & { e: Database['event'] }, 'e'>) =>
        eb
          .selectFrom('data_request as r')
          .innerJoin('member as m', 'm.organisation_id', 'r.organisation_id')
          .where('m.user_id', '=', user.id);
      return (
        query
          .where('e.request_id', 'in', (eb) => theirRequests(eb).select('r.id'))
          // Only what happened since they joined that organisation: a newcomer is not told its history.
          // (The list above keeps the read by request through its index; this checks the rows it finds.)
          .where('e.id', '>', (eb) =>
            theirRequests(eb).select('m.notify_after_event_id').whereRef('r.id', '=', 'e.request_id'),
          )
      );
    }
    case 'operator':
      return query;
  }
}

/**
 * The id of the last event in the log now (0 while it is empty), as a subquery: where a newcomer's
 * notifications start, a member's (`member.notify_after_event_id`) or a new operator's read mark.
 */
export function lastEventId(db: Db) {
  return db.selectFrom('event').select((e) => e.fn.coalesce(e.fn.max('id'), e.lit(0)).as('last_id'));
}

/** The id of the last event the person has read up to (0 before they read any). */
export async function seenEventId(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification_read')
    .select('seen_event_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? Number(row.seen_event_id) : 0;
}
