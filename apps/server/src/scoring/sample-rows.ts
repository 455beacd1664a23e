import { Readable } from 'node:stream';
import {
  findEarlierRows,
  maskPersonalData,
  REPEAT_FINDING_CODES,
  readSampleRows,
  type SampleRows,
  spreadRowNumbers,
} from '@assay/quality';
import { type FileFormat, findingRowNumbers, ManifestSchema, type QualityReport } from '@assay/schema';
import { AppError } from '../errors.ts';
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
  /**
   * For a finding of rows that repeat earlier ones (duplicates, near-duplicates, the same input with
   * another label): each cited row with the earlier row it repeats. Those earlier rows are among `rows`
   * too, so that the two can be compared.
   */
  repeats?: { row: number; earlier: number }[];
}

/** A version as stored, as far as its findings' rows need: its report of record and its file. */
export interface ScoredVersion {
  id: string;
  /** The manifest scored: the scorer's row keys, which pair a repeated row with its earlier one, follow it. */
  manifest: string;
  report: string | null;
  file_sha256: string | null;
  file_format: string | null;
}

/**
 * The rows of a version's file that one finding of its report (by its index in `findings`) cites
 * ({@link findingRowNumbers}: its location and its sample of further ones), read up to the last of them.
 * NOT_FOUND when the version has no such finding or no file.
 */
export async function readFindingRows(
  files: FileStore,
  version: ScoredVersion,
  index: number,
): Promise<FindingRows> {
  const finding = version.report ? (JSON.parse(version.report) as QualityReport).findings[index] : undefined;
  if (!finding || !version.file_sha256) {
    throw new AppError('not_found', `Version '${version.id}' has no finding ${index} with rows of its file`);
  }
  const format = (version.file_format as FileFormat | null) ?? undefined;
  const numbers = findingRowNumbers(finding);
  const column = finding.location?.column ?? null;
  if (numbers.length === 0) return { format: format ?? 'csv', columns: [], rows: [], numbers: [], column };
  const repeats = REPEAT_FINDING_CODES.has(finding.code)
    ? await readRepeats(files, version.file_sha256, format, version.manifest, numbers)
    : null;
  // findingRowNumbers is in order already; the earlier rows join it, in order.
  const wanted = repeats
    ? [...new Set([...numbers, ...repeats.map((r) => r.earlier)])].sort((a, b) => a - b)
    : numbers;
  const rows = await readSampleRows({
    source: sourceOf(files, version.file_sha256),
    format,
    limit: wanted.length,
    rowNumbers: wanted,
  });
  return { ...rows, column, ...(repeats ? { repeats } : {}) };
}

/** Each of `rows` with the earlier row it repeats, read with the scorer's keys for the manifest scored. */
async function readRepeats(
  files: FileStore,
  sha256: string,
  format: FileFormat | undefined,
  manifestJson: string,
  rows: number[],
): Promise<{ row: number; earlier: number }[]> {
  // A stored manifest that no longer parses (a version older than a schema change) scored with other keys.
  const manifest = ManifestSchema.safeParse(JSON.parse(manifestJson));
  if (!manifest.success) return [];
  const earlier = await findEarlierRows({
    source: sourceOf(files, sha256),
    format,
    manifest: manifest.data,
    rows,
  });
  return rows.flatMap((row) => (earlier.has(row) ? [{ row, earlier: earlier.get(row)! }] : []));
}

/**
 * Rows as a reviewer sees them before the data is bought: e-mail addresses, phone and card numbers in any
 * cell replaced by their kind (`[email]`), as the report never echoes them either. Contributors see their
 * own rows as they are.
 */
export function withoutPersonalData<T extends SampleRows>(sample: T): T {
  const masked = { ...sample, rows: sample.rows.map((row) => row.map(maskPersonalData)) };
  if (sample.unreadable) {
    masked.unreadable = sample.unreadable.map((row) => ({ ...row, text: maskPersonalData(row.text) }));
  }
  return masked;
}
