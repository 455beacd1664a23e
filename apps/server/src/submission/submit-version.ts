import { ManifestSchema } from '@assay/schema';
import { AppError, notFound } from '../errors.ts';
import { appendEvent, appendEvents } from '../events/append-event.ts';
import { lockRequest } from '../ledger/post-transaction.ts';
import { assertTakesSubmissions } from '../request/intake.ts';
import type { Services } from '../services.ts';
import { findVersionById, hasSubmittedVersion } from './repository.ts';

/**
 * Submits a draft for scoring. The idempotency key makes a retried submit (a double click, a network
 * retry) a no-op that returns the same answer; the draft → submitted move is one conditional update, and
 * the scoring job is queued in the same transaction.
 */
export async function submitVersion(
  services: Services,
  input: { contributorId: string; versionId: string; idempotencyKey: string },
): Promise<{ versionId: string; state: string; replayed: boolean }> {
  const { db } = services;
  const previous = await db
    .selectFrom('submission_version')
    .select(['id', 'state'])
    .where('submit_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  if (previous) {
    if (previous.id !== input.versionId) {
      throw new AppError('conflict', 'This idempotency key was already used to submit another version');
    }
    const owner = await findVersionById(db, previous.id);
    if (owner?.contributor_id !== input.contributorId) throw notFound('draft', input.versionId);
    return { versionId: previous.id, state: previous.state, replayed: true };
  }

  const version = await findVersionById(db, input.versionId);
  if (!version || version.contributor_id !== input.contributorId) throw notFound('draft', input.versionId);
  if (version.state !== 'draft') {
    throw new AppError('invalid_state', `Version ${version.number} is already ${version.state}`);
  }
  if (!version.file_sha256) {
    throw new AppError('invalid_input', 'Attach a data file before submitting');
  }
  const manifest = ManifestSchema.safeParse(JSON.parse(version.manifest));
  if (!manifest.success) {
    await appendEvent(db, {
      type: 'validation.failed',
      actorId: input.contributorId,
      submissionId: version.submission_id,
      versionId: version.id,
      props: { count: manifest.error.issues.length, source: 'server' },
    });
    throw new AppError('invalid_input', 'The manifest is incomplete: fix the fields marked below', {
      cause: manifest.error,
    });
  }

  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    if (version.request_id) {
      // Held until commit, so that closing the request waits for this submit and then counts it.
      await lockRequest(trx, version.request_id);
      await assertTakesSubmissions(trx, version.request_id, now, {
        isFollowUp: await hasSubmittedVersion(trx, version.submission_id),
      });
    }
    const result = await trx
      .updateTable('submission_version')
      .set({
        state: 'submitted',
        submit_key: input.idempotencyKey,
        submitted_at: now,
        scoring_failed_at: null,
        updated_at: now,
      })
      .where('id', '=', input.versionId)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError('conflict', `Version ${version.number} was submitted meanwhile`);
    }
    await trx
      .updateTable('submission')
      .set({ updated_at: now })
      .where('id', '=', version.submission_id)
      .execute();
    await appendEvents(trx, [
      {
        type: 'version.submitted',
        actorId: input.contributorId,
        submissionId: version.submission_id,
        versionId: version.id,
        requestId: version.request_id,
        props: { number: version.number },
        at: now,
      },
    ]);
    await services.scoring.enqueue(trx, version.id, now);
  });
  services.scoring.notify();
  return { versionId: version.id, state: 'submitted', replayed: false };
}
