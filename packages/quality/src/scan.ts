import { type FileFormat, isClassificationTask, type Manifest } from '@assay/schema';
import {
  allowsDecimalCommas,
  datePrefixKey,
  isDateText,
  isDecimalCommaText,
  isMissing,
  isNumberText,
  isOfType,
  isUnsafeIntegerText,
} from './cell-checks.ts';
import { headerNames, isSeparatorLine, paddedHeaderNames } from './csv-header.ts';
import { CsvTokenizer, MAX_RECORD_CHARS } from './csv-tokenizer.ts';
import { type ColumnEvidence, type Evidence, Occurrences } from './evidence.ts';
import { isLabelText } from './label-text.ts';
import { hasDigitRun, isLuhnValid, PII_CARD, PII_EMAIL, PII_PHONE, piiKinds } from './pii.ts';
import { RowKey } from './row-key.ts';
import { BottomK, DIFFERENT_VALUE, fnv1a, NEW, RowTable, SAME } from './row-table.ts';
import { detectEncoding, looksBinary, sniffCsvDelimiter, sniffFormat } from './sniff.ts';
import { type ByteSource, readSlices } from './source.ts';
import { Utf8Chunks, Utf8Offsets } from './utf8-offsets.ts';

/** Size of the row-hash sample kept as the file's fingerprints. */
export const FINGERPRINT_COUNT = 1000;
const MAX_DISTINCT_LABELS = 1000;
const MAX_UNEXPECTED_KEYS = 100;
/** Value checks by declared type: none (free text, categories, undeclared), date, any other type. */
const CHECK_NONE = 0;
const CHECK_DATE = 1;
const CHECK_TYPE = 2;
/** Label texts remembered with their hash and count, so a file's few labels are not hashed per row. */
const RECENT_LABELS = 8;
/**
 * Row keys wait in a batch this long before going into the row table. Each insert misses the cache once
 * the table outgrows it; inserted back to back, the misses of a batch overlap instead of each one
 * stalling its row.
 */
const TABLE_BATCH = 256;
/**
 * With the file's size known, the row table is sized once these many bytes have been read: their rows
 * estimate the file's. Growing a table of 1M rows shard by shard instead copies it about twice over.
 */
const TABLE_SIZING_BYTES = 1 << 18;
/** The most rows the table is sized for ahead (about 59 MiB); a bigger file's table grows from there. */
const MAX_ROWS_AHEAD = 1 << 22;

/** Options of one scan. */
export interface ScanOptions {
  signal?: AbortSignal;
  /** Given, the row keys go to it instead of the row table: the scan then finds earlier rows, nothing more. */
  earlierRows?: EarlierRowsFinder;
  onProgress?: (p: { bytes: number; rows: number }) => void;
  /** The source's size in bytes, when known: the row table is then sized once rather than grown. */
  totalBytes?: number;
}

function isTextType(type: string | null): boolean {
  return type === null || type === 'string';
}

/**
 * Collects {@link Evidence} from rows one at a time: types, missing values, labels, personal data, and
 * exact, near-duplicate and conflicting rows through a {@link RowTable} of 64-bit row keys.
 */
class RowScanner {
  readonly evidence: Evidence;
  /** The current row's key. */
  readonly key = new RowKey();
  private readonly classification: boolean;
  readonly multilabel: boolean;
  /** The manifest's timeframe as `yyyymmdd` numbers (-1 and +∞ when open): dates outside are reported. */
  private readonly timeframeStart: number;
  private readonly timeframeEnd: number;
  private readonly table = new RowTable();
  private readonly sample = new BottomK(FINGERPRINT_COUNT);
  /** Rows not yet in the table: key halves, value (exact-text and label hashes), row number. */
  private readonly batchHi = new Int32Array(TABLE_BATCH);
  private readonly batchLo = new Int32Array(TABLE_BATCH);
  private readonly batchValue = new Int32Array(TABLE_BATCH);
  private readonly batchRow = new Int32Array(TABLE_BATCH);
  private batchLength = 0;
  /** Up to {@link RECENT_LABELS} label texts with their 16-bit hashes and their entries in `labelCounts`. */
  private readonly recentLabels: string[] = [];
  private readonly recentLabelHashes: number[] = [];
  private readonly recentLabelCounts: (Occurrences | undefined)[] = [];
  private columnCount = 0;
  private isText: boolean[] = [];
  /** Per column, what its values are checked for: {@link CHECK_NONE}, {@link CHECK_DATE}, {@link CHECK_TYPE}. */
  private checks = new Uint8Array(0);

  constructor(
    format: FileFormat,
    private readonly manifest: Manifest,
    private readonly earlierRows: EarlierRowsFinder | null = null,
  ) {
    this.classification = isClassificationTask(manifest.task);
    this.multilabel = manifest.task === 'multilabel-classification';
    const start = manifest.context?.timeframe?.start;
    const end = manifest.context?.timeframe?.end;
    this.timeframeStart = start && isDateText(start.slice(0, 10)) ? datePrefixKey(start) : -1;
    this.timeframeEnd = end && isDateText(end.slice(0, 10)) ? datePrefixKey(end) : Number.POSITIVE_INFINITY;
    this.evidence = {
      format,
      bytes: 0,
      encoding: 'utf-8',
      hasUtf8Bom: false,
      isBinary: false,
      isEmpty: true,
      invalidUtf8: 0,
      header: [],
      columns: [],
      rows: 0,
      delimiter: null,
      hasSeparatorLine: false,
      suspectedDelimiter: null,
      headerLooksLikeData: false,
      paddedHeaderNames: [],
      ragged: new Occurrences(),
      quoting: new Occurrences(),
      oversized: new Occurrences(),
      invalidJson: new Occurrences(),
      notObject: new Occurrences(),
      unexpectedKeys: new Map(),
      crlfLines: 0,
      lfLines: 0,
      labelIndex: -1,
      labelCounts: new Map(),
      labelOverflow: 0,
      unlabeled: new Occurrences(),
      duplicates: new Occurrences(),
      nearDuplicates: new Occurrences(),
      conflictingLabels: new Occurrences(),
      uniqueRows: 0,
      rowTableBytes: 0,
      fingerprints: [],
    };
  }

  /**
   * Sizes the row table for a file of `totalBytes`, from the rows in its first `bytesRead` bytes. A
   * wrong estimate costs only memory or time: the table holds any number of rows either way.
   */
  expectRows(bytesRead: number, totalBytes: number): void {
    const rows = Math.ceil((this.evidence.rows * totalBytes) / bytesRead);
    this.table.reserve(Math.min(rows, MAX_ROWS_AHEAD));
  }

  /** Names of the manifest's declared columns, in order. */
  manifestColumnNames(): string[] {
    return this.manifest.columns.map((column) => column.name);
  }

  /** Sets the file's columns from its header (CSV) or first object's keys (JSONL). */
  setHeader(names: string[]): void {
    const declared = new Map<string, number>();
    this.manifest.columns.forEach((column, index) => {
      declared.set(column.name, index);
    });
    const seen = new Set<string>();
    const columns: ColumnEvidence[] = [];
    for (const name of names) {
      const isRepeat = seen.has(name);
      seen.add(name);
      const declaredIndex = isRepeat ? -1 : (declared.get(name) ?? -1);
      const column = declaredIndex === -1 ? null : this.manifest.columns[declaredIndex]!;
      const type = column?.type ?? null;
      columns.push({
        name,
        declared: column,
        declaredIndex,
        type,
        isDuplicateName: false,
        seen: 0,
        missing: 0,
        nonMissing: 0,
        firstValue: null,
        isConstant: true,
        typeErrors: new Occurrences(),
        decimalCommas: 0,
        unsafeIntegers: new Occurrences(),
        nestedValues: new Occurrences(),
        datesOutside: new Occurrences(),
        // Category and integer columns too: an address declared a category, a card number an integer
        // (the wizard's own guesses for such columns) had gone unseen.
        pii:
          isTextType(type) || type === 'category' || type === 'integer'
            ? { email: new Occurrences(), phone: new Occurrences(), card: new Occurrences() }
            : null,
        longIntegers: 0,
      });
    }
    const firstIndex = new Map<string, number>();
    columns.forEach((column, index) => {
      const first = firstIndex.get(column.name);
      if (first === undefined) firstIndex.set(column.name, index);
      else columns[first]!.isDuplicateName = true;
    });
    const ev = this.evidence;
    ev.header = names;
    ev.columns = columns;
    this.columnCount = columns.length;
    this.isText = columns.map((column) => isTextType(column.type));
    this.checks = Uint8Array.from(columns, ({ type }) =>
      type === 'date'
        ? CHECK_DATE
        : type === null || type === 'string' || type === 'category'
          ? CHECK_NONE
          : CHECK_TYPE,
    );
    const labelColumn = this.manifest.label?.column;
    ev.labelIndex = labelColumn === undefined ? -1 : (firstIndex.get(labelColumn) ?? -1);
    const hasDeclaredName = names.some((name) => declared.has(name));
    ev.headerLooksLikeData =
      !hasDeclaredName && names.some((name) => name.length > 64 || isNumberText(name) || isDateText(name));
  }

  /**
   * Where the CSV reader's fields sit as UTF-8: the pushed chunk's bytes, and per field its byte offsets
   * in the chunk or -1 and whether it holds doubled quotes (see {@link CsvTokenizer.fieldStarts}).
   * Without them (JSONL, a field begun in an earlier chunk) rows are hashed from their strings, to the
   * same keys.
   */
  private chunkBytes: Uint8Array | null = null;
  private chunkView: DataView | null = null;
  private fieldStarts: Int32Array = new Int32Array(0);
  private fieldEnds: Int32Array = new Int32Array(0);
  private fieldIsEscaped: Uint8Array = new Uint8Array(0);

  /** Sets the chunk whose UTF-8 bytes the next rows' field offsets point into, or null. */
  setChunkBytes(bytes: Uint8Array | null, view: DataView | null): void {
    this.chunkBytes = bytes;
    this.chunkView = view;
  }

  /** Sets the next row's field offsets into the chunk set by {@link setChunkBytes}. */
  setFieldOffsets(starts: Int32Array, ends: Int32Array, isEscaped: Uint8Array): void {
    this.fieldStarts = starts;
    this.fieldEnds = ends;
    this.fieldIsEscaped = isEscaped;
  }

  /** Scores one data row; `values` holds one string per file column (missing values as `''`). */
  row(values: string[], length: number): void {
    const ev = this.evidence;
    const rowNumber = ++ev.rows;
    const columns = ev.columns;
    const labelIndex = ev.labelIndex;
    const isText = this.isText;
    const checks = this.checks;
    const count = Math.min(length, this.columnCount);
    // A ragged row's values sit in the wrong columns: it is reported as ragged, not as type or label errors.
    const isRagged = length !== this.columnCount;
    const key = this.key;
    key.begin();
    const bytes = this.chunkBytes;
    const view = this.chunkView!;
    const starts = this.fieldStarts;
    const ends = this.fieldEnds;
    const isEscaped = this.fieldIsEscaped;
    /** The label's place in the recent-label cache, once looked up (-2: not yet). */
    let labelRecent = -2;
    for (let c = 0; c < count; c++) {
      const value = values[c]!;
      const column = columns[c]!;
      column.seen++;
      if (isMissing(value)) {
        column.missing++;
        // A ragged row's label is not where the label column is: it is reported as ragged.
        if (c !== labelIndex) key.addMissing();
        else if (!isRagged) ev.unlabeled.add(rowNumber);
        continue;
      }
      column.nonMissing++;
      if (column.isConstant) {
        if (column.firstValue === null) column.firstValue = value;
        else if (value !== column.firstValue) column.isConstant = false;
      }
      const check = isRagged ? CHECK_NONE : checks[c]!;
      if (check === CHECK_DATE) {
        // Checked and turned into a day number at once; a day outside the manifest's timeframe is reported.
        const day = value.length === 10 ? datePrefixKey(value) : -1;
        if (day === -1) column.typeErrors.add(rowNumber);
        else if (day < this.timeframeStart || day > this.timeframeEnd) column.datesOutside.add(rowNumber);
      } else if (check === CHECK_TYPE) {
        const type = column.type!;
        if (!isOfType(value, type)) {
          if (type === 'number' && allowsDecimalCommas(ev.delimiter) && isDecimalCommaText(value)) {
            column.decimalCommas++;
          } else column.typeErrors.add(rowNumber);
        } else if (type === 'integer' && value.length > 15 && isUnsafeIntegerText(value)) {
          column.unsafeIntegers.add(rowNumber);
        } else if (type === 'datetime') {
          // The value starts with a valid date: its day alone decides, the time of day never does.
          const day = datePrefixKey(value);
          if (day < this.timeframeStart || day > this.timeframeEnd) column.datesOutside.add(rowNumber);
        }
      }
      if (c === labelIndex) {
        labelRecent = this.recentLabel(value);
        if (this.classification && !isRagged) this.countLabel(value, rowNumber, labelRecent);
        if (column.pii !== null && column.type !== 'integer') {
          this.checkPii(value, column, rowNumber, hasDigitRun(value));
        }
      } else if (isText[c]) {
        const start = bytes === null ? -1 : starts[c]!;
        if (start === -1) key.addText(value);
        else if (isEscaped[c] === 0) key.addTextBytes(bytes!, view, start, ends[c]!);
        else key.addEscapedTextBytes(bytes!, view, start, ends[c]!);
        // Only text with an `@` is searched for an e-mail address, only 8 or more digits for a number.
        if (column.pii !== null && (key.hasAt || key.digits >= 8)) {
          const hasRun = key.digits >= 8 && hasDigitRun(value);
          const at = key.hasAt ? value.indexOf('@') : -1;
          if (hasRun || at !== -1) this.checkPii(value, column, rowNumber, hasRun, at);
        }
      } else {
        const start = bytes === null || isEscaped[c] !== 0 ? -1 : starts[c]!;
        if (start !== -1) key.addValueBytes(view, start, ends[c]!);
        else key.addValue(value);
        if (column.pii !== null) this.checkValuePii(value, column, rowNumber);
      }
    }
    if (length !== this.columnCount && length > 0) {
      // Ragged rows still hash, so a repeated ragged row is a duplicate like any other.
      for (let c = count; c < length; c++) key.addValue(values[c]!);
    }
    const label = labelIndex !== -1 && labelIndex < count ? values[labelIndex]! : '';
    let labelHash = 0;
    if (label !== '') {
      const recent = labelRecent === -2 ? this.recentLabel(label) : labelRecent;
      labelHash = recent === -1 ? fnv1a(label) & 0xffff : this.recentLabelHashes[recent]!;
    }
    key.end();
    const b = this.batchLength++;
    this.batchHi[b] = key.hi;
    this.batchLo[b] = key.lo;
    this.batchValue[b] = (key.exact & 0xffff0000) | labelHash;
    this.batchRow[b] = rowNumber;
    if (b + 1 === TABLE_BATCH) this.flushBatch();
  }

  /** Puts the batched rows into the row table, in row order: new, duplicate, conflicting or near-duplicate. */
  private flushBatch(): void {
    if (this.earlierRows !== null) {
      this.earlierRows.take(this.batchHi, this.batchLo, this.batchRow, this.batchLength);
      this.batchLength = 0;
      return;
    }
    const ev = this.evidence;
    const table = this.table;
    table.touch(this.batchHi, this.batchLength);
    for (let b = 0; b < this.batchLength; b++) {
      const hi = this.batchHi[b]!;
      const lo = this.batchLo[b]!;
      const value = this.batchValue[b]!;
      const outcome = table.add(hi, lo, value);
      if (outcome === NEW) {
        ev.uniqueRows++;
        this.sample.offer(hi, lo);
      } else if (outcome === SAME) {
        ev.duplicates.add(this.batchRow[b]!);
      } else if (outcome === DIFFERENT_VALUE) {
        const stored = table.storedValue;
        if ((stored & 0xffff0000) === (value & 0xffff0000)) ev.conflictingLabels.add(this.batchRow[b]!);
        else ev.nearDuplicates.add(this.batchRow[b]!);
      }
    }
    this.batchLength = 0;
  }

  /**
   * Personal data in a category or integer value, behind the cheap pre-checks text gets: an `@`, a run of
   * 8 digits; an integer only for a card number (13–19 digits passing the Luhn check).
   */
  private checkValuePii(value: string, column: ColumnEvidence, rowNumber: number): void {
    if (column.type === 'integer') {
      const n = value.length;
      if (n < 13 || n > 19) return;
      const first = value.charCodeAt(0);
      if (first < 48 || first > 57) return;
      column.longIntegers++;
      if (isLuhnValid(value)) column.pii!.card.add(rowNumber);
      return;
    }
    const at = value.indexOf('@');
    const hasRun = value.length >= 8 && hasDigitRun(value);
    if (hasRun || at !== -1) this.checkPii(value, column, rowNumber, hasRun, at);
  }

  private checkPii(
    value: string,
    column: ColumnEvidence,
    rowNumber: number,
    hasRun: boolean,
    at = value.indexOf('@'),
  ): void {
    const kinds = piiKinds(value, hasRun, at);
    if (kinds === 0) return;
    const pii = column.pii!;
    if ((kinds & PII_EMAIL) !== 0) pii.email.add(rowNumber);
    if ((kinds & PII_PHONE) !== 0) pii.phone.add(rowNumber);
    if ((kinds & PII_CARD) !== 0) pii.card.add(rowNumber);
  }

  /** Counts a label; `recent` is its place in the recent-label cache ({@link recentLabel}). */
  private countLabel(value: string, rowNumber: number, recent: number): void {
    const counts = this.evidence.labelCounts;
    if (this.multilabel && /[|;,]/.test(value)) {
      for (const part of value.split(/[|;,]/)) {
        const label = part.trim();
        if (label !== '') this.addLabel(counts, label, rowNumber);
      }
    } else {
      // The counts of the few labels most files have are found without hashing the text.
      const entry = recent === -1 ? undefined : this.recentLabelCounts[recent];
      if (entry !== undefined) entry.add(rowNumber);
      else this.addLabel(counts, value, rowNumber);
      if (recent !== -1 && entry === undefined) this.recentLabelCounts[recent] = counts.get(value);
    }
  }

  /** Index of the label text in the recent-label cache, added when there is room, or -1. */
  private recentLabel(label: string): number {
    const labels = this.recentLabels;
    for (let i = 0; i < labels.length; i++) if (labels[i] === label) return i;
    if (labels.length === RECENT_LABELS) return -1;
    labels.push(label);
    this.recentLabelHashes.push(fnv1a(label) & 0xffff);
    this.recentLabelCounts.push(undefined);
    return labels.length - 1;
  }

  private addLabel(counts: Map<string, Occurrences>, label: string, rowNumber: number): void {
    let entry = counts.get(label);
    if (entry === undefined && counts.size < MAX_DISTINCT_LABELS) {
      entry = new Occurrences();
      counts.set(label, entry);
    }
    if (entry !== undefined) entry.add(rowNumber);
    else this.evidence.labelOverflow++;
  }

  finish(): Evidence {
    this.flushBatch();
    this.evidence.rowTableBytes = this.table.byteLength;
    this.evidence.fingerprints = this.sample.toHex();
    return this.evidence;
  }
}

/** Counts U+FFFD (what the decoder puts for bytes that are not UTF-8). */
function countReplacementChars(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/** A piece of the decoded file, and its UTF-8 bytes when they came with it (valid until the next piece). */
interface DecodedText {
  text: string;
  utf8: Uint8Array | null;
}

/**
 * A decoder over the source's slices that records encoding facts into the evidence. With `withBytes`, a
 * UTF-8 file's texts come with the bytes they were decoded from, unless the text holds U+FFFD (bytes
 * that were not UTF-8, or U+FFFD itself).
 */
async function* decodeSource(
  source: ByteSource,
  scanner: RowScanner,
  options: ScanOptions,
  withBytes: boolean,
): AsyncGenerator<DecodedText> {
  const ev = scanner.evidence;
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  const chunks = new Utf8Chunks();
  let isFirst = true;
  let hasText = false;
  let isTableSized = options.totalBytes === undefined;
  for await (const slice of readSlices(source)) {
    options.signal?.throwIfAborted();
    if (!isTableSized && ev.bytes >= TABLE_SIZING_BYTES) {
      // The rows scanned so far are those of the bytes before this slice (but for a record split at it).
      isTableSized = true;
      scanner.expectRows(ev.bytes, options.totalBytes!);
    }
    ev.bytes += slice.length;
    const skip = isFirst && slice[0] === 0xef && slice[1] === 0xbb && slice[2] === 0xbf ? 3 : 0;
    if (isFirst) {
      isFirst = false;
      ev.encoding = detectEncoding(slice);
      ev.hasUtf8Bom = skip === 3;
      ev.isBinary = looksBinary(slice);
      decoder = new TextDecoder(ev.encoding);
    }
    options.onProgress?.({ bytes: ev.bytes, rows: ev.rows });
    if (ev.isBinary) continue;
    const text = decoder!.decode(slice, { stream: true });
    if (!hasText && /\S/.test(text)) hasText = true;
    const replaced = countReplacementChars(text);
    ev.invalidUtf8 += replaced;
    const utf8 = withBytes && ev.encoding === 'utf-8' ? chunks.next(slice, skip) : null;
    if (text !== '') yield { text, utf8: replaced === 0 ? utf8 : null };
  }
  if (decoder !== null && !ev.isBinary) {
    const tail = decoder.decode();
    if (tail !== '') {
      if (/\S/.test(tail)) hasText = true;
      ev.invalidUtf8 += countReplacementChars(tail);
      yield { text: tail, utf8: null };
    }
  }
  ev.isEmpty = !hasText && !ev.isBinary;
}

/**
 * The first row with each of some rows' keys: the row the scan compared each with when it found it a
 * duplicate, a near-duplicate or the same input with another label (the row table keeps a key's first
 * row's value, and every later row with the key is compared with that). Its own table of key → first row
 * number costs what the scorer's does; it is built only when asked for.
 */
export class EarlierRowsFinder {
  /** Each wanted row that had an earlier row with its key → that row. */
  readonly found = new Map<number, number>();
  private readonly table = new RowTable();
  private readonly last: number;

  constructor(
    private readonly wanted: ReadonlySet<number>,
    /** Called once the last wanted row is found or passed: the rest of the file need not be read. */
    private readonly onDone: () => void,
  ) {
    this.last = Math.max(0, ...wanted);
  }

  take(hi: Int32Array, lo: Int32Array, rows: Int32Array, length: number): void {
    const table = this.table;
    for (let b = 0; b < length; b++) {
      const row = rows[b]!;
      if (table.add(hi[b]!, lo[b]!, row) !== NEW && this.wanted.has(row))
        this.found.set(row, table.storedValue);
      if (row >= this.last) {
        this.onDone();
        return;
      }
    }
  }
}

/** Bytes gathered before format, encoding and binary sniffing, so tiny chunks sniff like big ones. */
const HEAD_BYTES = 8192;

/**
 * Reads the first {@link HEAD_BYTES} of a source without losing them: returns them and an iterable of
 * all bytes whose first chunk is exactly that head, whatever the source's chunking.
 */
export async function peekSource(
  source: ByteSource,
): Promise<{ head: Uint8Array; source: AsyncIterable<Uint8Array> }> {
  const iterator = readSlices(source)[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  let isDone = false;
  while (length < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      isDone = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  const head = parts.length === 1 ? parts[0]! : new Uint8Array(length);
  if (parts.length !== 1) {
    let offset = 0;
    for (const part of parts) {
      head.set(part, offset);
      offset += part.length;
    }
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      if (length > 0) yield head;
      while (!isDone) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.(undefined);
    }
  }
  return { head, source: replay() };
}

/** Scans a whole file once, in constant memory apart from the row table, and returns what it found. */
export async function scanSource(
  rawSource: ByteSource,
  format: FileFormat | undefined,
  manifest: Manifest,
  options: ScanOptions,
): Promise<Evidence> {
  const { head, source } = await peekSource(rawSource);
  const resolved = format ?? sniffFormat(head);
  const scanner = new RowScanner(resolved, manifest, options.earlierRows ?? null);
  const ev = scanner.evidence;
  // CSV fields are hashed from bytes; JSONL values are strings of parsed objects.
  const texts = decodeSource(source, scanner, options, resolved !== 'jsonl');
  if (resolved === 'jsonl') await readJsonLines(texts, scanner);
  else await readDelimited(texts, resolved === 'tsv' ? '\t' : sniffCsvDelimiter(head), scanner);
  options.onProgress?.({ bytes: ev.bytes, rows: ev.rows });
  return scanner.finish();
}

async function readDelimited(
  texts: AsyncIterable<DecodedText>,
  delimiter: ',' | ';' | '\t',
  scanner: RowScanner,
) {
  const ev = scanner.evidence;
  ev.delimiter = delimiter;
  let hasHeader = false;
  const encoder = new TextEncoder();
  let chunkBytes = new Uint8Array(0);
  let chunkView = new DataView(chunkBytes.buffer);
  /** Set when the chunk has characters beyond ASCII: its fields' string offsets become byte offsets. */
  const utf8Offsets = new Utf8Offsets();
  let isShifted = false;
  /** Records other than a data row: oversized, blank, the header. */
  const onOtherRecord = (fields: string[], isOversized: boolean) => {
    if (isOversized) {
      if (!hasHeader) {
        hasHeader = true;
        scanner.setHeader([]);
      }
      ev.oversized.add(ev.rows + 1);
      ev.rows++;
      return;
    }
    if (fields.length === 1 && fields[0] === '') return; // blank line
    if (!ev.hasSeparatorLine && isSeparatorLine(fields)) {
      ev.hasSeparatorLine = true;
      return;
    }
    hasHeader = true;
    scanner.setHeader(headerNames(fields));
    ev.paddedHeaderNames = paddedHeaderNames(fields);
    if (fields.length === 1) ev.suspectedDelimiter = guessDelimiter(fields[0]!, delimiter);
  };
  const tokenizer = new CsvTokenizer(
    delimiter,
    {
      // Kept small, as it is inlined into the tokenizer's loop: the rare records go to onOtherRecord.
      onRecord(fields, isOversized) {
        if (isOversized || !hasHeader || (fields.length === 1 && fields[0] === '')) {
          onOtherRecord(fields, isOversized);
          return;
        }
        if (fields.length !== ev.columns.length) ev.ragged.add(ev.rows + 1);
        if (isShifted) utf8Offsets.toBytes(tokenizer.fieldStarts, tokenizer.fieldEnds, fields.length);
        scanner.setFieldOffsets(tokenizer.fieldStarts, tokenizer.fieldEnds, tokenizer.fieldIsEscaped);
        scanner.row(fields, fields.length);
      },
      onQuoteIssue() {
        ev.quoting.add(ev.rows + 1);
      },
    },
    { isTrackingOffsets: true },
  );
  for await (const { text, utf8 } of texts) {
    // The chunk as UTF-8, so that fields are hashed from these bytes: the bytes it was decoded from, or
    // encoded in one native call. Up to 3 bytes a UTF-16 code unit, and 4 to spare: RowKey.addValueBytes
    // reads whole words.
    if (chunkBytes.length < text.length * 3 + 4) {
      chunkBytes = new Uint8Array(Math.max(text.length * 3 + 4, chunkBytes.length * 2));
      chunkView = new DataView(chunkBytes.buffer);
    }
    let written: number;
    if (utf8 !== null) {
      chunkBytes.set(utf8);
      written = utf8.length;
    } else {
      written = encoder.encodeInto(text, chunkBytes.subarray(0, text.length * 3)).written;
    }
    isShifted = written !== text.length;
    if (isShifted) utf8Offsets.index(chunkBytes, chunkView, written);
    scanner.setChunkBytes(chunkBytes, chunkView);
    tokenizer.push(text);
  }
  scanner.setChunkBytes(null, null);
  tokenizer.finish();
  ev.crlfLines = tokenizer.crlfCount;
  ev.lfLines = tokenizer.lfCount;
}

/**
 * Another separator a one-column header holds (`id;text;label` read with commas), or null: the file then
 * uses it (`structure.wrong-delimiter`). The wizard asks the same when a file is dropped.
 */
export function guessDelimiter(headerCell: string, delimiter: string): string | null {
  for (const candidate of [';', '\t', '|', ',']) {
    if (candidate !== delimiter && headerCell.includes(candidate)) return candidate;
  }
  return null;
}

async function readJsonLines(texts: AsyncIterable<DecodedText>, scanner: RowScanner) {
  const ev = scanner.evidence;
  let carry = '';
  let isSkipping = false;
  let keyIndex: Map<string, number> | null = null;
  let values: string[] = [];
  /** Column names, and per column the last row number whose object had that key. */
  let names: string[] = [];
  let present = new Float64Array(0);

  const line = (text: string) => {
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    if (text.trim() === '') return;
    const rowNumber = ev.rows + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ev.invalidJson.add(rowNumber);
      ev.rows++;
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      ev.notObject.add(rowNumber);
      ev.rows++;
      return;
    }
    const object = parsed as Record<string, unknown>;
    if (keyIndex === null) {
      names = Object.keys(object);
      for (const column of scanner.manifestColumnNames()) if (!names.includes(column)) names.push(column);
      scanner.setHeader(names);
      keyIndex = new Map(names.map((name, index) => [name, index]));
      values = new Array<string>(names.length).fill('');
      present = new Float64Array(names.length);
    }
    const columns = ev.columns;
    const count = columns.length;
    // One pass over the object's own keys in order: `object[key]` inside `for…in` is a direct field load,
    // and a key in its first-object position is found by identity. Columns not stamped are absent.
    // `for…in` also lists enumerable keys inherited from a polluted Object.prototype: only then is each
    // key checked to be the object's own.
    const isPolluted = hasInheritedKeys();
    const labelListIndex = scanner.multilabel ? ev.labelIndex : -1;
    let position = 0;
    let hasUnexpected = false;
    for (const key in object) {
      if (isPolluted && !Object.hasOwn(object, key)) continue;
      const c = position < count && names[position] === key ? position : (keyIndex.get(key) ?? -1);
      if (c === -1) {
        hasUnexpected = true;
        continue;
      }
      position = c + 1;
      present[c] = rowNumber;
      const value = object[key];
      // A multilabel row's labels as a JSON array (["sports","politics"]) are its labels, not a nested
      // value: they are counted as the CSV form "sports|politics" is.
      values[c] =
        c === labelListIndex && Array.isArray(value) && value.every(isLabelText)
          ? value.join('|')
          : toCellText(value, columns[c]!, rowNumber);
    }
    for (let c = 0; c < count; c++) if (present[c] !== rowNumber) values[c] = '';
    if (hasUnexpected) {
      for (const key of Object.keys(object)) {
        if (keyIndex.has(key)) continue;
        let occurrences = ev.unexpectedKeys.get(key);
        if (occurrences === undefined && ev.unexpectedKeys.size < MAX_UNEXPECTED_KEYS) {
          occurrences = new Occurrences();
          ev.unexpectedKeys.set(key, occurrences);
        }
        occurrences?.add(rowNumber);
      }
    }
    // A key that is absent is missing, not ragged: count it as a missing value in that column.
    scanner.row(values, count);
    for (let c = 0; c < count; c++) if (present[c] !== rowNumber) columns[c]!.seen--;
  };

  for await (const { text } of texts) {
    let start = 0;
    while (true) {
      const newline = text.indexOf('\n', start);
      if (newline === -1) {
        if (!isSkipping) {
          carry += text.slice(start);
          if (carry.length > MAX_RECORD_CHARS) {
            carry = '';
            isSkipping = true;
          }
        }
        break;
      }
      if (isSkipping) {
        isSkipping = false;
        ev.rows++;
        ev.oversized.add(ev.rows);
      } else {
        line(carry === '' ? text.slice(start, newline) : carry + text.slice(start, newline));
      }
      carry = '';
      start = newline + 1;
    }
  }
  if (isSkipping) {
    ev.rows++;
    ev.oversized.add(ev.rows);
  } else if (carry !== '') line(carry);
  if (keyIndex === null) scanner.setHeader([]);
}

/** An empty object, to see whether `for…in` lists keys inherited from Object.prototype. */
const PROBE = {};

/** Whether Object.prototype (every JSON object's prototype) has enumerable keys, e.g. after pollution. */
function hasInheritedKeys(): boolean {
  for (const _key in PROBE) return true;
  return false;
}

function toCellText(value: unknown, column: ColumnEvidence, rowNumber: number): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      // Integer columns check the digits themselves (see RowScanner.row); others are flagged here.
      if (column.type !== 'integer' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
        column.unsafeIntegers.add(rowNumber);
      }
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return '';
      column.nestedValues.add(rowNumber);
      return JSON.stringify(value);
    default:
      return '';
  }
}
