import type { Kysely } from 'kysely';

// Frozen in time: this migration takes Kysely<any> and imports no application code.
//
// Notifications are read from the event log; all a person adds is how far they have read it. The index
// finds the events of a reviewer's organisations' requests without scanning the log.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_read')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('seen_event_id', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_request_idx').on('event').columns(['request_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('event_request_idx').execute();
  await db.schema.dropTable('notification_read').execute();
}
