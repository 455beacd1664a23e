import { WITHDRAWABLE_STATES } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { appendEvent } from '../events/append-event.ts';
import { findVersionById } from './repository.ts';

/** The contributor takes a version back, at any point before a decision. */
export async function withdrawVersion(
  db: Kysely<Database>,
  input: { contributorId: string; versionId: string },
): Promise<{ state: 'withdrawn' }> {
  const version = await findVersionById(db, input.versionId);
  if (!version || version.contributor_id !== input.contributorId) throw notFound('version', input.versionId);
  await db.transaction().execute(async (trx) => {
    const now = Date.now();
    const result = await trx
      .updateTable('submission_version')
      .set({ state: 'withdrawn', updated_at: now })
      .where('id', '=', input.versionId)
      .where('state', 'in', [...WITHDRAWABLE_STATES])
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError(
        'invalid_state',
        `Version ${version.number} is ${version.state} and can no longer be withdrawn`,
      );
    }
    await appendEvent(trx, {
      type: 'version.withdrawn',
      actorId: input.contributorId,
      submissionId: version.submission_id,
      versionId: version.id,
      requestId: version.request_id,
      // A draft withdrawn is one discarded: the Activity page says so.
      props: { fromState: version.state },
      at: now,
    });
  });
  return { state: 'withdrawn' };
}
