import type { DraftManifest } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { appendEvents } from '../events/append-event.ts';

/** Starts a submission: a submission row and its first version, in draft. */
export async function createDraft(
  db: Kysely<Database>,
  input: { contributorId: string; requestId?: string | null | undefined; manifest: DraftManifest },
): Promise<{ submissionId: string; versionId: string }> {
  const submissionId = crypto.randomUUID();
  const versionId = crypto.randomUUID();
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    if (input.requestId) {
      const request = await trx
        .selectFrom('data_request')
        .select(['id', 'status'])
        .where('id', '=', input.requestId)
        .executeTakeFirst();
      if (!request) throw new AppError('not_found', `No data request with id '${input.requestId}'`);
      if (request.status !== 'open')
        throw new AppError('invalid_state', `Data request '${input.requestId}' is closed`);
    }
    await trx
      .insertInto('submission')
      .values({
        id: submissionId,
        contributor_id: input.contributorId,
        request_id: input.requestId ?? null,
        latest_version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('submission_version')
      .values({
        id: versionId,
        submission_id: submissionId,
        number: 1,
        state: 'draft',
        manifest: JSON.stringify(input.manifest),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await appendEvents(trx, [
      {
        type: 'submission.created',
        actorId: input.contributorId,
        submissionId,
        versionId,
        requestId: input.requestId ?? null,
        at: now,
      },
    ]);
  });
  return { submissionId, versionId };
}
