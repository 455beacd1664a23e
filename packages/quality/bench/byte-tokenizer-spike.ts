/**
 * `npm run bench:byte-spike -w @assay/quality`: how fast a byte-level CSV tokenizer is, against the
 * string tokenizer the scorer uses (issue 3's third option: a one-pass byte-level tokenizer, checker and
 * hasher, against which parse-only would be measured too). The byte tokenizer below keeps the string
 * tokenizer's records (quoted fields with delimiters, doubled quotes and newlines; CRLF and LF; records
 * split across chunks; text after a closing quote reported) and hands over each field as byte offsets in
 * the chunk, not as a string; it does not bound a record's size, which the real one would have to. The
 * run first checks that both give the same records for the bench CSV (fields decoded and compared), then
 * times them in turns in this one process, best of `SPIKE_ROUNDS` (default 5), from chunks already in
 * memory, so only the tokenizing is measured. Uses the bench CSV of `npm run bench` (BENCH_ROWS picks it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvTokenizer } from '../src/csv-tokenizer.ts';
import { RowKey } from '../src/row-key.ts';
import { BENCH_DIR } from './harness.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.SPIKE_ROUNDS ?? 5);
const CHUNK_BYTES = 1 << 16;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * One record's fields as byte offsets into `bytes`; escaped fields hold doubled quotes. `view` is over the
 * same buffer, with 4 bytes to spare after `bytes` (RowKey reads whole words).
 */
interface ByteRecord {
  bytes: Uint8Array;
  view: DataView;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  isEscaped: Uint8Array;
}

/**
 * RFC 4180 records from UTF-8 chunks, fields as offsets. Each chunk is copied after the bytes carried from
 * the last one (a record split across chunks, tokenized again), so every record it hands over lies in one
 * buffer.
 */
class ByteCsvTokenizer {
  crlfCount = 0;
  lfCount = 0;
  textAfterQuote = 0;
  private work = new Uint8Array(1 << 17);
  private carried = 0;
  private readonly record: ByteRecord = {
    bytes: new Uint8Array(0),
    view: new DataView(this.work.buffer),
    count: 0,
    starts: new Int32Array(256),
    ends: new Int32Array(256),
    isEscaped: new Uint8Array(256),
  };

  constructor(
    private readonly delimiter: number,
    private readonly onRecord: (record: ByteRecord) => void,
  ) {}

  push(chunk: Uint8Array): void {
    const length = this.carried + chunk.length;
    if (this.work.length < length + 4) {
      const work = new Uint8Array(Math.max(length + 4, this.work.length * 2));
      work.set(this.work.subarray(0, this.carried));
      this.work = work;
      this.record.view = new DataView(work.buffer);
    }
    this.work.set(chunk, this.carried);
    const consumed = this.tokenize(this.work.subarray(0, length), false);
    this.work.copyWithin(0, consumed, length);
    this.carried = length - consumed;
  }

  finish(): void {
    if (this.carried > 0) this.tokenize(this.work.subarray(0, this.carried), true);
    this.carried = 0;
  }

  /** Hands over every record that ends in `bytes` (all of them at the end of input); returns where the rest starts. */
  private tokenize(bytes: Uint8Array, isLast: boolean): number {
    const n = bytes.length;
    const delimiter = this.delimiter;
    const record = this.record;
    record.bytes = bytes;
    let recordStart = 0;
    let i = 0;
    let count = 0;
    while (i < n) {
      // One field from i.
      if (count === record.starts.length) this.grow();
      if (bytes[i] === QUOTE) {
        const start = i + 1;
        let j = start;
        let isEscaped = 0;
        let end = -1;
        while (true) {
          const q = bytes.indexOf(QUOTE, j);
          if (q === -1) break;
          if (q + 1 === n) {
            // Closing, or half of a doubled quote whose other half is in the next chunk.
            if (isLast) end = q;
            break;
          }
          if (bytes[q + 1] === QUOTE) {
            isEscaped = 1;
            j = q + 2;
            continue;
          }
          end = q;
          break;
        }
        if (end === -1) {
          if (!isLast) return recordStart;
          end = n; // unterminated: the rest is the field
        }
        record.starts[count] = start;
        record.ends[count] = end;
        record.isEscaped[count++] = isEscaped;
        i = end + 1;
        if (i < n && bytes[i] === CR && i + 1 < n && bytes[i + 1] === LF) i++;
        const next = i < n ? bytes[i] : LF;
        if (next === delimiter) {
          i++;
          continue;
        }
        if (next !== LF) {
          // Text after the closing quote: the string tokenizer reads on as an unquoted field's text.
          this.textAfterQuote++;
          let k = i;
          while (k < n && bytes[k] !== delimiter && bytes[k] !== LF) k++;
          if (k === n && !isLast) return recordStart;
          i = k;
          if (i < n && bytes[i] === delimiter) {
            i++;
            continue;
          }
        }
        if (bytes[i - 1] === CR) this.crlfCount++;
        else if (i < n) this.lfCount++;
        record.count = count;
        this.onRecord(record);
        count = 0;
        recordStart = ++i;
        continue;
      }
      // An unquoted field: up to the delimiter or the line's end.
      let k = i;
      while (k < n) {
        const b = bytes[k]!;
        if (b === delimiter || b === LF) break;
        k++;
      }
      if (k === n && !isLast) return recordStart;
      record.starts[count] = i;
      if (k < n && bytes[k] === LF && k > i && bytes[k - 1] === CR) {
        record.ends[count] = k - 1;
        this.crlfCount++;
      } else {
        record.ends[count] = k;
        if (k < n && bytes[k] === LF) this.lfCount++;
      }
      record.isEscaped[count++] = 0;
      if (k < n && bytes[k] === delimiter) {
        i = k + 1;
        continue;
      }
      record.count = count;
      this.onRecord(record);
      count = 0;
      recordStart = i = k + 1;
    }
    // A record still open: its last field (after a delimiter, or a quoted one) or its line ending is to come.
    if (count > 0) {
      if (!isLast) return recordStart;
      if (bytes[n - 1] === delimiter) {
        record.starts[count] = n;
        record.ends[count] = n;
        record.isEscaped[count++] = 0;
      }
      record.count = count;
      this.onRecord(record);
    }
    return n;
  }

  private grow(): void {
    const r = this.record;
    const starts = new Int32Array(r.starts.length * 2);
    const ends = new Int32Array(starts.length);
    const isEscaped = new Uint8Array(starts.length);
    starts.set(r.starts);
    ends.set(r.ends);
    isEscaped.set(r.isEscaped);
    r.starts = starts;
    r.ends = ends;
    r.isEscaped = isEscaped;
  }
}

const path = join(BENCH_DIR, `bench-${ROWS}.csv`);
if (!existsSync(path)) throw new Error(`No ${path}: run \`npm run bench -w @assay/quality\` first`);
const file = readFileSync(path);
const chunks: Uint8Array[] = [];
for (let at = 0; at < file.length; at += CHUNK_BYTES) {
  chunks.push(file.subarray(at, Math.min(at + CHUNK_BYTES, file.length)));
}

/** The string tokenizer as parse-only runs it (run-one.ts): decoded chunks, fields as strings. */
function stringRecords(each: (fields: string[]) => void = () => {}): number {
  let rows = 0;
  const tokenizer = new CsvTokenizer(',', {
    onRecord: (fields) => {
      rows++;
      each(fields);
    },
    onQuoteIssue: () => {},
  });
  const decoder = new TextDecoder();
  for (const chunk of chunks) tokenizer.push(decoder.decode(chunk, { stream: true }));
  tokenizer.finish();
  return rows;
}

/**
 * The byte tokenizer: fields as offsets; with `each`, decoded for the comparison. With `isValidating`,
 * each chunk is also checked to be UTF-8 the way a browser can (a fatal `TextDecoder`, its string
 * dropped): the scorer reports invalid UTF-8, which the string tokenizer's decoding finds on the way.
 */
function byteRecords(each?: (fields: string[]) => void, isValidating = false): number {
  const validator = new TextDecoder('utf-8', { fatal: true });
  let rows = 0;
  const decoder = new TextDecoder();
  const tokenizer = new ByteCsvTokenizer(0x2c, (record) => {
    rows++;
    if (each === undefined) return;
    const fields: string[] = [];
    for (let f = 0; f < record.count; f++) {
      const text = decoder.decode(record.bytes.subarray(record.starts[f], record.ends[f]));
      fields.push(record.isEscaped[f] ? text.replaceAll('""', '"') : text);
    }
    each(fields);
  });
  for (const chunk of chunks) {
    if (isValidating) validator.decode(chunk, { stream: true });
    tokenizer.push(chunk);
  }
  tokenizer.finish();
  return rows;
}

/** The bench CSV's free-text columns (`text`, `note`): their keys are normalized, the others' exact. */
const TEXT_COLUMNS = new Set([1, 6]);

/**
 * The byte tokenizer with the scorer's own row keys (RowKey, as `RowScanner.row` builds them from the
 * chunk's bytes): the least a one-pass byte-level scorer does per row besides tokenizing.
 */
function byteRecordsWithKeys(): number {
  let rows = 0;
  let sum = 0;
  const key = new RowKey();
  const tokenizer = new ByteCsvTokenizer(0x2c, ({ bytes, view, count, starts, ends, isEscaped }) => {
    rows++;
    key.begin();
    for (let f = 0; f < count; f++) {
      const start = starts[f]!;
      const end = ends[f]!;
      if (start === end) key.addMissing();
      else if (!TEXT_COLUMNS.has(f)) key.addValueBytes(view, start, end);
      else if (isEscaped[f] === 0) key.addTextBytes(bytes, view, start, end);
      else key.addEscapedTextBytes(bytes, view, start, end);
    }
    key.end();
    sum = (sum + key.hi) | 0;
  });
  for (const chunk of chunks) tokenizer.push(chunk);
  tokenizer.finish();
  return rows + (sum & 0);
}

// The same records, or the timing says nothing.
const expected: string[] = [];
stringRecords((fields) => expected.push(JSON.stringify(fields)));
let index = 0;
byteRecords((fields) => {
  const got = JSON.stringify(fields);
  if (got !== expected[index])
    throw new Error(`record ${index + 1} differs: ${got} against ${expected[index]}`);
  index++;
});
if (index !== expected.length) throw new Error(`${index} records against ${expected.length}`);
expected.length = 0;
process.stderr.write(`${index.toLocaleString('en-US')} records, the same from both tokenizers\n`);

const best = { string: Infinity, bytes: Infinity, 'bytes+utf8': Infinity, 'bytes+keys': Infinity };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, pass] of [
    ['string', () => stringRecords()],
    ['bytes', () => byteRecords()],
    ['bytes+utf8', () => byteRecords(undefined, true)],
    ['bytes+keys', () => byteRecordsWithKeys()],
  ] as const) {
    const before = process.cpuUsage();
    pass();
    const used = process.cpuUsage(before);
    const seconds = (used.user + used.system) / 1e6;
    best[name] = Math.min(best[name], seconds);
    process.stderr.write(
      `  ${name.padEnd(10)} CPU ${seconds.toFixed(3)} s  ${(file.length / 1e6 / seconds).toFixed(1)} MB/s\n`,
    );
  }
}
const rate = (seconds: number) => `${(file.length / 1e6 / seconds).toFixed(1)} MB/s`;
console.log(
  `csv tokenizing, best of ${ROUNDS} by CPU time: string ${rate(best.string)}, bytes ${rate(best.bytes)} (${(best.string / best.bytes).toFixed(2)}x), bytes checked as UTF-8 ${rate(best['bytes+utf8'])} (${(best.string / best['bytes+utf8']).toFixed(2)}x)`,
);
// At 0.5 a scorer spends as long on everything else as its parse-only spends tokenizing.
console.log(
  `row keys on the bytes: ${(best['bytes+keys'] - best.bytes).toFixed(3)} s CPU, ${((best['bytes+keys'] - best.bytes) / best.bytes).toFixed(2)}x the byte tokenizer's own ${best.bytes.toFixed(3)} s (at a ratio of 0.5 all checks, keys and the table together get 1.00x)`,
);
