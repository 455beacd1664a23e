/**
 * Shard slots grow by half when their load passes this: 12 bytes a slot keeps it at 14–21 bytes a row.
 * Probing reads 8-byte keys only, so the longer probes of a fuller table cost little (0.85 measured as
 * fast as 0.8 inserting 1M random keys).
 */
export const MAX_LOAD = 0.85;
/** The top bits of a key's high half pick one of this many shards, each its own table. */
const SHARD_BITS = 4;
const SHARDS = 1 << SHARD_BITS;
const SHARD_SHIFT = 32 - SHARD_BITS;
const SLOT_BITS_MASK = (1 << SHARD_SHIFT) - 1;
const TWO_TO_MINUS_SHARD_SHIFT = 1 / 2 ** SHARD_SHIFT;

/** What {@link RowTable.add} found. */
export const NEW = 0;
export const SAME = 1;
export const DIFFERENT_VALUE = 2;

/**
 * An open-addressing hash table of 64-bit keys (two 32-bit halves) with a 32-bit value each, in typed
 * arrays: about 12 bytes a slot, where a `Set<bigint>` of a million rows needs about 45 MiB. Keys are
 * hashes already, so the top bits of the high half pick one of 16 shards, the rest of it the slot
 * (Lemire's multiply-shift range reduction), and linear probing resolves collisions. Shards grow one at a
 * time, so growing holds an old and a new copy of one sixteenth of the table, not of all of it. Halves
 * and values are int32 (uint32 inputs are the same bits), which V8 keeps unboxed. The key 0:0 marks an
 * empty slot, so callers never pass it.
 */
export class RowTable {
  size = 0;
  /** The value stored under the key found by the last {@link add} that did not return {@link NEW}. */
  storedValue = 0;
  /** What the last {@link touch} read, kept so that the reads are not optimized away. */
  touched = 0;
  /**
   * Per shard, two int32 a slot: the key's high and low halves. Probing reads only these (eight slots a
   * cache line); the values sit apart, one int32 a slot, read only when the key is found and written when
   * it is added.
   */
  private readonly slots: Int32Array[] = [];
  private readonly values: Int32Array[] = [];
  private readonly capacities = new Int32Array(SHARDS);
  private readonly sizes = new Int32Array(SHARDS);

  constructor(initialCapacity = 4096) {
    const capacity = Math.max(16, Math.ceil(initialCapacity / SHARDS));
    for (let shard = 0; shard < SHARDS; shard++) {
      this.slots.push(new Int32Array(capacity * 2));
      this.values.push(new Int32Array(capacity));
      this.capacities[shard] = capacity;
    }
  }

  /**
   * Grows every shard at once to hold `keys` keys below the load limit, so that a table whose size is
   * known ahead is not grown (and copied) shard by shard. Never shrinks.
   */
  reserve(keys: number): void {
    // Keys spread over the shards as hashes do: each gets its share and 4 standard deviations more.
    const share = keys / SHARDS;
    const capacity = Math.ceil((share + 4 * Math.sqrt(share)) / MAX_LOAD) + 1;
    for (let shard = 0; shard < SHARDS; shard++) {
      if (capacity > this.capacities[shard]!) this.grow(shard, capacity);
    }
  }

  /** Bytes held by the table's arrays. */
  get byteLength(): number {
    let bytes = 0;
    for (let shard = 0; shard < SHARDS; shard++) {
      bytes += this.slots[shard]!.byteLength + this.values[shard]!.byteLength;
    }
    return bytes;
  }

  /**
   * Adds the key with its value when absent and returns {@link NEW}; when present returns {@link SAME}
   * if its stored value equals `value`, {@link DIFFERENT_VALUE} otherwise, and sets `storedValue`.
   */
  add(hi: number, lo: number, value: number): number {
    hi |= 0;
    lo |= 0;
    value |= 0;
    if (hi === 0 && lo === 0) lo = 1;
    const shard = hi >>> SHARD_SHIFT;
    if (this.sizes[shard]! + 1 > this.capacities[shard]! * MAX_LOAD) this.grow(shard);
    const slots = this.slots[shard]!;
    const capacity = this.capacities[shard]!;
    let slot = Math.floor((hi & SLOT_BITS_MASK) * capacity * TWO_TO_MINUS_SHARD_SHIFT);
    while (true) {
      const k = slot * 2;
      const h = slots[k]!;
      const l = slots[k + 1]!;
      if (h === 0 && l === 0) {
        slots[k] = hi;
        slots[k + 1] = lo;
        this.values[shard]![slot] = value;
        this.sizes[shard]!++;
        this.size++;
        return NEW;
      }
      if (h === hi && l === lo) {
        const stored = this.values[shard]![slot]!;
        this.storedValue = stored;
        return stored === value ? SAME : DIFFERENT_VALUE;
      }
      slot++;
      if (slot === capacity) slot = 0;
    }
  }

  /**
   * Reads the slot where each of a batch of keys (their high halves) will be looked for. Done before
   * adding them, with no branch on what is read, it makes their cache misses overlap: JavaScript has no
   * prefetch instruction.
   */
  touch(his: Int32Array, count: number): void {
    let read = 0;
    for (let i = 0; i < count; i++) {
      const hi = his[i]!;
      const shard = hi >>> SHARD_SHIFT;
      const slot = Math.floor((hi & SLOT_BITS_MASK) * this.capacities[shard]! * TWO_TO_MINUS_SHARD_SHIFT);
      read |= this.slots[shard]![slot * 2]!;
    }
    this.touched = read;
  }

  private grow(shard: number, capacity = Math.ceil(this.capacities[shard]! * 1.5)): void {
    const old = this.slots[shard]!;
    const oldValues = this.values[shard]!;
    const oldCapacity = this.capacities[shard]!;
    const slots = new Int32Array(capacity * 2);
    const values = new Int32Array(capacity);
    for (let s = 0; s < oldCapacity; s++) {
      const hi = old[s * 2]!;
      const lo = old[s * 2 + 1]!;
      if (hi === 0 && lo === 0) continue;
      let slot = Math.floor((hi & SLOT_BITS_MASK) * capacity * TWO_TO_MINUS_SHARD_SHIFT);
      while (slots[slot * 2] !== 0 || slots[slot * 2 + 1] !== 0) {
        slot++;
        if (slot === capacity) slot = 0;
      }
      slots[slot * 2] = hi;
      slots[slot * 2 + 1] = lo;
      values[slot] = oldValues[s]!;
    }
    this.slots[shard] = slots;
    this.values[shard] = values;
    this.capacities[shard] = capacity;
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
  /**
   * The high half (uint32) of the largest key kept once the sample is full: most keys are above it and
   * are turned away by one comparison ({@link offer}).
   */
  private top = Number.POSITIVE_INFINITY;

  constructor(private readonly k: number) {}

  /** Offers a key that was not offered before (halves as uint32 or as int32 with the same bits). */
  offer(hi: number, lo: number): void {
    hi >>>= 0;
    if (hi > this.top) return;
    lo >>>= 0;
    const his = this.his;
    const los = this.los;
    if (his.length < this.k) {
      his.push(hi);
      los.push(lo);
      this.siftUp(his.length - 1);
      if (his.length === this.k) this.top = his[0]!;
      return;
    }
    // Max-heap: the root is the largest key kept.
    const topHi = his[0]!;
    if (hi > topHi || (hi === topHi && lo >= los[0]!)) return;
    his[0] = hi;
    los[0] = lo;
    this.siftDown(0);
    this.top = his[0]!;
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
