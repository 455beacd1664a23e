import type { Kysely } from 'kysely';

// Frozen in time: this migration takes Kysely<any> and imports no application code.
//
// Files no version refers to any more (a draft's file replaced) are swept after a grace period. The
// grace counts from `last_used_at`: when the file was last stored (an upload of its bytes, even one that
// found them stored already) or let go of by a draft. Files stored before this migration get its time, so
// nothing is swept sooner than a grace period after the upgrade: when such a file was let go of is not
// known, and an upload of it may be under way on a process of the version before.
//
// The default is that time as a constant (SQLite adds a NOT NULL column only with a constant default);
// Assay always writes the column itself.
//
// The sweep looks versions up by file (an index PostgreSQL's foreign key check on delete uses too), and
// files by `last_used_at`.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('stored_file')
    .addColumn('last_used_at', 'bigint', (c) => c.notNull().defaultTo(Date.now()))
    .execute();
  await db.schema.createIndex('stored_file_last_used_idx').on('stored_file').column('last_used_at').execute();
  await db.schema
    .createIndex('submission_version_file_idx')
    .on('submission_version')
    .column('file_sha256')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('submission_version_file_idx').execute();
  await db.schema.dropIndex('stored_file_last_used_idx').execute();
  await db.schema.alterTable('stored_file').dropColumn('last_used_at').execute();
}
