import type { DraftManifest } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendEvents } from '../events/append-event.ts';
import { assertTakesSubmissions } from '../request/intake.ts';

/** A data file already in the store, by its SHA-256, for a draft that starts with it. */
export interface StoredFile {
  sha256: string;
  name: string | null;
  format: string | null;
}

/**
 * Starts a submission: a submission row and its first version, in draft. `file` starts it with a file
 * the contributor already uploaded (the store keeps each file once, by its hash, so nothing is copied);
 * `props` go on its `submission.created` event.
 */
export async function createDraft(
  db: Kysely<Database>,
  input: {
    contributorId: string;
    requestId?: string | null | undefined;
    manifest: DraftManifest;
    file?: StoredFile;
    props?: Record<string, unknown>;
  },
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
        file_sha256: input.file?.sha256 ?? null,
        file_name: input.file?.name ?? null,
        file_format: input.file?.format ?? null,
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
        ...(input.props ? { props: input.props } : {}),
      },
    ]);
  });
  return { submissionId, versionId };
}
