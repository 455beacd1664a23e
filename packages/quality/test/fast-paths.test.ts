import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNumberText } from '../src/cell-checks.ts';
import { fmix32 } from '../src/murmur3.ts';
import { EMAIL_PATTERN, hasDigitRun, hasEmail } from '../src/pii.ts';
import { DIFFERENT_VALUE, MAX_LOAD, NEW, RowTable, SAME } from '../src/row-table.ts';
import { formatCount } from '../src/rules/rule.ts';
import { scanSource } from '../src/scan.ts';
import { Utf8Chunks, Utf8Offsets } from '../src/utf8-offsets.ts';
import { chunksOf, GOOD_MANIFEST } from './rule-cases.ts';

/** Strings over a small alphabet, so the interesting shapes come up often. */
const over = (alphabet: string, maxLength = 30) =>
  fc.array(fc.constantFrom(...alphabet.split('')), { maxLength }).map((chars) => chars.join(''));

/** The regex-and-Number() check the hand-written one replaced. */
function isNumberTextByNumber(value: string): boolean {
  if (value.length === 0) return false;
  if (!/^[0-9+\-.eE]+$/.test(value)) return false;
  return Number.isFinite(Number(value));
}

describe('hand-written fast paths decide as the checks they replace', () => {
  it('hasEmail matches the e-mail regex', () => {
    fc.assert(
      fc.property(over('a.Z-_@%+1 .@é-x', 40), (value) => {
        expect(hasEmail(value)).toBe(EMAIL_PATTERN.test(value));
      }),
      { numRuns: 20000 },
    );
    for (const value of [
      'a@b.co',
      '@b.co',
      'a@.co',
      'a@b.c',
      'a@b..co',
      'a@b-.c1.xy',
      'x a@b.c.de',
      'a@b@c.de',
    ]) {
      expect(hasEmail(value)).toBe(EMAIL_PATTERN.test(value));
    }
  });

  it('isNumberText accepts what Number() turns into a finite number', () => {
    fc.assert(
      fc.property(over('0123456789+-.eE x', 12), (value) => {
        expect(isNumberText(value)).toBe(isNumberTextByNumber(value));
      }),
      { numRuns: 20000 },
    );
    for (const value of [
      '1'.repeat(299),
      '1'.repeat(320),
      `1e${'9'.repeat(5)}`,
      '1e308',
      '2e308',
      '.5',
      '5.',
      '.',
    ]) {
      expect(isNumberText(value)).toBe(isNumberTextByNumber(value));
    }
  });

  it('hasDigitRun finds 8 digits split only by phone separators', () => {
    fc.assert(
      fc.property(over('0123456789 -.()+a', 30), (value) => {
        expect(hasDigitRun(value)).toBe(/\d(?:[ \-.()+]*\d){7}/.test(value));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('RowTable', () => {
  it('keeps every key through its shards growing, with SAME and DIFFERENT_VALUE on repeats', () => {
    const table = new RowTable(16);
    let seed = 1;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) | 0;
      return Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d);
    };
    const keys: number[] = [];
    let wrong = 0;
    for (let i = 0; i < 50_000; i++) {
      const hi = next();
      const lo = next();
      keys.push(hi, lo);
      if (table.add(hi, lo, i) !== NEW) wrong++;
    }
    expect(table.size).toBe(50_000);
    for (let i = 0; i < 50_000; i++) {
      if (table.add(keys[i * 2]!, keys[i * 2 + 1]!, i) !== SAME) wrong++;
      if (table.add(keys[i * 2]! >>> 0, keys[i * 2 + 1]! >>> 0, i + 1) !== DIFFERENT_VALUE) wrong++;
      if (table.storedValue !== i) wrong++;
    }
    expect(wrong).toBe(0);
    expect(table.size).toBe(50_000);
    // The reserved empty key 0:0 is stored as 0:1.
    expect(table.add(0, 0, 7)).toBe(NEW);
    expect(table.add(0, 1, 7)).toBe(SAME);
  });

  it('reserve sizes every shard at once: the keys it was sized for grow nothing, keys already in stay found', () => {
    const table = new RowTable(16);
    const keys: number[] = [];
    for (let i = 0; i < 50_000; i++) keys.push(fmix32(i + 1), fmix32(-i - 1));
    for (let i = 0; i < 1000; i++) table.add(keys[i * 2]!, keys[i * 2 + 1]!, i);
    table.reserve(50_000);
    const reserved = table.byteLength;
    // 12 bytes a slot, at most MAX_LOAD of them used: 16 shards, each rounded up by a slot.
    expect(reserved).toBeGreaterThanOrEqual((50_000 / MAX_LOAD) * 12);
    // Each shard gets 4 standard deviations more than its even share (about 220 keys of 3,125 here):
    // hashed keys spread unevenly, and one shard over its share would grow.
    expect(reserved).toBeLessThanOrEqual((54_000 / MAX_LOAD) * 12);
    let wrong = 0;
    for (let i = 0; i < 1000; i++) if (table.add(keys[i * 2]!, keys[i * 2 + 1]!, i) !== SAME) wrong++;
    for (let i = 1000; i < 50_000; i++) if (table.add(keys[i * 2]!, keys[i * 2 + 1]!, i) !== NEW) wrong++;
    expect(wrong).toBe(0);
    expect(table.byteLength).toBe(reserved);
    table.reserve(10);
    expect(table.byteLength).toBe(reserved);
    // Past what it was sized for, the table grows as before.
    for (let i = 50_000; i < 60_000; i++) if (table.add(fmix32(i + 1), fmix32(-i - 1), i) !== NEW) wrong++;
    expect(wrong).toBe(0);
    expect(table.size).toBe(60_000);
    expect(table.byteLength).toBeGreaterThan(reserved);
  });
});

describe('the row table sized from the file size (ScanOptions.totalBytes)', () => {
  it('is sized once from the first rows, and the evidence is the same with the size, without it or with a wrong one', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      // Every 50th row repeats the one before it; all rows are as long, so the first ones tell the count.
      const n = i % 50 === 49 ? i - 1 : i;
      const id = String(n).padStart(5, '0');
      rows.push(`Ticket ${id} about invoice ${id}7,${n % 3 === 0 ? 'high' : 'low'},2025-04-0${(n % 9) + 1}`);
    }
    const bytes = new TextEncoder().encode(`text,urgency,created\n${rows.join('\n')}\n`);
    expect(bytes.length).toBeGreaterThan(3 * (1 << 18));
    const scan = (totalBytes?: number) =>
      scanSource(
        chunksOf(bytes, 1 << 16),
        'csv',
        GOOD_MANIFEST,
        totalBytes === undefined ? {} : { totalBytes },
      );
    const unsized = await scan();
    const sized = await scan(bytes.length);
    expect(sized.rows).toBe(20_000);
    expect(sized.duplicates.count).toBe(400);
    // Sized for the file's rows (the first 256 KiB's rows scaled to its size), not grown past them.
    expect(sized.rowTableBytes).toBeGreaterThanOrEqual((19_000 / MAX_LOAD) * 12);
    expect(sized.rowTableBytes).toBeLessThanOrEqual((23_500 / MAX_LOAD) * 12);
    expect(sized.rowTableBytes).toBeLessThan(unsized.rowTableBytes);
    const tenTimes = await scan(bytes.length * 10);
    expect(tenTimes.rowTableBytes).toBeGreaterThanOrEqual((190_000 / MAX_LOAD) * 12);
    const withoutTable = ({ rowTableBytes: _, ...evidence }: Awaited<ReturnType<typeof scan>>) => evidence;
    for (const other of [sized, tenTimes, await scan(1), await scan(Number.NaN), await scan(-5)]) {
      expect(withoutTable(other)).toEqual(withoutTable(unsized));
    }
  });
});

describe('duplicate rows through the batched row table', () => {
  it('are found across batches, in row order, as exact, near-duplicate or conflicting', async () => {
    const rows: string[] = [];
    const expected = { duplicates: [] as number[], near: [] as number[], conflicting: [] as number[] };
    for (let i = 0; i < 2000; i++) {
      const row = rows.length + 1;
      const earlier = i % 97; // a row from the first batch, repeated in later ones
      const label = earlier % 2 === 0 ? 'low' : 'high';
      if (i >= 100 && i % 97 === 3) {
        rows.push(`Ticket number ${earlier} is here,${label},2025-04-01`);
        expected.duplicates.push(row);
      } else if (i >= 100 && i % 97 === 5) {
        rows.push(`TICKET number ${earlier} is -- here!,${label},2025-04-01`);
        expected.near.push(row);
      } else if (i >= 100 && i % 97 === 7) {
        rows.push(`Ticket number ${earlier} is here,${label === 'low' ? 'high' : 'low'},2025-04-01`);
        expected.conflicting.push(row);
      } else {
        rows.push(
          `Ticket number ${i < 100 ? i : i + 10_000} is here,${i % 2 === 0 ? 'low' : 'high'},2025-04-01`,
        );
      }
    }
    const csv = `text,urgency,created\n${rows.join('\n')}\n`;
    const evidence = await scanSource(
      chunksOf(new TextEncoder().encode(csv), 1000),
      'csv',
      GOOD_MANIFEST,
      {},
    );
    expect(evidence.duplicates.count).toBe(expected.duplicates.length);
    expect(evidence.duplicates.rows).toEqual(expected.duplicates.slice(0, evidence.duplicates.rows.length));
    expect(evidence.nearDuplicates.count).toBe(expected.near.length);
    expect(evidence.nearDuplicates.rows).toEqual(expected.near.slice(0, evidence.nearDuplicates.rows.length));
    expect(evidence.conflictingLabels.count).toBe(expected.conflicting.length);
    expect(evidence.conflictingLabels.rows).toEqual(
      expected.conflicting.slice(0, evidence.conflictingLabels.rows.length),
    );
    expect(evidence.uniqueRows).toBe(
      2000 - expected.duplicates.length - expected.near.length - expected.conflicting.length,
    );
  });
});

describe('quoted fields with doubled quotes', () => {
  it('are exact duplicates or near-duplicates alike whatever the chunking (bytes or strings)', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 400; i++) {
      const n = i % 50;
      // Rows 301–350 repeat rows 1–50 exactly, rows 351–400 as near-duplicates (more quotes, other case).
      // Rows 1–50 sit in the first 8 KiB, read as one chunk whatever the chunk size: their fields are
      // hashed from bytes, the repeats' from bytes or strings depending on the chunking.
      const text =
        i >= 350
          ? `"He said """"HI"""" to ${n}, then"`
          : `"He said ""hi"" to ${i < 50 || i >= 300 ? n : i}, then"`;
      rows.push(`${text},${n % 2 === 0 ? 'low' : 'high'},2025-04-01`);
    }
    const csv = new TextEncoder().encode(`text,urgency,created\r\n${rows.join('\r\n')}\r\n`);
    for (const size of [7, 64, 97, 333, 1000, csv.length]) {
      const evidence = await scanSource(chunksOf(csv, size), 'csv', GOOD_MANIFEST, {});
      expect([evidence.duplicates.count, evidence.nearDuplicates.count, evidence.uniqueRows]).toEqual([
        50, 50, 300,
      ]);
      expect(evidence.duplicates.rows[0]).toBe(301);
      expect(evidence.nearDuplicates.rows[0]).toBe(351);
    }
  });
});

describe('text beyond ASCII', () => {
  it('Utf8Offsets turns string offsets into the UTF-8 byte offsets of the same places', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(
        // ASCII delimiters between runs of any code points (accents, CJK, emoji, U+FFFD).
        fc
          .array(
            fc.oneof(fc.constantFrom(',', 'a', '"', '\n'), fc.string({ unit: 'binary', maxLength: 4 })),
            {
              maxLength: 30,
            },
          )
          .map((parts) => parts.join('')),
        fc.array(fc.nat(), { maxLength: 12 }),
        (text, picks) => {
          // Places where the tokenizer puts offsets: rising, two per field, never inside a run of
          // characters beyond ASCII (a field starts after an ASCII delimiter and ends at one).
          const isAsciiAt = (at: number) => at < 0 || at >= text.length || text.charCodeAt(at) < 0x80;
          const places = [...new Set(picks.map((p) => p % (text.length + 1)))]
            .filter((at) => isAsciiAt(at - 1) || isAsciiAt(at))
            .sort((a, b) => a - b);
          if (places.length % 2 === 1) places.pop();
          const fields = places.length / 2;
          const starts = Int32Array.from({ length: fields }, (_, f) => places[f * 2]!);
          const ends = Int32Array.from({ length: fields }, (_, f) => places[f * 2 + 1]!);
          const bytes = new Uint8Array(text.length * 3 + 4);
          const { written } = encoder.encodeInto(text, bytes);
          const offsets = new Utf8Offsets();
          offsets.index(bytes, new DataView(bytes.buffer), written);
          offsets.toBytes(starts, ends, fields);
          const byteOffset = (at: number) => encoder.encode(text.slice(0, at)).length;
          for (let f = 0; f < fields; f++) {
            expect([starts[f], ends[f]]).toEqual([
              byteOffset(places[f * 2]!),
              byteOffset(places[f * 2 + 1]!),
            ]);
          }
        },
      ),
      { numRuns: 5000 },
    );
    // 5,000 runs take about 2 s alone, and twice vitest's default timeout on a loaded 2-core machine.
  }, 20_000);

  it('Utf8Chunks gives each text a streaming decoder yields the bytes it came from', () => {
    const encoder = new TextEncoder();
    // Valid text beyond ASCII, cut anywhere, with stray bytes that are not UTF-8 here and there.
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }).map((text) => encoder.encode(text)),
      fc.uint8Array({ maxLength: 3 }),
      fc.constantFrom(
        ...[
          [0xef, 0xbb, 0xbf],
          [0xe0, 0x80],
          [0xed, 0xa0, 0x80],
          [0xf4, 0x90],
          [0xc0, 0xaf],
        ].map((b) => new Uint8Array(b)),
      ),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1 }),
        (pieces, sizes) => {
          const bytes = new Uint8Array(pieces.flatMap((p) => [...p]));
          const decoder = new TextDecoder();
          const chunks = new Utf8Chunks();
          const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
          let at = 0;
          for (let i = 0; at < bytes.length; i++) {
            const slice = bytes.subarray(at, at + sizes[i % sizes.length]! + (i === 0 ? 3 : 0));
            const text = decoder.decode(slice, { stream: true });
            const own = chunks.next(slice, i === 0 && hasBom ? 3 : 0);
            if (!text.includes('\ufffd')) expect([...own]).toEqual([...encoder.encode(text)]);
            at += slice.length;
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('gives the same duplicates and fingerprints in UTF-8 (with or without BOM) at any chunking as in UTF-16', async () => {
    const words = ['Grüße', 'café', 'naïve', 'déjà vu', '東京', 'ログイン', '👍🏽', 'ok', 'Ünïcödé'];
    const rows: string[] = [];
    for (let i = 0; i < 600; i++) {
      const n = i % 150;
      const text = `${words[n % words.length]} ${words[(n * 7) % words.length]} ticket ${n}`;
      // Rows 151–300 repeat rows 1–150 exactly, rows 301–450 as near-duplicates (other case and
      // punctuation), rows 451–600 are new. Some texts are quoted, with doubled quotes.
      // The last new rows hold U+FFFD, which the UTF-8 file writes as a byte that is not UTF-8.
      const again = i >= 560 ? `${text} again \ufffd` : `${text} again`;
      const written = i >= 300 && i < 450 ? `${text.toUpperCase()}!` : i >= 450 ? again : text;
      const field = n % 3 === 0 ? `"${written}, ""quoted"""` : written;
      rows.push(`${field},${n % 2 === 0 ? 'low' : 'high'},2025-04-01`);
    }
    const csv = `text,urgency,created\n${rows.join('\n')}\n`;
    const encoded = new TextEncoder().encode(csv);
    const bytes = new Uint8Array(encoded.length);
    let length = 0;
    for (let i = 0; i < encoded.length; i++) {
      const isReplacement = encoded[i] === 0xef && encoded[i + 1] === 0xbf && encoded[i + 2] === 0xbd;
      bytes[length++] = isReplacement ? 0xff : encoded[i]!;
      if (isReplacement) i += 2;
    }
    const utf8 = bytes.subarray(0, length);
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(csv, 'utf16le'))]);
    const summary = async (bytes: Uint8Array, size: number) => {
      const evidence = await scanSource(chunksOf(bytes, size), 'csv', GOOD_MANIFEST, {});
      return {
        duplicates: evidence.duplicates.count,
        near: evidence.nearDuplicates.count,
        unique: evidence.uniqueRows,
        fingerprints: evidence.fingerprints,
      };
    };
    const expected = await summary(utf16, 9000);
    // Uppercasing reaches letters beyond ASCII too, which the key keeps as written: only the rows
    // whose words are ASCII become near-duplicates; the others are new rows.
    expect(expected.duplicates).toBe(150);
    expect(expected.near + expected.unique).toBe(450);
    expect(expected.near).toBeGreaterThan(0);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    for (const size of [1, 7, 100, 1000, 9000, utf8.length]) {
      expect(await summary(utf8, size)).toEqual(expected);
      expect(await summary(withBom, size)).toEqual(expected);
    }
  });
});

describe('formatCount', () => {
  it('writes whole numbers as toLocaleString("en-US") does', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.integer({ min: 0, max: 2_000_000_000 }), fc.nat(9999)),
        (count) => {
          expect(formatCount(count)).toBe(count.toLocaleString('en-US'));
        },
      ),
      { numRuns: 5000 },
    );
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1000)).toBe('1,000');
  });
});
