import type { DraftManifest } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { findVersionById } from './repository.ts';

/**
 * Autosave: replaces a draft's manifest. Only the owner's draft can be saved; a submitted version is
 * frozen (start a new version instead). `expectedUpdatedAt` guards against a stale tab overwriting a
 * newer save.
 */
export async function saveDraftManifest(
  db: Kysely<Database>,
  input: {
    contributorId: string;
    versionId: string;
    manifest: DraftManifest;
    expectedUpdatedAt?: string | undefined;
  },
): Promise<{ updatedAt: string }> {
  const version = await findVersionById(db, input.versionId);
  if (!version || version.contributor_id !== input.contributorId) throw notFound('draft', input.versionId);
  if (version.state !== 'draft') {
    throw new AppError(
      'invalid_state',
      `Version ${version.number} is ${version.state}; only a draft can be edited`,
    );
  }
  const now = Math.max(Date.now(), version.updated_at + 1);
  let update = db
    .updateTable('submission_version')
    .set({ manifest: JSON.stringify(input.manifest), updated_at: now })
    .where('id', '=', input.versionId)
    .where('state', '=', 'draft');
  if (input.expectedUpdatedAt) {
    update = update.where('updated_at', '=', Date.parse(input.expectedUpdatedAt));
  }
  const result = await update.executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError(
      'conflict',
      'This draft changed in another tab or device; reload to see the newest version',
    );
  }
  return { updatedAt: new Date(now).toISOString() };
}
