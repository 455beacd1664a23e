import type { Column, ColumnType, FileFormat } from '@assay/schema';
import type { PiiKind } from './pii.ts';

/** Most sample locations kept per grouped finding. */
export const MAX_SAMPLES = 10;

/** How often something happened, and a bounded sample of the 1-based data rows where. */
export class Occurrences {
  count = 0;
  readonly rows: number[] = [];

  add(row: number): void {
    this.count++;
    if (this.rows.length < MAX_SAMPLES) this.rows.push(row);
  }
}

/** What the scan learned about one column of the file. */
export interface ColumnEvidence {
  name: string;
  /** The manifest's declaration of this column, when it declares one with this name. */
  declared: Column | null;
  /** Index in `manifest.columns`, or -1. */
  declaredIndex: number;
  /** Declared type, checked against every value (null when undeclared). */
  type: ColumnType | null;
  /** Whether a later header cell repeats this name (that later column is then undeclared). */
  isDuplicateName: boolean;
  /** Rows where a value was present (JSONL: the key appeared). */
  seen: number;
  missing: number;
  nonMissing: number;
  firstValue: string | null;
  isConstant: boolean;
  typeErrors: Occurrences;
  /** Values of a number column read with a decimal comma (`3,5`): semicolon-separated CSV and TSV only. */
  decimalCommas: number;
  unsafeIntegers: Occurrences;
  nestedValues: Occurrences;
  datesOutside: Occurrences;
  /**
   * Personal data found, in text, category and integer columns (null for the other types). An integer
   * column is searched for card numbers only, and counts its 13–19-digit values (`longIntegers`): a
   * column of such identifiers passes the Luhn check about one value in ten, a column of card numbers
   * every time.
   */
  pii: Record<PiiKind, Occurrences> | null;
  longIntegers: number;
}

/** Everything the streaming scan collected; rules turn it into findings and outcomes. */
export interface Evidence {
  format: FileFormat;
  bytes: number;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  hasUtf8Bom: boolean;
  isBinary: boolean;
  /** No data at all: zero bytes or only whitespace. */
  isEmpty: boolean;
  /** U+FFFD characters after decoding: bytes that were not valid UTF-8. */
  invalidUtf8: number;
  /** Header cells (CSV/TSV) or the keys of the first object (JSONL). */
  header: string[];
  columns: ColumnEvidence[];
  /** Data rows read (header and blank lines excluded). */
  rows: number;
  /** The separator the file was read with (CSV: commas, or semicolons when its first line says so); null for JSONL. */
  delimiter: ',' | ';' | '\t' | null;
  /** The file starts with Excel's separator line (`sep=;`), which was skipped: other tools read it as the header. */
  hasSeparatorLine: boolean;
  /** A different delimiter the single-column header seems to use. */
  suspectedDelimiter: string | null;
  /** No declared name in the header, and header cells that look like values. */
  headerLooksLikeData: boolean;
  /** CSV/TSV header names that had spaces at their ends, as written (the columns are named without them). */
  paddedHeaderNames: string[];
  ragged: Occurrences;
  quoting: Occurrences;
  oversized: Occurrences;
  invalidJson: Occurrences;
  notObject: Occurrences;
  /** JSONL keys that are not in the first object, with where they appeared. */
  unexpectedKeys: Map<string, Occurrences>;
  crlfLines: number;
  lfLines: number;
  /** Index of the label column in `columns`, or -1. */
  labelIndex: number;
  /** Rows per label value as written (multilabel cells are split), with a sample of them. */
  labelCounts: Map<string, Occurrences>;
  /** Label values not counted because there were too many distinct ones. */
  labelOverflow: number;
  /** Rows whose label (or regression target) is missing: empty or a placeholder such as `NA`. */
  unlabeled: Occurrences;
  duplicates: Occurrences;
  nearDuplicates: Occurrences;
  conflictingLabels: Occurrences;
  uniqueRows: number;
  /** Bytes the duplicate table's arrays held at the end: sized once when the file's size was known. */
  rowTableBytes: number;
  /** Bottom-k sample of row hashes, ascending hex. */
  fingerprints: string[];
}
