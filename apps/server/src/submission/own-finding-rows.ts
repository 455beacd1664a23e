import { notFound } from '../errors.ts';
import { type FindingRows, readFindingRows } from '../scoring/sample-rows.ts';
import type { Services } from '../services.ts';
import { findVersionById } from './repository.ts';

/**
 * The rows of the contributor's own file that one finding of a version's report of record cites, so that
 * they see what to fix in their data; personal data included, as it is their own.
 */
export async function getOwnFindingRows(
  services: Services,
  input: { contributorId: string; versionId: string; index: number },
): Promise<FindingRows> {
  const version = await findVersionById(services.db, input.versionId);
  if (!version || version.contributor_id !== input.contributorId) throw notFound('version', input.versionId);
  return readFindingRows(services.files, version, input.index);
}
