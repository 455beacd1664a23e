import type { Kysely } from 'kysely';

// Frozen in time: this migration takes Kysely<any> and imports no application code.
//
// Reshapes the analytics rollups of 0003 so that metrics read narrow tables: each submission's fact now
// carries who made it, for which request and when (from its `submission.created` event), its latest scored
// version's numbers and requirement failures, and its accepted version; analytics_decision_fact holds each
// decided version's decision, reasons and scores. Rollups are derived data, so the old
// tables are dropped rather than migrated; the next metric call rebuilds them from the event log.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_submission_fact').execute();
  await db.schema.dropTable('analytics_version_fact').execute();
  await db.deleteFrom('analytics_cursor').execute();

  await db.schema
    .createTable('analytics_submission_fact')
    .addColumn('submission_id', 'text', (c) => c.primaryKey())
    .addColumn('contributor_id', 'text')
    .addColumn('request_id', 'text')
    .addColumn('created_at', 'bigint')
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
    .addColumn('scored_number', 'integer')
    .addColumn('scored_rows', 'bigint')
    .addColumn('scored_overall', 'real')
    .addColumn('scored_context', 'real')
    .addColumn('scored_fails_licence', 'integer')
    .addColumn('scored_fails_schema', 'integer')
    .addColumn('accepted_number', 'integer')
    .addColumn('accepted_rows', 'bigint')
    .addColumn('paid_at', 'bigint')
    .addColumn('paid_cents', 'bigint')
    .execute();
  // The learning curve numbers each contributor's submissions in submit order: a covering index lets it
  // read them in that order without touching the table.
  await db.schema
    .createIndex('analytics_submission_fact_contributor_idx')
    .on('analytics_submission_fact')
    .columns([
      'contributor_id',
      'submitted_at',
      'submission_id',
      'decided_at',
      'accepted_at',
      'created_at',
      'request_id',
    ])
    .execute();

  // One row per decided version, from its `version.decided` event and the version it names.
  await db.schema
    .createTable('analytics_decision_fact')
    .addColumn('version_id', 'text', (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason_codes', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .addColumn('scored_at', 'bigint')
    .addColumn('overall', 'real')
    .addColumn('structure', 'real')
    .addColumn('context', 'real')
    .addColumn('provenance', 'real')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_decision_fact').execute();
  await db.schema.dropTable('analytics_submission_fact').execute();
  await db.schema
    .createTable('analytics_submission_fact')
    .addColumn('submission_id', 'text', (c) => c.primaryKey())
    .execute();
  await db.schema
    .createTable('analytics_version_fact')
    .addColumn('version_id', 'text', (c) => c.primaryKey())
    .addColumn('fails_licence', 'integer', (c) => c.notNull())
    .addColumn('fails_schema', 'integer', (c) => c.notNull())
    .execute();
}
