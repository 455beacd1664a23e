import type { DraftManifest } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { createDraft } from './create-draft.ts';
import { findVersionById } from './repository.ts';

/**
 * Offers a version's data to a data request: a new submission for the request whose first version is a
 * draft with the version's file and manifest, for the contributor to check against what the request asks
 * (the wizard pre-scores it with the request's requirements) and submit. The version offered is left as
 * it is. This is how data first made for no request, or declined by one, reaches another.
 */
export async function offerVersion(
  db: Kysely<Database>,
  input: { contributorId: string; versionId: string; requestId: string },
): Promise<{ submissionId: string; versionId: string }> {
  const version = await findVersionById(db, input.versionId);
  if (!version || version.contributor_id !== input.contributorId) throw notFound('version', input.versionId);
  if (version.file_sha256 === null) {
    throw new AppError('invalid_state', `Version ${version.number} has no data file to offer yet`);
  }
  if (version.request_id === input.requestId) {
    throw new AppError(
      'invalid_input',
      'This submission is already for that request: start a new version of it instead',
    );
  }
  return createDraft(db, {
    contributorId: input.contributorId,
    requestId: input.requestId,
    manifest: JSON.parse(version.manifest) as DraftManifest,
    file: { sha256: version.file_sha256, name: version.file_name, format: version.file_format },
    props: { offeredFrom: { submissionId: version.submission_id, versionId: version.id } },
  });
}
