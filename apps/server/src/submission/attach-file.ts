import type { Readable } from 'node:stream';
import type { FileFormat } from '@assay/schema';
import { AppError, notFound } from '../errors.ts';
import { appendEvent } from '../events/append-event.ts';
import { claimStoredFile, touchStoredFile } from '../files/repository.ts';
import type { Services } from '../services.ts';
import { findVersionById } from './repository.ts';

const FORMAT_BY_EXTENSION: Record<string, FileFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

/** The format a file name implies, or null to let the scorer sniff it. */
export function formatFromName(name: string): FileFormat | null {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  return FORMAT_BY_EXTENSION[extension] ?? null;
}

/**
 * Streams an upload into the content-addressed store and attaches it to the owner's draft. The draft is
 * checked before a byte is stored, and again when attaching, so nothing is attached to a version that left
 * draft meanwhile.
 */
export async function attachFile(
  services: Services,
  input: {
    contributorId: string;
    versionId: string;
    fileName: string;
    expectedSha256?: string | undefined;
    body: Readable;
  },
) {
  const { db } = services;
  const version = await findVersionById(db, input.versionId);
  if (!version || version.contributor_id !== input.contributorId) throw notFound('draft', input.versionId);
  if (version.state !== 'draft') {
    throw new AppError(
      'invalid_state',
      `Version ${version.number} is ${version.state}; attach files to a draft`,
    );
  }
  const blob = await services.files.put(input.body, {
    limitBytes: services.env.UPLOAD_LIMIT_BYTES,
    expectedSha256: input.expectedSha256,
    // The file's row is claimed before the store looks for its bytes: the orphan sweep then leaves them
    // be for its grace period (the order is explained at `removeOrphanFiles`).
    beforeStore: (hashed) => claimStoredFile(db, hashed, Date.now()),
  });
  const fileName = input.fileName.slice(0, 255) || 'data';
  const format = formatFromName(fileName);
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    // Gone only if the sweep's grace passed since the claim above: its bytes may be gone with it.
    if (!(await touchStoredFile(trx, blob.sha256, now))) {
      throw new AppError('conflict', 'The file was cleared away while it was uploading; upload it again');
    }
    const previous = await trx
      .selectFrom('submission_version')
      .select('file_sha256')
      .where('id', '=', input.versionId)
      .executeTakeFirst();
    const result = await trx
      .updateTable('submission_version')
      .set({
        file_sha256: blob.sha256,
        file_name: fileName,
        file_format: format,
        row_count: null,
        updated_at: now,
      })
      .where('id', '=', input.versionId)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError(
        'invalid_state',
        'This version left draft while the file was uploading; start a new version',
      );
    }
    // The file the draft lets go of is kept for the sweep's grace period from now, not from when it was
    // stored: someone who read the draft a moment ago (an offer of it) may be about to name it.
    if (previous?.file_sha256 && previous.file_sha256 !== blob.sha256) {
      await touchStoredFile(trx, previous.file_sha256, now);
    }
    await appendEvent(trx, {
      type: 'file.attached',
      actorId: input.contributorId,
      submissionId: version.submission_id,
      versionId: input.versionId,
      requestId: version.request_id,
      props: { size: blob.size, format, source: 'server' },
      at: now,
    });
  });
  // The draft's new updatedAt: the wizard's next autosave sends it as the version it expects, with no
  // second request to learn it (one that could fail after the upload itself succeeded).
  return {
    sha256: blob.sha256,
    size: blob.size,
    format,
    name: fileName,
    updatedAt: new Date(now).toISOString(),
  };
}
