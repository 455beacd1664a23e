import { DECIDED_STATES, isDiscardedDraft } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { appendEvent } from '../events/append-event.ts';
import { findSubmissionById } from './repository.ts';

/**
 * A new draft version from feedback: it starts from the latest version's manifest and file (the last one
 * submitted, when the latest is a discarded draft), so the contributor changes only what the reviewer asked.
 * The previous version, if still undecided, is superseded (and can no longer be decided); an accepted
 * submission takes no new versions.
 */
export async function createVersion(
  db: Kysely<Database>,
  input: { contributorId: string; submissionId: string },
): Promise<{ versionId: string; number: number }> {
  const submission = await findSubmissionById(db, input.submissionId);
  if (!submission || submission.contributor_id !== input.contributorId) {
    throw notFound('submission', input.submissionId);
  }
  return db.transaction().execute(async (trx) => {
    const latest = await trx
      .selectFrom('submission_version')
      .select([
        'id',
        'number',
        'state',
        'submitted_at',
        'manifest',
        'file_sha256',
        'file_name',
        'file_format',
      ])
      .where('submission_id', '=', input.submissionId)
      .where('number', '=', submission.latest_version)
      .executeTakeFirstOrThrow();
    // A draft the contributor discarded is not built on: the version before it, what they had sent, is.
    const base = isDiscardedDraft({ state: latest.state, submittedAt: latest.submitted_at })
      ? ((await trx
          .selectFrom('submission_version')
          .select(['number', 'manifest', 'file_sha256', 'file_name', 'file_format'])
          .where('submission_id', '=', input.submissionId)
          .where('submitted_at', 'is not', null)
          .orderBy('number', 'desc')
          .limit(1)
          .executeTakeFirst()) ?? latest)
      : latest;
    if (latest.state === 'draft')
      throw new AppError('invalid_state', `Version ${latest.number} is still a draft: edit it`);
    if (latest.state === 'accepted')
      throw new AppError('invalid_state', 'This submission was accepted; start a new one');
    const now = Date.now();
    const bumped = await trx
      .updateTable('submission')
      .set({ latest_version: latest.number + 1, updated_at: now })
      .where('id', '=', input.submissionId)
      .where('latest_version', '=', latest.number)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) !== 1)
      throw new AppError('conflict', 'A new version was started meanwhile');
    const isDecided =
      (DECIDED_STATES as readonly string[]).includes(latest.state) || latest.state === 'withdrawn';
    if (!isDecided) {
      await trx
        .updateTable('submission_version')
        .set({ state: 'superseded', updated_at: now })
        .where('id', '=', latest.id)
        .execute();
    }
    const versionId = crypto.randomUUID();
    await trx
      .insertInto('submission_version')
      .values({
        id: versionId,
        submission_id: input.submissionId,
        number: latest.number + 1,
        state: 'draft',
        manifest: base.manifest,
        file_sha256: base.file_sha256,
        file_name: base.file_name,
        file_format: base.file_format,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await appendEvent(trx, {
      type: 'version.created',
      actorId: input.contributorId,
      submissionId: input.submissionId,
      versionId,
      requestId: submission.request_id,
      at: now,
      props: { number: latest.number + 1, from: base.number, supersedes: !isDecided },
    });
    return { versionId, number: latest.number + 1 };
  });
}
