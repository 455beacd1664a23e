import { describe, expect, it } from 'vitest';
import { MAX_SLICE, readSlices } from '../src/source.ts';
import { chunksOf } from './rule-cases.ts';

async function collect(slices: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const slice of slices) out.push(slice);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

describe('readSlices', () => {
  const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) & 0xff);

  it('hands on big chunks in slices of at most 16 KiB, every byte once and in order', async () => {
    for (const source of [
      chunksOf(bytes, 100_000),
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.subarray(0, 70_000));
          controller.enqueue(bytes.subarray(70_000));
          controller.close();
        },
      }),
    ]) {
      const slices = await collect(readSlices(source));
      expect(MAX_SLICE).toBe(16_384);
      expect(Math.max(...slices.map((slice) => slice.length))).toBe(MAX_SLICE);
      // Compared as one buffer: a deep toEqual of 200,000 numbers took seconds, near the test timeout under load.
      expect(Buffer.compare(concat(slices), bytes)).toBe(0);
    }
  });

  it('passes small chunks through as they are', async () => {
    const slices = await collect(readSlices(chunksOf(bytes, 1000)));
    expect(slices).toHaveLength(200);
    expect(slices.every((slice) => slice.length === 1000)).toBe(true);
  });

  it('rejects chunks that are not bytes', async () => {
    const strings = (async function* () {
      yield 'text' as unknown as Uint8Array;
    })();
    await expect(collect(readSlices(strings))).rejects.toThrow(
      'The file source must yield Uint8Array chunks',
    );
  });
});
