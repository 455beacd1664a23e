import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../src/csv-tokenizer.ts';
import { murmur3x86_128 } from '../src/murmur3.ts';
import { RowKey } from '../src/row-key.ts';
import { encodeWtf8 } from '../src/wtf8.ts';

/**
 * SMHasher's verification value: hash the keys {}, {0}, {0,1}, … {0…254} with seed 256 − length, then
 * hash the concatenated 16-byte results with seed 0; the first 4 bytes, little-endian, must be
 * 0xB3ECE62A for MurmurHash3_x86_128 (SMHasher `main.cpp`).
 */
function murmurVerification(): number {
  const key = new Uint8Array(256);
  const hashes = new Uint8Array(16 * 256);
  const hashesView = new DataView(hashes.buffer);
  const out = new Int32Array(4);
  for (let i = 0; i < 256; i++) {
    key[i] = i;
    murmur3x86_128(key, new DataView(key.buffer), 0, i, 256 - i, out);
    for (let w = 0; w < 4; w++) hashesView.setInt32(i * 16 + w * 4, out[w]!, true);
  }
  murmur3x86_128(hashes, hashesView, 0, hashes.length, 0, out);
  return out[0]! >>> 0;
}

type Cell = { kind: 'text' | 'value'; value: string } | { kind: 'missing' };

/** Builds one row's key from strings; returns the key halves and the exact-text hash. */
function keyOf(key: RowKey, cells: Cell[]): [number, number, number] {
  key.begin();
  for (const cell of cells) {
    if (cell.kind === 'missing') key.addMissing();
    else if (cell.kind === 'text') key.addText(cell.value);
    else key.addValue(cell.value);
  }
  key.end();
  return [key.hi, key.lo, key.exact];
}

const text = (value: string): Cell => ({ kind: 'text', value });
const value = (value: string): Cell => ({ kind: 'value', value });

describe('murmur3x86_128', () => {
  it('gives SMHasher’s verification value, so it is MurmurHash3_x86_128 bit for bit', () => {
    expect(murmurVerification().toString(16)).toBe('b3ece62a');
  });

  it('reads blocks at any offset', () => {
    const bytes = new Uint8Array(64).map((_, i) => (i * 37) & 0xff);
    const copy = new Uint8Array(80);
    copy.set(bytes, 3);
    const a = new Int32Array(4);
    const b = new Int32Array(4);
    for (const length of [0, 1, 5, 15, 16, 17, 33, 64]) {
      murmur3x86_128(bytes, new DataView(bytes.buffer), 0, length, 9, a);
      murmur3x86_128(copy, new DataView(copy.buffer), 3, length, 9, b);
      expect([...b]).toEqual([...a]);
    }
  });
});

describe('encodeWtf8', () => {
  it('is UTF-8 for well-formed strings, from any offset', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const out = new Uint8Array(value.length * 3 + 2);
        const end = encodeWtf8(value, out, 2);
        expect([...out.subarray(2, end)]).toEqual([...encoder.encode(value)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps lone surrogates apart from each other and from U+FFFD', () => {
    const encodings = ['\ud800', '\udc00', '\udbff', '\ufffd', 'a\ud800b', 'a\udc00b'].map((value) => {
      const out = new Uint8Array(value.length * 3);
      return [...out.subarray(0, encodeWtf8(value, out))].join(',');
    });
    expect(new Set(encodings).size).toBe(encodings.length);
  });
});

describe('RowKey', () => {
  const key = new RowKey();

  it('gives texts that differ only in case, spaces or punctuation the same key and another exact hash', () => {
    const [hi, lo, exact] = keyOf(key, [text('Email bounces for every mailbox'), value('2025-05-01')]);
    for (const variant of ['email bounces for every mailbox!', 'EMAIL-BOUNCES, for every mailbox.']) {
      const [vhi, vlo, vexact] = keyOf(key, [text(variant), value('2025-05-01')]);
      expect([vhi, vlo]).toEqual([hi, lo]);
      expect(vexact).not.toBe(exact);
    }
    expect(keyOf(key, [text('Email bounces for every mailbox'), value('2025-05-01')])).toEqual([
      hi,
      lo,
      exact,
    ]);
  });

  it('keeps different texts, different values and different cell boundaries apart', () => {
    const keys = [
      [text('Email bounces for every mailbox'), value('2025-05-01')],
      [text('Email bounces for every mailbox'), value('2025-05-02')],
      [text('Email bounced for every mailbox'), value('2025-05-01')],
      [text('Émail bounces for every mailbox'), value('2025-05-01')],
      [text('ab'), text('c')],
      [text('a'), text('bc')],
      [text('abc'), { kind: 'missing' }],
      [text('abc')],
      [value('1,5')],
      [value('15')],
      [value('A')],
      [value('a')],
    ].map((cells) =>
      keyOf(key, cells as Cell[])
        .slice(0, 2)
        .join(':'),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has equal keys exactly for equal normalized texts (property)', () => {
    // Texts over a small alphabet, so equal normalized forms come up often.
    const alphabet = fc.constantFrom(...'aAbB 1.,-é\t'.split(''));
    const textArb = fc.array(alphabet, { maxLength: 12 }).map((chars) => chars.join(''));
    const normalize = (value: string) => value.toLowerCase().replace(/[^a-z0-9\u0080-\uffff]/g, '');
    fc.assert(
      fc.property(textArb, textArb, (a, b) => {
        const ka = keyOf(key, [text(a)]);
        const kb = keyOf(key, [text(b)]);
        expect(ka[0] === kb[0] && ka[1] === kb[1]).toBe(normalize(a) === normalize(b));
        if (a === b) expect(ka[2]).toBe(kb[2]);
      }),
      { numRuns: 5000 },
    );
  });

  it('hashes a field from the chunk’s bytes as it hashes its string', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(
        fc.array(
          fc.string({
            unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '.', '@', '-', 'é', 'ß', 'Ā', 'š', '€', '😀'),
            maxLength: 30,
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.nat(7),
        (values, offset) => {
          const fromStrings = new RowKey();
          const fromBytes = new RowKey();
          const chunk = ' '.repeat(offset) + values.join(',');
          const bytes = new Uint8Array(chunk.length * 3 + 4);
          encoder.encodeInto(chunk, bytes);
          const byteLength = (v: string) => encoder.encode(v).length;
          const view = new DataView(bytes.buffer);
          fromStrings.begin();
          fromBytes.begin();
          let start = offset;
          values.forEach((v, i) => {
            const end = start + byteLength(v);
            if (i % 2 === 0) {
              fromStrings.addText(v);
              fromBytes.addTextBytes(bytes, view, start, end);
              expect([fromBytes.digits, fromBytes.hasAt]).toEqual([fromStrings.digits, fromStrings.hasAt]);
            } else {
              fromStrings.addValue(v);
              fromBytes.addValueBytes(view, start, end);
            }
            start = end + 1;
          });
          fromStrings.end();
          fromBytes.end();
          expect([fromBytes.hi, fromBytes.lo, fromBytes.exact]).toEqual([
            fromStrings.hi,
            fromStrings.lo,
            fromStrings.exact,
          ]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('hashes a quoted field’s bytes with doubled quotes as it hashes its unescaped string', () => {
    const encoder = new TextEncoder();
    const textArb = fc.string({
      unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\n', '@', 'é', '€', '😀'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.array(textArb, { minLength: 1, maxLength: 4 }), fc.nat(7), (texts, offset) => {
        const fromStrings = new RowKey();
        const fromBytes = new RowKey();
        fromStrings.begin();
        fromBytes.begin();
        for (const t of texts) {
          // The inside of the quoted CSV field, at any alignment, with quotes after it that must not count.
          const escaped = encoder.encode(t.replaceAll('"', '""'));
          const bytes = new Uint8Array(offset + escaped.length + 8).fill(0x22);
          bytes.set(escaped, offset);
          fromStrings.addText(t);
          fromBytes.addEscapedTextBytes(bytes, new DataView(bytes.buffer), offset, offset + escaped.length);
          expect([fromBytes.digits, fromBytes.hasAt]).toEqual([fromStrings.digits, fromStrings.hasAt]);
        }
        fromStrings.end();
        fromBytes.end();
        expect([fromBytes.hi, fromBytes.lo, fromBytes.exact]).toEqual([
          fromStrings.hi,
          fromStrings.lo,
          fromStrings.exact,
        ]);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts digits and finds an @ in text', () => {
    key.begin();
    key.addText('call +49 (30) 1234-567 or mail a@b.de');
    expect([key.digits, key.hasAt]).toEqual([11, true]);
    key.addText('no digits here');
    expect([key.digits, key.hasAt]).toEqual([0, false]);
  });

  it('keeps texts with lone surrogates apart from each other and from U+FFFD', () => {
    const keys = ['x\ud800', 'x\udc00', 'x\ufffd', 'x\udbff\udfff'].map((t) =>
      keyOf(key, [text(t)])
        .slice(0, 2)
        .join(':'),
    );
    expect(new Set(keys).size).toBe(keys.length);
    const values = ['\ud800', '\ufffd'].map((v) =>
      keyOf(key, [value(v)])
        .slice(0, 2)
        .join(':'),
    );
    expect(new Set(values).size).toBe(2);
  });
});

describe('CsvTokenizer field offsets', () => {
  it('point at each field’s text in the chunk being pushed, or are -1', () => {
    const field = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'ab1 '.split('')), maxLength: 6 }),
      fc
        .string({ unit: fc.constantFrom(...'ab,"\n '.split('')), maxLength: 6 })
        .map((v) => `"${v.replaceAll('"', '""')}"`),
    );
    const csv = fc
      .array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 })
      .map((rows) => rows.map((row) => row.join(',')).join('\r\n'));
    fc.assert(
      fc.property(csv, fc.integer({ min: 1, max: 16 }), (input, size) => {
        let chunk = '';
        let checked = 0;
        let wrong = 0;
        const tokenizer: CsvTokenizer = new CsvTokenizer(
          ',',
          {
            onRecord(fields) {
              fields.forEach((value, i) => {
                const start = tokenizer.fieldStarts[i]!;
                if (start === -1) return;
                checked++;
                const slice = chunk.slice(start, tokenizer.fieldEnds[i]);
                const isEscaped = tokenizer.fieldIsEscaped[i] === 1;
                // Flagged exactly when the slice has doubled quotes, and then read with one quote each.
                if (isEscaped !== slice.includes('""')) wrong++;
                if ((isEscaped ? slice.replaceAll('""', '"') : slice) !== value) wrong++;
              });
            },
            onQuoteIssue() {},
          },
          { isTrackingOffsets: true },
        );
        for (let i = 0; i < input.length; i += size) {
          chunk = input.slice(i, i + size);
          tokenizer.push(chunk);
        }
        tokenizer.finish();
        expect(wrong).toBe(0);
        return checked >= 0;
      }),
      { numRuns: 3000 },
    );
  });

  it('are found for plain and quoted fields inside one chunk', () => {
    const seen: string[] = [];
    const chunk = 'ab,"c,d",,"e""f","g""""h"\r\n';
    const tokenizer: CsvTokenizer = new CsvTokenizer(
      ',',
      {
        onRecord(fields) {
          fields.forEach((_, i) => {
            const start = tokenizer.fieldStarts[i]!;
            const slice = start === -1 ? '-' : chunk.slice(start, tokenizer.fieldEnds[i]);
            seen.push(tokenizer.fieldIsEscaped[i] === 1 ? `escaped ${slice}` : slice);
          });
        },
        onQuoteIssue() {},
      },
      { isTrackingOffsets: true },
    );
    tokenizer.push(chunk);
    tokenizer.finish();
    expect(seen).toEqual(['ab', 'c,d', '', 'escaped e""f', 'escaped g""""h']);
  });
});
