import type { Kysely } from 'kysely';

// Frozen in time: this migration takes Kysely<any> and imports no application code.
//
// The rows a reviewer sees of a version, spread over the whole file, as JSON: picked once, when the version
// is scored (the scoring job has the file open and knows its row count), not on every look at the review page.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('submission_version').addColumn('sample_rows', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('submission_version').dropColumn('sample_rows').execute();
}
