import type { Kysely } from 'kysely';

// Frozen in time: this migration takes Kysely<any> and imports no application code.
//
// Two rollups so that no metric sorts or joins the event log at query time:
// - `analytics_submission_fact.submitted_rank`: the submission's number among its contributor's submitted
//   submissions, in order of first submit (the learning curve). It was a window function over every
//   submitted submission at query time, whose sort outgrew memory (PostgreSQL spilled it to disk at
//   100,000 submissions); the refresh now numbers only the contributors whose submissions changed.
// - `analytics_validation_fact`: one row per `validation.failed` event (its id, submission and error
//   count), so validation errors per draft read a narrow table instead of the event log. Keyed by the event
//   id, so folding an event twice changes nothing.
// Rollups are derived data: they are emptied here and the next metric call rebuilds them from the event log.

export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('analytics_submission_fact').execute();
  await db.deleteFrom('analytics_decision_fact').execute();
  await db.deleteFrom('analytics_cursor').execute();

  await db.schema.alterTable('analytics_submission_fact').addColumn('submitted_rank', 'integer').execute();
  // Numbering a contributor's submissions reads them in submit order by this index.
  await db.schema.dropIndex('analytics_submission_fact_contributor_idx').execute();
  await db.schema
    .createIndex('analytics_submission_fact_rank_idx')
    .on('analytics_submission_fact')
    .columns(['contributor_id', 'submitted_at', 'submission_id'])
    .execute();

  await db.schema
    .createTable('analytics_validation_fact')
    .addColumn('event_id', 'bigint', (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) => c.notNull())
    .addColumn('errors', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('analytics_validation_fact_submission_idx')
    .on('analytics_validation_fact')
    .column('submission_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_validation_fact').execute();
  await db.schema.dropIndex('analytics_submission_fact_rank_idx').execute();
  await db.schema.alterTable('analytics_submission_fact').dropColumn('submitted_rank').execute();
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
}
