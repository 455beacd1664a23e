import { type ExpressionBuilder, type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { StoredBlob } from './file-store.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Records that a file's bytes are being stored now: its row, made if there is none, gets `last_used_at`
 * = `now`, which keeps the orphan sweep off the file for a grace period. Called before the store looks for
 * the bytes (see the order in `removeOrphanFiles`).
 */
export async function claimStoredFile(db: Db, blob: StoredBlob, now: number): Promise<void> {
  await db
    .insertInto('stored_file')
    .values({ sha256: blob.sha256, size: blob.size, created_at: now, last_used_at: now })
    .onConflict((conflict) => conflict.column('sha256').doUpdateSet({ last_used_at: now }))
    .execute();
}

/** Moves a file's `last_used_at` to `now`; false when it has no row (the sweep removed it). */
export async function touchStoredFile(db: Db, sha256: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('stored_file')
    .set({ last_used_at: now })
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A stored file `f` that no version names: what makes it an orphan, listed and deleted alike. */
function isNamedByNoVersion({
  not,
  exists,
  selectFrom,
}: ExpressionBuilder<Database & { f: Database['stored_file'] }, 'f'>) {
  return not(
    exists(selectFrom('submission_version as v').select('v.id').whereRef('v.file_sha256', '=', 'f.sha256')),
  );
}

/** Files no version names, last used before `cutoff`, oldest first. */
export function listOrphanFiles(db: Db, cutoff: number, limit: number) {
  return db
    .selectFrom('stored_file as f')
    .select(['f.sha256', 'f.size'])
    .where('f.last_used_at', '<', cutoff)
    .where(isNamedByNoVersion)
    .orderBy('f.last_used_at')
    .orderBy('f.sha256')
    .limit(limit)
    .execute();
}

/**
 * Deletes a file's row if it is still an orphan last used before `cutoff`; true when it did. Checked and
 * deleted under the row's lock, held until `trx` ends: on PostgreSQL `for update` first, which waits for
 * a transaction naming the file (its foreign key check holds a lock on the row) or claiming it, so that
 * the delete's own look (a new snapshot, read committed) sees what they wrote; on SQLite the delete takes
 * the database's write lock.
 */
export async function deleteOrphanFileRow(
  trx: Transaction<Database>,
  sha256: string,
  cutoff: number,
): Promise<boolean> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await trx.selectFrom('stored_file').select('sha256').where('sha256', '=', sha256).forUpdate().execute();
  }
  const result = await trx
    .deleteFrom('stored_file as f')
    .where('f.sha256', '=', sha256)
    .where('f.last_used_at', '<', cutoff)
    .where(isNamedByNoVersion)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
