import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { startPeriodicSweep } from '../periodic-sweep.ts';
import type { FileStore } from './file-store.ts';
import { deleteOrphanFileRow, listOrphanFiles } from './repository.ts';

/** At most this many files go per sweep: a backlog (the first sweep after an upgrade) takes several. */
const FILES_PER_SWEEP = 500;

/** What one sweep removed, and the error that ended it early, if one did. */
export interface OrphanSweep {
  files: number;
  bytes: number;
  error?: unknown;
}

/**
 * Removes stored files no version names any more (a draft's file replaced, an upload whose draft left
 * draft meanwhile), row and bytes, once `graceMs` have passed since the file was last used: stored, or let
 * go of by a draft (`stored_file.last_used_at`). Nothing else refers to a file: scoring jobs, reviews,
 * fingerprints and events name versions, and a withdrawn (discarded) draft still names its file, which its
 * contributor may still download.
 *
 * Files are shared by hash, so an upload of the same bytes may land while this runs. The order that keeps
 * every file a version names, or is about to name:
 * - an upload (`attachFile`) hashes the bytes, then claims the file's row (`claimStoredFile`: made if
 *   missing, `last_used_at` = now) and commits that, and only then has the store look for the bytes and
 *   store them if they are not there; a version names the file last, in a transaction that fails if the
 *   row is gone (and the foreign key refuses a version naming a file without a row);
 * - this sweep, per file, in one transaction: locks the row, deletes it only if it is still unreferenced
 *   and unclaimed for `graceMs` (`deleteOrphanFileRow`), removes the bytes, and only then commits.
 * So the bytes go only while their row's deletion is locked and uncommitted: an upload claiming that row
 * waits, finds it gone, makes it anew and stores the bytes again (they are not there any more). An upload
 * that claimed first keeps the sweep off the file until the grace has passed, long after it has named it.
 * If removing the bytes fails, the row stays (the transaction rolls back) and the next sweep tries again;
 * a row whose bytes are gone is harmless, since no version names it and an upload stores them again.
 *
 * Removing the bytes while the row is locked holds that lock for one store request (the database's write
 * lock, on SQLite): short next to the grace, and one file at a time.
 */
export async function removeOrphanFiles(
  db: Kysely<Database>,
  files: FileStore,
  { now, graceMs }: { now: number; graceMs: number },
): Promise<OrphanSweep> {
  const cutoff = now - graceMs;
  const swept: OrphanSweep = { files: 0, bytes: 0 };
  for (const orphan of await listOrphanFiles(db, cutoff, FILES_PER_SWEEP)) {
    try {
      const isRemoved = await db.transaction().execute(async (trx) => {
        if (!(await deleteOrphanFileRow(trx, orphan.sha256, cutoff))) return false;
        await files.remove(orphan.sha256);
        return true;
      });
      if (isRemoved) {
        swept.files++;
        swept.bytes += orphan.size;
      }
    } catch (error) {
      // The store (or the database) is failing: the next sweep tries again, and what went is still told.
      return { ...swept, error };
    }
  }
  return swept;
}

/**
 * Removes orphaned files (see {@link removeOrphanFiles}) every `everyMs` while the server runs, and once at
 * start. Logs what went (files and bytes) and a failure; the next sweep tries again. Returns the function
 * that stops it, once a sweep under way is done.
 */
export function startOrphanFileSweep(
  db: Kysely<Database>,
  files: FileStore,
  logger: Logger,
  { everyMs, graceMs }: { everyMs: number; graceMs: number },
): () => Promise<void> {
  const sweep = () =>
    removeOrphanFiles(db, files, { now: Date.now(), graceMs })
      .then(({ files: removed, bytes, error }) => {
        if (removed > 0) logger.info({ orphanFiles: removed, orphanBytes: bytes }, 'orphaned files removed');
        if (error !== undefined) throw error;
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'orphan file sweep failed'));
  return startPeriodicSweep(sweep, everyMs, { isImmediate: true });
}
