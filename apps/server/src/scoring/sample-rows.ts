import { Readable } from 'node:stream';
import { maskPersonalData, readSampleRows, type SampleRows, spreadRowNumbers } from '@assay/quality';
import { type FileFormat, type Finding, findingRowNumbers } from '@assay/schema';
import type { FileStore } from '../files/file-store.ts';

/** Rows a reviewer sees of a version: enough to judge, few enough to read at a glance. */
export const SAMPLE_ROWS = 25;

/** The stored file as a web stream, which the quality library reads. */
export function sourceOf(files: FileStore, sha256: string) {
  return Readable.toWeb(files.read(sha256)) as ReadableStream<Uint8Array>;
}

/**
 * {@link SAMPLE_ROWS} rows spread evenly over a file of `totalRows`, first row included, with their row
 * numbers: a file sorted by label or by date shows its range, not only its first rows. Reads up to the
 * last of them, so the scoring job picks them once, after the scorer counted the rows.
 */
export function pickSampleRows(
  files: FileStore,
  sha256: string,
  format: FileFormat,
  totalRows: number,
): Promise<SampleRows> {
  return readSampleRows({
    source: sourceOf(files, sha256),
    format,
    limit: SAMPLE_ROWS,
    // No rows: the header alone, without reading the rest of the file for nothing.
    ...(totalRows > 0 ? { rowNumbers: spreadRowNumbers(totalRows, SAMPLE_ROWS) } : {}),
  });
}

/** The first {@link SAMPLE_ROWS} rows: for versions scored before samples were picked at scoring. */
export function readFirstRows(files: FileStore, sha256: string, format: FileFormat | undefined) {
  return readSampleRows({ source: sourceOf(files, sha256), format, limit: SAMPLE_ROWS });
}

/** The rows a finding cites, and the column it is about (the page marks it). */
export interface FindingRows extends SampleRows {
  column: string | null;
}

/**
 * The rows of a stored file that one finding of its report cites ({@link findingRowNumbers}: its location and
 * its sample of further ones), read up to the last of them.
 */
export async function readFindingRows(
  files: FileStore,
  file: { sha256: string; format: FileFormat | undefined },
  finding: Finding,
): Promise<FindingRows> {
  const numbers = findingRowNumbers(finding);
  const column = finding.location?.column ?? null;
  if (numbers.length === 0)
    return { format: file.format ?? 'csv', columns: [], rows: [], numbers: [], column };
  const rows = await readSampleRows({
    source: sourceOf(files, file.sha256),
    format: file.format,
    limit: numbers.length,
    rowNumbers: numbers,
  });
  return { ...rows, column };
}

/**
 * Rows as a reviewer sees them before the data is bought: e-mail addresses, phone and card numbers in any
 * cell replaced by their kind (`[email]`), as the report never echoes them either. Contributors see their
 * own rows as they are.
 */
export function withoutPersonalData<T extends SampleRows>(sample: T): T {
  return { ...sample, rows: sample.rows.map((row) => row.map(maskPersonalData)) };
}
