import type { FileFormat, Manifest } from '@assay/schema';
import { EarlierRowsFinder, scanSource } from './scan.ts';
import type { ByteSource } from './source.ts';

/** The findings whose rows each repeat an earlier row, which {@link findEarlierRows} can name. */
export const REPEAT_FINDING_CODES: ReadonlySet<string> = new Set([
  'structure.duplicate-rows',
  'structure.near-duplicate-rows',
  'structure.conflicting-labels',
]);

/** Ends the scan early; never seen outside {@link findEarlierRows}. */
const DONE = Symbol('done');

/**
 * For rows a duplicate, near-duplicate or conflicting-label finding cites (data row numbers, 1-based), the
 * earlier row that each repeats: the one the scorer compared it with. The report keeps no such pairs (a
 * first row per key would cost 4 bytes a unique row against its memory budget), so this reads the file
 * again, up to the last of the rows, with the scorer's own row keys: the same file and manifest give the
 * same keys. A row with no earlier row of its key (one the finding does not cite) is left out.
 */
export async function findEarlierRows(input: {
  source: ByteSource;
  format?: FileFormat;
  manifest: Manifest;
  rows: readonly number[];
  signal?: AbortSignal;
}): Promise<Map<number, number>> {
  const wanted = new Set(input.rows.filter((row) => Number.isInteger(row) && row > 0));
  if (wanted.size === 0) return new Map();
  const stop = new AbortController();
  const signal = input.signal ? AbortSignal.any([input.signal, stop.signal]) : stop.signal;
  const finder = new EarlierRowsFinder(wanted, () => stop.abort(DONE));
  try {
    await scanSource(input.source, input.format, input.manifest, { signal, earlierRows: finder });
  } catch (error) {
    if (error !== DONE) throw error;
  }
  return finder.found;
}
