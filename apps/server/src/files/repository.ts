import type { Kysely, Transaction } from 'kysely';
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
