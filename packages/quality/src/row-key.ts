import { fmix32, murmur3x86_128 } from './murmur3.ts';
import { codePointAt, encodeWtf8, writeWtf8 } from './wtf8.ts';

/** Ends every cell in the key. UTF-8 never contains 0xFF, so cells cannot run into each other. */
const SEPARATOR = 0xff;
const QUOTE = 0x22;
/** The key buffer starts at this size, grows for longer rows, and goes back to it after a row above 1 MiB. */
const INITIAL_BYTES = 1 << 16;
const MAX_KEPT_BYTES = 1 << 20;

/**
 * UTF-8 byte → what a text's key keeps of it: ASCII letters lower-cased, ASCII digits kept, other ASCII
 * (spaces, punctuation, controls) dropped (0), bytes of non-ASCII characters kept as they are.
 * Normalizing the UTF-8 bytes is normalizing the text: only ASCII characters change, and UTF-8 is
 * one-to-one.
 */
function normalizedByte(b: number): number {
  if (b >= 0x41 && b <= 0x5a) return b + 32;
  return (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7a) || b >= 0x80 ? b : 0;
}

/**
 * Two bytes at once (index: first byte | second byte << 8, as a little-endian 16-bit read) → the bytes
 * kept, packed from the low end (bits 0–15), how many (bits 16–17), how many are ASCII digits (bits
 * 18–19), and whether one is an `@` (bit 20). 256 KiB, of which text touches a few hundred entries.
 */
const PAIRS = new Int32Array(1 << 16);
for (let pair = 0; pair < 1 << 16; pair++) {
  let packed = 0;
  let kept = 0;
  let digits = 0;
  let at = 0;
  for (const b of [pair & 0xff, pair >>> 8]) {
    const normalized = normalizedByte(b);
    if (normalized !== 0) packed |= normalized << (8 * kept++);
    if (b >= 0x30 && b <= 0x39) digits++;
    if (b === 0x40) at = 1;
  }
  PAIRS[pair] = packed | (kept << 16) | (digits << 18) | (at << 20);
}

/**
 * Builds one row's key, cell by cell, without allocating: the key is MurmurHash3_x86_128 (its first 64
 * bits) of the row's cells as UTF-8 — free text normalized (ASCII letters lower-cased, other ASCII
 * dropped), other values exactly — each cell followed by 0xFF. Rows whose texts differ only in case,
 * spaces or punctuation get the same key; a 32-bit hash of the texts as written (FNV-1a's multiply over
 * 4-byte words, finished by MurmurHash3's `fmix32`) tells them apart.
 */
export class RowKey {
  /** The last finished row's key halves and exact-text hash (int32). */
  hi = 0;
  lo = 0;
  exact = 0;
  /** Of the last text added: its number of ASCII digits, and whether it has an `@`. */
  digits = 0;
  hasAt = false;

  private key: Uint8Array = new Uint8Array(INITIAL_BYTES);
  private keyView: DataView = new DataView(this.key.buffer);
  private length = 0;
  private exactLane = 0;
  private readonly out = new Int32Array(4);

  /** Starts a row. */
  begin(): void {
    if (this.key.length > MAX_KEPT_BYTES) {
      this.key = new Uint8Array(INITIAL_BYTES);
      this.keyView = new DataView(this.key.buffer);
    }
    this.length = 0;
    this.exactLane = 0;
  }

  /** Adds a missing value: the separator alone. */
  addMissing(): void {
    this.reserve(1);
    this.key[this.length++] = SEPARATOR;
  }

  /** Adds a value exactly (numbers, dates, categories), as UTF-8 (WTF-8 for lone surrogates). */
  addValue(value: string): void {
    const n = value.length;
    this.reserve(n * 3 + 1);
    const key = this.key;
    let k = this.length;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) {
        k = encodeWtf8(value, key, this.length);
        break;
      }
      key[k++] = c;
    }
    key[k++] = SEPARATOR;
    this.length = k;
  }

  /**
   * {@link addValue} for a value whose UTF-8 bytes are `bytes[start, end)` already; `view` is over the
   * same buffer, which must have 3 readable bytes after `end` (they are copied, then overwritten).
   */
  addValueBytes(view: DataView, start: number, end: number): void {
    const n = end - start;
    this.reserve(n + 4);
    const keyView = this.keyView;
    const k = this.length;
    // Four bytes a step: values are short, and bytes copied past the end are overwritten next.
    for (let i = 0; i < n; i += 4) keyView.setInt32(k + i, view.getInt32(start + i, true), true);
    this.key[k + n] = SEPARATOR;
    this.length = k + n + 1;
  }

  /**
   * Adds free text normalized, and as written to the exact-text hash; sets {@link digits} and
   * {@link hasAt}. Reads the string's code units and gives what {@link addTextBytes} gives for its UTF-8
   * bytes (WTF-8 for lone surrogates, so that they stay apart).
   */
  addText(value: string): void {
    const n = value.length;
    this.reserve(n * 3 + 2);
    const key = this.key;
    let k = this.length;
    let digits = 0;
    let flags = 0;
    let exact = this.exactLane;
    // Bytes as written, gathered into little-endian 4-byte words as addTextBytes reads them.
    let word = 0;
    let shift = 0;
    let i = 0;
    // Two ASCII characters a step, as addTextBytes takes two bytes; the loop below goes on from the
    // first character that is not ASCII (or the last one).
    const keyView = this.keyView;
    for (; i + 1 < n; i += 2) {
      const first = value.charCodeAt(i);
      const second = value.charCodeAt(i + 1);
      if ((first | second) >= 0x80) break;
      const pair = first | (second << 8);
      const t = PAIRS[pair]!;
      keyView.setUint16(k, t, true);
      k += (t >> 16) & 3;
      digits += (t >> 18) & 3;
      flags |= t;
      word |= pair << shift;
      shift += 16;
      if (shift === 32) {
        exact = Math.imul(exact ^ word, 0x01000193);
        word = 0;
        shift = 0;
      }
    }
    for (; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x80) {
        const t = PAIRS[c]!;
        key[k] = t;
        k += (t >> 16) & 3;
        digits += (t >> 18) & 3;
        flags |= t;
        word |= c << shift;
        shift += 8;
      } else {
        // Bytes of other characters are kept as they are.
        const cp = codePointAt(value, i);
        if (cp > 0xffff) i++;
        const end = writeWtf8(cp, key, k);
        for (; k < end; k++) {
          word |= key[k]! << shift;
          shift += 8;
          if (shift === 32) {
            exact = Math.imul(exact ^ word, 0x01000193);
            word = 0;
            shift = 0;
          }
        }
        continue;
      }
      if (shift === 32) {
        exact = Math.imul(exact ^ word, 0x01000193);
        word = 0;
        shift = 0;
      }
    }
    // The last 1–3 bytes one at a time, as addTextBytes takes its tail.
    for (let s = 0; s < shift; s += 8) exact = Math.imul(exact ^ ((word >>> s) & 0xff), 0x01000193);
    key[k++] = SEPARATOR;
    this.length = k;
    this.digits = digits;
    this.hasAt = (flags & (1 << 20)) !== 0;
    this.exactLane = Math.imul(exact ^ SEPARATOR, 0x01000193);
  }

  /**
   * {@link addText} for a text whose UTF-8 bytes are `bytes[start, end)` already (`view` over the same
   * buffer), e.g. a CSV field inside the decoded chunk.
   */
  addTextBytes(bytes: Uint8Array, view: DataView, start: number, end: number): void {
    this.reserve(end - start + 2);
    const keyView = this.keyView;
    let k = this.length;
    let digits = 0;
    let flags = 0;
    let exact = this.exactLane;
    let i = start;
    // Four bytes a step, as two pairs: each pair's kept bytes are written at k (a 16-bit store) and k
    // advances by how many were kept, so dropped bytes are overwritten; no branch depends on the text.
    // The exact lane takes the four bytes as they are.
    for (; i + 3 < end; i += 4) {
      const word = view.getInt32(i, true);
      const low = PAIRS[word & 0xffff]!;
      const high = PAIRS[word >>> 16]!;
      keyView.setUint16(k, low, true);
      k += (low >> 16) & 3;
      keyView.setUint16(k, high, true);
      k += (high >> 16) & 3;
      digits += ((low >> 18) & 3) + ((high >> 18) & 3);
      flags |= low | high;
      exact = Math.imul(exact ^ word, 0x01000193);
    }
    for (; i < end; i++) {
      const b = bytes[i]!;
      const t = PAIRS[b]!;
      keyView.setUint16(k, t, true);
      k += (t >> 16) & 3;
      digits += (t >> 18) & 3;
      flags |= t;
      exact = Math.imul(exact ^ b, 0x01000193);
    }
    this.key[k++] = SEPARATOR;
    this.length = k;
    this.digits = digits;
    this.hasAt = (flags & (1 << 20)) !== 0;
    this.exactLane = Math.imul(exact ^ SEPARATOR, 0x01000193);
  }

  /**
   * {@link addTextBytes} for the inside of a quoted CSV field whose bytes `bytes[start, end)` hold doubled
   * quotes (`""` for one `"`). Quotes are punctuation, which the key drops, so the key and the counts are
   * read from the bytes as they are; only the exact-text hash reads each doubled quote once.
   */
  addEscapedTextBytes(bytes: Uint8Array, view: DataView, start: number, end: number): void {
    let exact = this.exactLane;
    this.addTextBytes(bytes, view, start, end);
    // The text as written in 4-byte little-endian words, then its last 1–3 bytes one at a time, as
    // addTextBytes reads an unescaped text. Inside a quoted field every quote is half of a pair.
    let word = 0;
    let shift = 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b === QUOTE) i++;
      word |= b << shift;
      shift += 8;
      if (shift === 32) {
        exact = Math.imul(exact ^ word, 0x01000193);
        word = 0;
        shift = 0;
      }
    }
    for (let s = 0; s < shift; s += 8) exact = Math.imul(exact ^ ((word >>> s) & 0xff), 0x01000193);
    this.exactLane = Math.imul(exact ^ SEPARATOR, 0x01000193);
  }

  /** Ends the row: sets {@link hi}, {@link lo} and {@link exact}. */
  end(): void {
    murmur3x86_128(this.key, this.keyView, 0, this.length, 0, this.out);
    this.hi = this.out[0]!;
    this.lo = this.out[1]!;
    this.exact = fmix32(this.exactLane);
  }

  /** Makes room for `extra` more key bytes. */
  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.key.length) return;
    const key = new Uint8Array(Math.max(needed, this.key.length * 2));
    key.set(this.key.subarray(0, this.length));
    this.key = key;
    this.keyView = new DataView(key.buffer);
  }
}
