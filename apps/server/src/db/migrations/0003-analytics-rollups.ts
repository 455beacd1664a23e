import { type Kysely, sql } from 'kysely';

// Frozen in time: this migration takes Kysely<any> and imports no application code.
//
// Analytics rollups. Every table here is derived: `analytics_submission_fact` folds the event log per
// submission and `analytics_version_fact` reads each scored version's report once. Both can be emptied and
// rebuilt from the event log and the version rows at any time (`npm run analytics:rebuild -w @assay/server`).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analytics_submission_fact')
    .addColumn('submission_id', 'text', (c) => c.primaryKey())
    .addColumn('draft_at', 'bigint')
    .addColumn('file_at', 'bigint')
    .addColumn('manifest_at', 'bigint')
    .addColumn('prescore_at', 'bigint')
    .addColumn('submitted_at', 'bigint')
    .addColumn('scored_at', 'bigint')
    .addColumn('decided_at', 'bigint')
    .addColumn('accepted_at', 'bigint')
    .addColumn('withdrawn_at', 'bigint')
    .addColumn('abandoned_at', 'bigint')
    .addColumn('last_at', 'bigint')
    .addColumn('last_finding_at', 'bigint')
    .addColumn('last_finding_code', 'text')
    .addColumn('last_field_at', 'bigint')
    .addColumn('last_field', 'text')
    .execute();

  await db.schema
    .createTable('analytics_version_fact')
    .addColumn('version_id', 'text', (c) => c.primaryKey())
    .addColumn('fails_licence', 'integer', (c) => c.notNull())
    .addColumn('fails_schema', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('analytics_cursor')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();

  // Metrics select submissions by when their draft started, optionally per request.
  await db.schema.createIndex('submission_created_idx').on('submission').column('created_at').execute();
  await db.schema
    .createIndex('submission_request_created_idx')
    .on('submission')
    .columns(['request_id', 'created_at'])
    .execute();
  // Counting one event type per submission (validation failures) without touching the table.
  await db.schema
    .createIndex('event_type_submission_idx')
    .on('event')
    .columns(['type', 'submission_id'])
    .execute();
  // Finding scored versions whose report is not yet folded into analytics_version_fact, by index alone.
  await db.schema
    .createIndex('submission_version_scored_idx')
    .on('submission_version')
    .columns(['id', 'scored_at'])
    .where(sql.ref('scored_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('submission_version_scored_idx').execute();
  await db.schema.dropIndex('event_type_submission_idx').execute();
  await db.schema.dropIndex('submission_request_created_idx').execute();
  await db.schema.dropIndex('submission_created_idx').execute();
  await db.schema.dropTable('analytics_cursor').execute();
  await db.schema.dropTable('analytics_version_fact').execute();
  await db.schema.dropTable('analytics_submission_fact').execute();
}
