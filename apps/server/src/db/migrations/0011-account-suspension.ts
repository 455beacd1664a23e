import type { Kysely } from 'kysely';

// Frozen in time: this migration takes Kysely<any> and imports no application code.
//
// Operators suspend accounts: when (epoch ms, null while the account is active) and why, on better-auth's
// user table (camelCase, as its columns are). Assay's own columns: better-auth neither reads nor writes them.
// One column per statement: SQLite's ALTER TABLE adds one column at a time.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user').addColumn('suspendedAt', 'bigint').execute();
  await db.schema.alterTable('user').addColumn('suspensionReason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user').dropColumn('suspensionReason').execute();
  await db.schema.alterTable('user').dropColumn('suspendedAt').execute();
}
