import type { FileFormat, QualityReport } from '@assay/schema';
import { AppError } from '../errors.ts';
import { type FindingRows, readFindingRows, withoutPersonalData } from '../scoring/sample-rows.ts';
import type { Services } from '../services.ts';
import type { SessionUser } from '../trpc.ts';
import { loadVisibleVersion } from './get-review-item.ts';

/**
 * The rows of a version's file that one finding of its report (by its index in `report.findings`) cites:
 * the evidence behind it, for a reviewer who may see the version. Only cited rows: before an organisation
 * buys the data, its reviewers see the sample and these, never rows of their choosing, and in every row the
 * personal data masked (`[email]`): a personal-data finding shows where it is, not what it is.
 */
export async function getFindingRows(
  services: Services,
  caller: SessionUser,
  versionId: string,
  index: number,
): Promise<FindingRows> {
  const row = await loadVisibleVersion(services, caller, versionId);
  const finding = row.report ? (JSON.parse(row.report) as QualityReport).findings[index] : undefined;
  if (!finding || !row.file_sha256) {
    throw new AppError('not_found', `Version '${versionId}' has no finding ${index} with rows of its file`);
  }
  return withoutPersonalData(
    await readFindingRows(
      services.files,
      { sha256: row.file_sha256, format: (row.file_format as FileFormat | null) ?? undefined },
      finding,
    ),
  );
}
