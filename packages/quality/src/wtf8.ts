/**
 * Encodes a string as WTF-8 into `out` and returns the number of bytes: UTF-8, except that a lone
 * surrogate (which `TextEncoder` would turn into U+FFFD) gets the three bytes of its own code unit, so
 * different strings always give different bytes. For well-formed strings it is exactly UTF-8.
 * `out` must hold `3 × value.length` bytes.
 */
export function encodeWtf8(value: string, out: Uint8Array): number {
  const n = value.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    let c = value.charCodeAt(i);
    if (c < 0x80) {
      out[k++] = c;
      continue;
    }
    if (c < 0x800) {
      out[k++] = 0xc0 | (c >> 6);
      out[k++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[k++] = 0xf0 | (c >> 18);
        out[k++] = 0x80 | ((c >> 12) & 0x3f);
        out[k++] = 0x80 | ((c >> 6) & 0x3f);
        out[k++] = 0x80 | (c & 0x3f);
        continue;
      }
    }
    out[k++] = 0xe0 | (c >> 12);
    out[k++] = 0x80 | ((c >> 6) & 0x3f);
    out[k++] = 0x80 | (c & 0x3f);
  }
  return k;
}
