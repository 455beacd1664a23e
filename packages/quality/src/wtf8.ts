/**
 * WTF-8: UTF-8, except that a lone surrogate (which `TextEncoder` would turn into U+FFFD) gets the three
 * bytes of its own code unit, so different strings always give different bytes. For well-formed strings
 * it is exactly UTF-8.
 */

/**
 * The code point at `value[i]`: a surrogate pair's, or the code unit itself (also a lone surrogate).
 * A pair is two code units: check `> 0xffff`.
 */
export function codePointAt(value: string, i: number): number {
  const c = value.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
    const next = value.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
  }
  return c;
}

/** Writes the WTF-8 bytes of a code point (see {@link codePointAt}) into `out` at `at`; returns the end. */
export function writeWtf8(cp: number, out: Uint8Array, at: number): number {
  if (cp < 0x80) {
    out[at] = cp;
    return at + 1;
  }
  if (cp < 0x800) {
    out[at] = 0xc0 | (cp >> 6);
    out[at + 1] = 0x80 | (cp & 0x3f);
    return at + 2;
  }
  if (cp < 0x10000) {
    out[at] = 0xe0 | (cp >> 12);
    out[at + 1] = 0x80 | ((cp >> 6) & 0x3f);
    out[at + 2] = 0x80 | (cp & 0x3f);
    return at + 3;
  }
  out[at] = 0xf0 | (cp >> 18);
  out[at + 1] = 0x80 | ((cp >> 12) & 0x3f);
  out[at + 2] = 0x80 | ((cp >> 6) & 0x3f);
  out[at + 3] = 0x80 | (cp & 0x3f);
  return at + 4;
}

/**
 * Encodes a string as WTF-8 into `out` from `at` and returns where it ends. `out` must hold
 * `3 × value.length` bytes from `at`.
 */
export function encodeWtf8(value: string, out: Uint8Array, at = 0): number {
  let k = at;
  for (let i = 0; i < value.length; i++) {
    const cp = codePointAt(value, i);
    if (cp > 0xffff) i++;
    k = writeWtf8(cp, out, k);
  }
  return k;
}
