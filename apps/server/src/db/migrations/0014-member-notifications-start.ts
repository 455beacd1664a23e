import { type Kysely, sql } from 'kysely';

// Frozen in time: this migration takes Kysely<any> and imports no application code.
//
// A member's notifications start when they joined the organisation: a reviewer invited today was told of
// the organisation's whole history, every submission that ever reached its queue, as unread. Each
// membership keeps the id of the last event in the log when it began; only later events are the member's.
// An id, not a time: events may carry a time of their own (a simulated clock, another replica's clock),
// and the read mark (`notification_read.seen_event_id`) is an id too.
//
// The default 0 keeps SQLite content (it adds a NOT NULL column only with a constant default). Members
// who joined before this migration start at the last submission to reach a queue before they joined
// ('version.in_review', all that reviewers are told of at this time), found through the (type, at)
// index rather than by reading the whole log once per member.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('member')
    .addColumn('notify_after_event_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update member set notify_after_event_id = coalesce(
      (select max(e.id) from event e where e.type = 'version.in_review' and e.at <= member.created_at),
      0
    )
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('member').dropColumn('notify_after_event_id').execute();
}
