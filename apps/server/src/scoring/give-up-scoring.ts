import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendEvents } from '../events/append-event.ts';

/** Longest error text kept in the event log (an event property holds at most 500 characters). */
const MAX_ERROR_CHARS = 500;

/**
 * Called when a version's scoring job failed on its last attempt (its file could not be read, say). The
 * version goes back to draft, with its file and manifest, and records when, so its contributor is told
 * and can submit it again; it is not left in `scoring` for ever. The error goes to the event log for
 * operators, not to the contributor: it can name storage internals. Does nothing when the version has
 * left `submitted` or `scoring` meanwhile (withdrawn, or scored by a slower attempt), or, given the job's
 * `submittedAt`, when it was given up and submitted again since (a late give-up must not undo that).
 */
export async function giveUpScoring(
  db: Kysely<Database>,
  versionId: string,
  error: string,
  submittedAt?: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = Date.now();
    const version = await trx
      .selectFrom('submission_version as v')
      .innerJoin('submission as s', 's.id', 'v.submission_id')
      .select(['v.submission_id', 's.request_id'])
      .where('v.id', '=', versionId)
      .executeTakeFirst();
    if (!version) return false;
    let update = trx
      .updateTable('submission_version')
      .set({ state: 'draft', scoring_failed_at: now, updated_at: now })
      .where('id', '=', versionId)
      .where('state', 'in', ['submitted', 'scoring']);
    // Only the submission the failed job was for, not one the contributor made since: a job is made at
    // its submit (SQLite jobs made before this rule, a moment after it), and a later submit comes after.
    if (submittedAt !== undefined) update = update.where('submitted_at', '<=', submittedAt);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await appendEvents(trx, [
      {
        type: 'version.scoring_failed',
        submissionId: version.submission_id,
        versionId,
        requestId: version.request_id,
        at: now,
        props: { error: error.slice(0, MAX_ERROR_CHARS) },
      },
    ]);
    return true;
  });
}
