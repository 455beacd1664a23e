import { type Kysely, sql } from 'kysely';

// Frozen in time: this migration takes Kysely<any> and imports no application code.
//
// Pre-aggregated cells, so that the funnel, friction and supply metrics read a few rows per request and week
// instead of every submission:
// - `analytics_cell`: one row per (cohort week, request) — the week of the drafts' start (-1 for drafts whose
//   start is unknown) and the request id ('' for none) — whose `summary` is a JSON object of counts over
//   that cell's submissions (funnel steps, supply, abandonment candidates, histograms of durations), the
//   parts of it the funnel and supply read in columns of their own (`funnel`, `supply`), and
//   `curve` what the acceptance curve reads (decisions per decided week and score, dimension scores). The
//   refresh recomputes the cells of every week it touched from the submission facts, so a cell is always a
//   pure function of the facts, and the facts of the event log.
// - `submit_ms` (draft start → first submit) on the submission facts and `latency_ms` (scored → decided) on
//   the decision facts, indexed, so an exact quantile reads only the rows of the histogram bucket it falls in.
// - an index on the facts' last activity, so the drafts active since the idle cut-off are found without a scan.
// Rollups are derived data: they are emptied here and the next metric call rebuilds them from the event log.

export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('analytics_submission_fact').execute();
  await db.deleteFrom('analytics_decision_fact').execute();
  await db.deleteFrom('analytics_validation_fact').execute();
  await db.deleteFrom('analytics_cursor').execute();

  await db.schema
    .createTable('analytics_cell')
    .addColumn('week', 'bigint', (c) => c.notNull())
    .addColumn('request_key', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('funnel', 'text', (c) => c.notNull())
    .addColumn('supply', 'text', (c) => c.notNull())
    .addColumn('curve', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_cell_pk', ['week', 'request_key'])
    .execute();

  await db.schema.alterTable('analytics_submission_fact').addColumn('submit_ms', 'bigint').execute();
  await db.schema
    .createIndex('analytics_submission_fact_submit_ms_idx')
    .on('analytics_submission_fact')
    .columns(['submit_ms', 'created_at', 'request_id'])
    .where(sql.ref('submit_ms'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('analytics_submission_fact_last_at_idx')
    .on('analytics_submission_fact')
    .columns(['last_at'])
    .where(sql.ref('submitted_at'), 'is', null)
    .execute();
  await db.schema.alterTable('analytics_decision_fact').addColumn('latency_ms', 'bigint').execute();
  await db.schema
    .createIndex('analytics_decision_fact_latency_ms_idx')
    .on('analytics_decision_fact')
    .columns(['latency_ms', 'submission_id'])
    .where(sql.ref('latency_ms'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('analytics_decision_fact_latency_ms_idx').execute();
  await db.schema.alterTable('analytics_decision_fact').dropColumn('latency_ms').execute();
  await db.schema.dropIndex('analytics_submission_fact_last_at_idx').execute();
  await db.schema.dropIndex('analytics_submission_fact_submit_ms_idx').execute();
  await db.schema.alterTable('analytics_submission_fact').dropColumn('submit_ms').execute();
  await db.schema.dropTable('analytics_cell').execute();
}
