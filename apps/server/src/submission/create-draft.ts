import type { DraftManifest } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendEvents } from '../events/append-event.ts';
import { assertTakesSubmissions } from '../request/intake.ts';

/** Starts a submission: a submission row and its first version, in draft. */
export async function createDraft(
  db: Kysely<Database>,
  input: { contributorId: string; requestId?: string | null | undefined; manifest: DraftManifest },
): Promise<{ submissionId: string; versionId: string }> {
  const submissionId = crypto.randomUUID();
  const versionId = crypto.randomUUID();
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    if (input.requestId) await assertTakesSubmissions(trx, input.requestId, now);
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
