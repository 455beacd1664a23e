import { readSampleRows, type SampleRows } from '@assay/quality';
import { type FileFormat, findingRowNumbers, isFindingRowsWithheld, type QualityReport } from '@assay/schema';
import { AppError } from '../errors.ts';
import { sourceOf } from '../scoring/sample-rows.ts';
import type { Services } from '../services.ts';
import type { SessionUser } from '../trpc.ts';
import { loadVisibleVersion } from './get-review-item.ts';

export interface FindingRows extends SampleRows {
  /** The column the finding is about, when it names one: the page marks it. */
  column: string | null;
}

/**
 * The rows of a version's file that one finding of its report (by its index in `report.findings`) cites:
 * the evidence behind it, read from the stored file. Only cited rows: before an organisation buys the data,
 * its reviewers see the sample and these, never rows of their choosing.
 */
export async function getFindingRows(
  services: Services,
  caller: SessionUser,
  versionId: string,
  index: number,
): Promise<FindingRows> {
  const row = await loadVisibleVersion(services, caller, versionId);
  const report = row.report ? (JSON.parse(row.report) as QualityReport) : null;
  const finding = report?.findings[index];
  if (!finding || !row.file_sha256) {
    throw new AppError('not_found', `Version '${versionId}' has no finding ${index} with rows of its file`);
  }
  if (isFindingRowsWithheld(finding)) {
    throw new AppError(
      'forbidden',
      'The rows of a personal-data finding are not shown: the report says how many rows hold it and of which kind',
    );
  }
  const numbers = findingRowNumbers(finding);
  const column = finding.location?.column ?? null;
  if (numbers.length === 0)
    return { format: report!.stats.format, columns: [], rows: [], numbers: [], column };
  const rows = await readSampleRows({
    source: sourceOf(services.files, row.file_sha256),
    format: (row.file_format as FileFormat | null) ?? undefined,
    limit: numbers.length,
    rowNumbers: numbers,
  });
  return { ...rows, column };
}
