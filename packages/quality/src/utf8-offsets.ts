/**
 * Where a decoded chunk's UTF-16 offsets fall in the chunk's UTF-8 bytes, when the chunk has characters
 * beyond ASCII. The CSV tokenizer reports fields by string offset; the row key reads a field's UTF-8
 * bytes. In an all-ASCII chunk the two offsets are equal; otherwise each character beyond ASCII moves
 * every later byte offset by its extra bytes (1 for U+0080–U+07FF, 2 for the rest of the BMP, 2 for a
 * surrogate pair's 4 bytes over its 2 code units). Without this, one accented letter in a 64 KiB chunk
 * sent all of its fields to the slower string path.
 *
 * The bytes are what `TextEncoder` writes for the chunk. It would write U+FFFD for a lone surrogate,
 * where the row key writes WTF-8, but the scan's text comes from a `TextDecoder`, which never yields
 * one (it decodes unpaired surrogates of UTF-16, like bytes that are not UTF-8, to U+FFFD).
 */
export class Utf8Offsets {
  /** The chunk's runs of characters beyond ASCII: string offset, and extra bytes up to the run's end. */
  private chars = new Int32Array(1024);
  private extras = new Int32Array(1024);
  private count = 0;
  /** Cursor: the first character not yet passed, and the extra bytes of those passed. */
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
