/**
 * MurmurHash3_x86_128 (Austin Appleby, public domain; SMHasher's `MurmurHash3.cpp`) in 32-bit integer
 * arithmetic, and its finalizer. Blocks are read little-endian through a `DataView`, so results are the same on
 * every platform and at any byte offset. Results are int32 (the uint32 bits), which V8 keeps unboxed.
 */

const C1 = 0x239b961b | 0;
const C2 = 0xab0e9789 | 0;
const C3 = 0x38b34ae5 | 0;
const C4 = 0xa1e38b93 | 0;
const N1 = 0x561ccd1b | 0;
const N2 = 0x0bcaa747 | 0;
const N3 = 0x96cd1c35 | 0;
const N4 = 0x32ac3b17 | 0;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** MurmurHash3's finalizer: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** The bytes `[at, end)` of the tail as the little-endian word starting at `at`: whole, or 1 to 3 bytes. */
function tailWord(bytes: Uint8Array, view: DataView, at: number, end: number): number {
  const n = end - at;
  if (n >= 4) return view.getInt32(at, true);
  if (n === 3) return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
  return n === 2 ? bytes[at]! | (bytes[at + 1]! << 8) : bytes[at]!;
}

/**
 * MurmurHash3_x86_128 of `bytes[start, start + length)`; `view` is a DataView of the same buffer. Writes
 * the four 32-bit words of the hash (h1…h4, as int32) into `out`.
 */
export function murmur3x86_128(
  bytes: Uint8Array,
  view: DataView,
  start: number,
  length: number,
  seed: number,
  out: Int32Array,
): void {
  let h1 = seed | 0;
  let h2 = h1;
  let h3 = h1;
  let h4 = h1;
  const blocksEnd = start + (length & ~15);
  let i = start;
  for (; i < blocksEnd; i += 16) {
    let k1 = view.getInt32(i, true);
    let k2 = view.getInt32(i + 4, true);
    let k3 = view.getInt32(i + 8, true);
    let k4 = view.getInt32(i + 12, true);
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 ^= k1;
    h1 = (Math.imul((rotl(h1, 19) + h2) | 0, 5) + N1) | 0;
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 ^= k2;
    h2 = (Math.imul((rotl(h2, 17) + h3) | 0, 5) + N2) | 0;
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 ^= k3;
    h3 = (Math.imul((rotl(h3, 15) + h4) | 0, 5) + N3) | 0;
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 ^= k4;
    h4 = (Math.imul((rotl(h4, 13) + h1) | 0, 5) + N4) | 0;
  }
  // The tail: the reference's fall-through switch, word by word (each word feeds its own lane).
  const end = start + length;
  const rest = length & 15;
  if (rest > 12) h4 ^= Math.imul(rotl(Math.imul(tailWord(bytes, view, i + 12, end), C4), 18), C1);
  if (rest > 8) h3 ^= Math.imul(rotl(Math.imul(tailWord(bytes, view, i + 8, end), C3), 17), C4);
  if (rest > 4) h2 ^= Math.imul(rotl(Math.imul(tailWord(bytes, view, i + 4, end), C2), 16), C3);
  if (rest > 0) h1 ^= Math.imul(rotl(Math.imul(tailWord(bytes, view, i, end), C1), 15), C2);

  h1 ^= length;
  h2 ^= length;
  h3 ^= length;
  h4 ^= length;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  out[0] = h1;
  out[1] = (h2 + h1) | 0;
  out[2] = (h3 + h1) | 0;
  out[3] = (h4 + h1) | 0;
}
