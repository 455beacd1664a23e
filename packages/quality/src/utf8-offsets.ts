/**
 * Where a decoded chunk's UTF-16 offsets fall in the chunk's UTF-8 bytes, when the chunk has characters
 * beyond ASCII. The CSV tokenizer reports fields by string offset; the row key reads a field's UTF-8
 * bytes. In an all-ASCII chunk the two offsets are equal; otherwise each character beyond ASCII moves
 * every later byte offset by its extra bytes (1 for U+0080–U+07FF, 2 for the rest of the BMP, 2 for a
 * surrogate pair's 4 bytes over its 2 code units). Without this, one accented letter in a 64 KiB chunk
 * sent all of its fields to the slower string path.
 *
 * The bytes are the chunk's UTF-8: as read ({@link Utf8Chunks}) or from `TextEncoder`. The encoder would
 * write U+FFFD for a lone surrogate, where the row key writes WTF-8, but the scan's text comes from a
 * `TextDecoder`, which never yields one (it decodes unpaired surrogates of UTF-16, like bytes that are
 * not UTF-8, to U+FFFD).
 */
export class Utf8Offsets {
  /** The chunk's runs of characters beyond ASCII: string offset, and extra bytes up to the run's end. */
  private chars = new Int32Array(1024);
  private extras = new Int32Array(1024);
  private count = 0;
  /** Cursor: the first run not yet passed, and the extra bytes of those passed. */
  private next = 0;
  private extra = 0;

  /**
   * Indexes a chunk's UTF-8 `bytes[0, length)`; `view` is over the same buffer. Offsets passed to
   * {@link toBytes} afterwards must rise through the chunk and lie outside runs of characters beyond
   * ASCII, as the tokenizer's do: fields start and end at ASCII delimiters, quotes and line ends.
   */
  index(bytes: Uint8Array, view: DataView, length: number): void {
    let count = 0;
    let extra = 0;
    let i = 0;
    while (i < length) {
      // Text is mostly ASCII even where it is not all ASCII: skip four such bytes a step.
      while (i + 4 <= length && (view.getInt32(i, true) & 0x80808080) === 0) i += 4;
      while (i < length && bytes[i]! < 0x80) i++;
      if (i === length) break;
      // A run of characters beyond ASCII (a word of Japanese is one run): its extra bytes are its bytes
      // less its UTF-16 code units, one per lead byte and two for a 4-byte character's.
      const start = i;
      let units = 0;
      for (; i < length; i++) {
        const b = bytes[i]!;
        if (b < 0x80) break;
        if (b >= 0xc0) units += b >= 0xf0 ? 2 : 1;
      }
      if (count === this.chars.length) this.grow();
      this.chars[count] = start - extra;
      extra += i - start - units;
      this.extras[count] = extra;
      count++;
    }
    this.count = count;
    this.next = 0;
    this.extra = 0;
  }

  /** Turns a record's field offsets from string to byte offsets, in place; starts of -1 are left alone. */
  toBytes(starts: Int32Array, ends: Int32Array, fieldCount: number): void {
    for (let f = 0; f < fieldCount; f++) {
      const start = starts[f]!;
      if (start === -1) continue;
      starts[f] = start + this.extraBefore(start);
      const end = ends[f]!;
      ends[f] = end + this.extraBefore(end);
    }
  }

  /** Extra bytes of the characters before string offset `at` (never below an earlier call's `at`). */
  private extraBefore(at: number): number {
    const chars = this.chars;
    let next = this.next;
    while (next < this.count && chars[next]! < at) next++;
    if (next !== this.next) {
      this.extra = this.extras[next - 1]!;
      this.next = next;
    }
    return this.extra;
  }

  private grow(): void {
    const chars = new Int32Array(this.chars.length * 2);
    const extras = new Int32Array(chars.length);
    chars.set(this.chars);
    extras.set(this.extras);
    this.chars = chars;
    this.extras = extras;
  }
}

/**
 * Follows a streaming UTF-8 `TextDecoder`'s input so that each decoded text comes with the bytes it was
 * decoded from, which are then the text's UTF-8 without encoding it again. The decoder holds back an
 * incomplete character at a slice's end and decodes it with the next slice; this holds back the same
 * bytes. The bytes are the text's UTF-8 only when the text has no U+FFFD: where input was not UTF-8 the
 * decoder put U+FFFD for one to three bytes, and the caller encodes that text instead.
 */
export class Utf8Chunks {
  private held = new Uint8Array(3);
  private heldLength = 0;
  private joined = new Uint8Array(0);

  /**
   * The bytes the decoder turned into text when given `slice` (with what it held from before), less the
   * incomplete character it holds now; `skip` leading bytes (a byte order mark the decoder dropped) are
   * left out. Call once for every slice, in order. The result is valid until the next call.
   */
  next(slice: Uint8Array, skip = 0): Uint8Array {
    let bytes = slice;
    if (this.heldLength > 0) {
      if (this.joined.length < this.heldLength + slice.length) {
        this.joined = new Uint8Array(Math.max(this.heldLength + slice.length, this.joined.length * 2));
      }
      this.joined.set(this.held.subarray(0, this.heldLength));
      this.joined.set(slice, this.heldLength);
      bytes = this.joined.subarray(0, this.heldLength + slice.length);
    }
    const tail = incompleteTail(bytes);
    this.held.set(bytes.subarray(bytes.length - tail));
    this.heldLength = tail;
    return bytes.subarray(skip, bytes.length - tail);
  }
}

/**
 * How many bytes at the end of `bytes` begin a character that is not complete yet and could still be
 * valid: what a streaming UTF-8 decoder holds back (the WHATWG decoder's rules, where the second byte
 * after E0, ED, F0 and F4 has a narrower range). 0 when the end is complete or already invalid.
 */
export function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const lead = bytes[n - k]!;
    if (lead < 0x80) return 0;
    if (lead < 0xc0) continue; // a continuation byte: the lead is further back
    const size =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (size <= k) return 0; // complete, or not a lead byte at all
    if (k >= 2) {
      const second = bytes[n - k + 1]!;
      const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      if (second < low || second > high) return 0;
    }
    // A third byte (k === 3) is a continuation byte: the loop passed it.
    return k;
  }
  return 0;
}
