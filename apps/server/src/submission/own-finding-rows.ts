import type { FileFormat, QualityReport } from '@assay/schema';
import { AppError, notFound } from '../errors.ts';
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
  const finding = version.report
    ? (JSON.parse(version.report) as QualityReport).findings[input.index]
    : undefined;
  if (!finding || !version.file_sha256) {
    throw new AppError(
      'not_found',
      `Version '${input.versionId}' has no finding ${input.index} with rows of its file`,
    );
  }
  return readFindingRows(
    services.files,
    { sha256: version.file_sha256, format: (version.file_format as FileFormat | null) ?? undefined },
    finding,
  );
}
