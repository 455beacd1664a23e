/** Table slots grow by half when the load passes this: 12 bytes a slot keeps it at 15–23 bytes a row. */
const MAX_LOAD = 0.8;
const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/** What {@link RowTable.add} found. */
export const NEW = 0;
export const SAME = 1;
export const DIFFERENT_VALUE = 2;

/**
 * An open-addressing hash table of 64-bit keys (two uint32 halves) with a uint32 value each, in typed
 * arrays: about 12 bytes a slot, where a `Set<bigint>` of a million rows needs about 45 MiB. Keys are
 * hashes already, so the high half picks the slot (Lemire's multiply-shift range reduction) and linear
 * probing resolves collisions. The key 0:0 marks an empty slot, so callers never pass it.
 */
export class RowTable {
  size = 0;
  private capacity: number;
  private keys: Uint32Array;
  private values: Uint32Array;

  constructor(initialCapacity = 4096) {
    this.capacity = initialCapacity;
    this.keys = new Uint32Array(initialCapacity * 2);
    this.values = new Uint32Array(initialCapacity);
  }

  /** Bytes held by the table's arrays. */
  get byteLength(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  /**
   * Adds the key with its value when absent and returns {@link NEW}; when present returns {@link SAME}
   * if its stored value equals `value`, {@link DIFFERENT_VALUE} otherwise, and sets `storedValue`.
   */
  add(hi: number, lo: number, value: number): number {
    if (hi === 0 && lo === 0) lo = 1;
    if (this.size + 1 > this.capacity * MAX_LOAD) this.grow();
    const keys = this.keys;
    const capacity = this.capacity;
    let slot = Math.floor(hi * capacity * TWO_TO_MINUS_32);
    while (true) {
      const k = slot * 2;
      const h = keys[k]!;
      const l = keys[k + 1]!;
      if (h === 0 && l === 0) {
        keys[k] = hi;
        keys[k + 1] = lo;
        this.values[slot] = value;
        this.size++;
        return NEW;
      }
      if (h === hi && l === lo) {
        this.storedValue = this.values[slot]!;
        return this.storedValue === value ? SAME : DIFFERENT_VALUE;
      }
      slot++;
      if (slot === capacity) slot = 0;
    }
  }

  /** The value stored under the key found by the last {@link add} that did not return {@link NEW}. */
  storedValue = 0;

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldCapacity = this.capacity;
    const capacity = Math.ceil(oldCapacity * 1.5);
    this.capacity = capacity;
    this.keys = new Uint32Array(capacity * 2);
    this.values = new Uint32Array(capacity);
    const keys = this.keys;
    for (let s = 0; s < oldCapacity; s++) {
      const hi = oldKeys[s * 2]!;
      const lo = oldKeys[s * 2 + 1]!;
      if (hi === 0 && lo === 0) continue;
      let slot = Math.floor(hi * capacity * TWO_TO_MINUS_32);
      while (keys[slot * 2] !== 0 || keys[slot * 2 + 1] !== 0) {
        slot++;
        if (slot === capacity) slot = 0;
      }
      keys[slot * 2] = hi;
      keys[slot * 2 + 1] = lo;
      this.values[slot] = oldValues[s]!;
    }
  }
}

/**
 * The k smallest distinct 64-bit keys seen (bottom-k MinHash): a deterministic, bounded sample of a
 * file's row hashes. Two files share a row's hash in their samples when both sampled it, so the share of
 * one sample found in another estimates how much of the data they have in common.
 */
export class BottomK {
  private readonly his: number[] = [];
  private readonly los: number[] = [];

  constructor(private readonly k: number) {}

  /** Offers a key that was not offered before. */
  offer(hi: number, lo: number): void {
    const his = this.his;
    const los = this.los;
    if (his.length < this.k) {
      his.push(hi);
      los.push(lo);
      this.siftUp(his.length - 1);
      return;
    }
    // Max-heap: the root is the largest key kept.
    const topHi = his[0]!;
    if (hi > topHi || (hi === topHi && lo >= los[0]!)) return;
    his[0] = hi;
    los[0] = lo;
    this.siftDown(0);
  }

  /** The sample as 16-digit lowercase hex strings, ascending. */
  toHex(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.his.length; i++) out.push(toHex64(this.his[i]!, this.los[i]!));
    return out.sort();
  }

  private greater(a: number, b: number): boolean {
    const ha = this.his[a]!;
    const hb = this.his[b]!;
    return ha > hb || (ha === hb && this.los[a]! > this.los[b]!);
  }

  private swap(a: number, b: number): void {
    const h = this.his[a]!;
    const l = this.los[a]!;
    this.his[a] = this.his[b]!;
    this.los[a] = this.los[b]!;
    this.his[b] = h;
    this.los[b] = l;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.greater(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.his.length;
    while (true) {
      const left = i * 2 + 1;
      const right = left + 1;
      let largest = i;
      if (left < n && this.greater(left, largest)) largest = left;
      if (right < n && this.greater(right, largest)) largest = right;
      if (largest === i) return;
      this.swap(i, largest);
      i = largest;
    }
  }
}

/** A 64-bit value from two uint32 halves as 16 lowercase hex digits. */
export function toHex64(hi: number, lo: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
