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
import { BENCH_DIR } from './harness.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.SPIKE_ROUNDS ?? 5);
const CHUNK_BYTES = 1 << 16;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** One record's fields as byte offsets into `bytes`; escaped fields hold doubled quotes. */
interface ByteRecord {
  bytes: Uint8Array;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  isEscaped: Uint8Array;
}

/**
 * RFC 4180 records from UTF-8 chunks, fields as offsets. A record split across chunks is carried (its
 * bytes copied once) and tokenized again with the next chunk, so every record it hands over lies in one
 * buffer.
 */
class ByteCsvTokenizer {
  crlfCount = 0;
  lfCount = 0;
  textAfterQuote = 0;
  private carry: Uint8Array | null = null;
  private readonly record: ByteRecord = {
    bytes: new Uint8Array(0),
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
    let bytes = chunk;
    if (this.carry !== null) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      this.carry = null;
    }
    const consumed = this.tokenize(bytes, false);
    if (consumed < bytes.length) this.carry = bytes.slice(consumed);
  }

  finish(): void {
    if (this.carry !== null && this.carry.length > 0) this.tokenize(this.carry, true);
    this.carry = null;
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

const best = { string: Infinity, bytes: Infinity, 'bytes+utf8': Infinity };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, pass] of [
    ['string', () => stringRecords()],
    ['bytes', () => byteRecords()],
    ['bytes+utf8', () => byteRecords(undefined, true)],
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
