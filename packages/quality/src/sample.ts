import type { FileFormat } from '@assay/schema';
import { headerNames, isSeparatorLine } from './csv-header.ts';
import { CsvTokenizer } from './csv-tokenizer.ts';
import { isUnsafeInteger, restoreUnsafeIntegers } from './json-numbers.ts';
import { peekSource } from './scan.ts';
import { detectEncoding, sniffCsvDelimiter, sniffFormat } from './sniff.ts';
import type { ByteSource } from './source.ts';

/** Preview rows stop here however large `limit` is. */
const MAX_LIMIT = 10_000;

/**
 * `count` data row numbers (1-based) spread over a file of `total` rows, first row included: what a
 * reviewer should see of a file sorted by label or by time, where its first rows are all alike. The file
 * is cut into `count` equal stretches and one row taken from each, at an offset that varies from stretch
 * to stretch: an even stride met a file whose labels repeat with a period dividing it (positive, negative,
 * neutral, every 12th row) and showed one label only. Every row when there are no more than `count`.
 * The same numbers for the same arguments.
 */
export function spreadRowNumbers(total: number, count: number): number[] {
  const n = Math.max(0, Math.floor(total));
  const k = Math.max(0, Math.min(MAX_LIMIT, Math.floor(count)));
  if (n <= k) return Array.from({ length: n }, (_, i) => i + 1);
  return Array.from({ length: k }, (_, i) => {
    const start = Math.floor((i * n) / k);
    if (i === 0) return 1;
    const length = Math.floor(((i + 1) * n) / k) - start;
    return 1 + start + (mix(i, n) % length);
  });
}

/** A well-mixed non-negative integer from two (a step of the splitmix32 finalizer): offsets with no period. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A preview: the file's format and columns, and some of its data rows with their row numbers. */
export interface SampleRows {
  format: FileFormat;
  columns: string[];
  rows: string[][];
  /** Each row's data row number (1-based), as findings count rows. */
  numbers: number[];
  /**
   * `;` for a CSV file separated by semicolons, as the scorer reads it (`structure.semicolon-separated`);
   * absent when a file has its format's own separator.
   */
  delimiter?: ';';
  /**
   * Rows that could not be read into columns, when there are any: JSON Lines that are not valid JSON
   * (`invalid-json`) or not an object (`not-object`), by their index in `rows` (whose cells are empty),
   * with the line as written, cut to {@link UNREADABLE_TEXT_CHARS} characters.
   */
  unreadable?: UnreadableRow[];
}

/** A row of a preview that could not be read into columns ({@link SampleRows.unreadable}). */
export interface UnreadableRow {
  index: number;
  problem: 'invalid-json' | 'not-object';
  text: string;
}

/** How much of an unreadable line a preview keeps: enough to see what is wrong with it. */
export const UNREADABLE_TEXT_CHARS = 200;

/**
 * A bounded preview of a file for the upload wizard and for reviewers: its format, column names and data
 * rows as text — the first `limit`, or with `rowNumbers` (ascending, e.g. {@link spreadRowNumbers}) those
 * rows. Stops reading once it has them. Rows are numbered as the scorer numbers them: blank lines are not
 * rows, a record too long to keep is (and is not returned). JSONL values that are not strings are shown as
 * JSON. Cell values are returned as they are: callers decide what to show.
 */
export async function readSampleRows(input: {
  source: ByteSource;
  format?: FileFormat;
  limit: number;
  rowNumbers?: readonly number[];
}): Promise<SampleRows> {
  const wanted = input.rowNumbers ? [...input.rowNumbers].slice(0, MAX_LIMIT) : null;
  const limit = wanted ? wanted.length : Math.max(0, Math.min(MAX_LIMIT, Math.floor(input.limit)));
  const { head, source } = await peekSource(input.source);
  const format = input.format ?? sniffFormat(head);
  const decoder = new TextDecoder(detectEncoding(head));
  let columns: string[] = [];
  const rows: string[][] = [];
  const numbers: number[] = [];
  let isDone = false;
  /** Data rows seen so far, and the index in `wanted` of the next row to keep. */
  let rowNumber = 0;
  let next = 0;
  /** Counts a data row; whether to keep it (the next wanted one, or one of the first `limit`). */
  const isKept = (): boolean => {
    rowNumber++;
    if (!wanted) return true;
    if (wanted[next] !== rowNumber) return false;
    next++;
    return true;
  };
  const keep = (row: string[]) => {
    rows.push(row);
    numbers.push(rowNumber);
    if (rows.length >= limit) isDone = true;
  };

  if (format === 'jsonl') {
    let carry = '';
    const keys = new Map<string, number>();
    const unreadable: UnreadableRow[] = [];
    const line = (text: string) => {
      if (text.trim() === '' || isDone) return;
      let value: unknown;
      let isValid = true;
      try {
        value = JSON.parse(text);
      } catch {
        isValid = false;
      }
      if (!isKept()) return;
      const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
      if (!isObject) {
        unreadable.push({
          index: rows.length,
          problem: isValid ? 'not-object' : 'invalid-json',
          text: text.trimEnd().slice(0, UNREADABLE_TEXT_CHARS),
        });
      }
      const object = isObject ? (value as object) : {};
      const entries = Object.entries(object);
      for (const [key] of entries) {
        if (!keys.has(key)) {
          keys.set(key, keys.size);
          columns.push(key);
        }
      }
      const row: string[] = new Array(columns.length).fill('');
      const unsafeAt: number[] = [];
      for (const [key, cell] of entries) {
        const index = keys.get(key)!;
        row[index] = typeof cell === 'string' ? cell : cell === null ? '' : JSON.stringify(cell);
        if (isUnsafeInteger(cell)) unsafeAt.push(index);
      }
      if (unsafeAt.length > 0) restoreUnsafeIntegers(row, unsafeAt, text);
      keep(row);
    };
    for await (const bytes of source) {
      const text = carry + decoder.decode(bytes, { stream: true });
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      for (const l of lines) line(l);
      if (isDone || carry.length > 1 << 22) break;
    }
    if (!isDone) line(carry + decoder.decode());
    for (const row of rows) while (row.length < columns.length) row.push('');
    return unreadable.length === 0
      ? { format, columns, rows, numbers }
      : { format, columns, rows, numbers, unreadable };
  }

  let hasHeader = false;
  let hasSeparatorLine = false;
  const delimiter = format === 'tsv' ? '\t' : sniffCsvDelimiter(head);
  const tokenizer = new CsvTokenizer(delimiter, {
    onRecord(fields, isOversized) {
      if (isDone || (!isOversized && fields.length === 1 && fields[0] === '')) return;
      if (!hasHeader) {
        if (!isOversized && !hasSeparatorLine && isSeparatorLine(fields)) {
          hasSeparatorLine = true;
          return;
        }
        hasHeader = true;
        if (!isOversized) columns = headerNames(fields);
        return;
      }
      if (isKept() && !isOversized) keep(fields.slice());
    },
    onQuoteIssue() {},
  });
  if (limit > 0 || !hasHeader) {
    for await (const bytes of source) {
      tokenizer.push(decoder.decode(bytes, { stream: true }));
      if (isDone || (limit === 0 && hasHeader)) break;
    }
  }
  if (!isDone && !(limit === 0 && hasHeader)) {
    tokenizer.push(decoder.decode());
    tokenizer.finish();
  }
  return delimiter === ';'
    ? { format, columns, rows, numbers, delimiter }
    : { format, columns, rows, numbers };
}
