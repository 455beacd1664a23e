import type { Kysely } from 'kysely';

// Frozen in time: this migration takes Kysely<any> and imports no application code.
//
// When a version's scoring job fails on every attempt, the version goes back to draft and this records
// when, so the contributor is told why their submitted version is a draft again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('submission_version').addColumn('scoring_failed_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('submission_version').dropColumn('scoring_failed_at').execute();
}
