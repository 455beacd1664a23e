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
// - stored group keys with covering indexes, so that the metrics' GROUP BYs over every submission stream
//   from an index instead of sorting: SQLite has no hash aggregation and sorts every row of a GROUP BY
//   (n log n: the funnel grew 2.3× when the data doubled); read in index order, it aggregates as it scans.
//   `created_week` (the Monday of `created_at`) and `furthest_step` (the funnel's 0–7) on the submission
//   facts, `decided_week` on the decision facts.
// Rollups are derived data: they are emptied here and the next metric call rebuilds them from the event log.

export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('analytics_submission_fact').execute();
  await db.deleteFrom('analytics_decision_fact').execute();
  await db.deleteFrom('analytics_cursor').execute();

  await db.schema.alterTable('analytics_submission_fact').addColumn('submitted_rank', 'integer').execute();
  await db.schema.alterTable('analytics_submission_fact').addColumn('created_week', 'bigint').execute();
  await db.schema.alterTable('analytics_submission_fact').addColumn('furthest_step', 'integer').execute();
  await db.schema.alterTable('analytics_decision_fact').addColumn('decided_week', 'bigint').execute();
  // The funnel: by cohort week, request and furthest step (created_at for a date filter).
  await db.schema
    .createIndex('analytics_submission_fact_funnel_idx')
    .on('analytics_submission_fact')
    .columns(['created_week', 'request_id', 'furthest_step', 'created_at'])
    .execute();
  // Friction: what abandoned drafts saw last and accepted versions' numbers, with what abandonment needs.
  await db.schema
    .createIndex('analytics_submission_fact_friction_idx')
    .on('analytics_submission_fact')
    .columns([
      'last_finding_code',
      'last_field',
      'accepted_number',
      'created_at',
      'submitted_at',
      'abandoned_at',
      'withdrawn_at',
      'last_at',
      'request_id',
    ])
    .execute();
  // The acceptance curve: decisions by week and overall score.
  await db.schema
    .createIndex('analytics_decision_fact_week_idx')
    .on('analytics_decision_fact')
    .columns(['decided_week', 'overall', 'decision', 'submission_id'])
    .execute();
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
  await db.schema.dropIndex('analytics_decision_fact_week_idx').execute();
  await db.schema.dropIndex('analytics_submission_fact_friction_idx').execute();
  await db.schema.dropIndex('analytics_submission_fact_funnel_idx').execute();
  await db.schema.alterTable('analytics_decision_fact').dropColumn('decided_week').execute();
  await db.schema.alterTable('analytics_submission_fact').dropColumn('furthest_step').execute();
  await db.schema.alterTable('analytics_submission_fact').dropColumn('created_week').execute();
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
