/** A file's bytes as a web stream (browser `File.stream()`) or any async iterable of chunks (Node streams). */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Largest slice handed to the decoder at once. Small, because each slice's decoded text lives while its
 * rows are scanned, so it survives the young-generation GCs that fall meanwhile; V8 doubles its young
 * generation once the bytes that survived add up to its size. At 64 KiB (a Node stream's chunk) that
 * happened about 2M rows into a CSV, adding 16 MiB; at 16 KiB not by 3M rows, and no slower. It also
 * keeps one huge chunk from becoming one huge string.
 */
export const MAX_SLICE = 1 << 14;

function isReadableStream(source: ByteSource): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream<Uint8Array>).getReader === 'function';
}

/**
 * Iterates a source in slices of at most 16 KiB. Stops reading (and cancels the stream) when the consumer
 * breaks out early, so a bounded preview does not read the whole file.
 */
export async function* readSlices(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (isReadableStream(source)) {
    const reader = source.getReader();
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) return;
        yield* sliceChunk(value);
      }
    } finally {
      await reader.cancel().catch(() => {});
      reader.releaseLock();
    }
  } else {
    for await (const chunk of source) yield* sliceChunk(chunk);
  }
}

function* sliceChunk(chunk: Uint8Array): Generator<Uint8Array> {
  if (!(chunk instanceof Uint8Array)) {
    throw new TypeError('The file source must yield Uint8Array chunks');
  }
  for (let start = 0; start < chunk.length; start += MAX_SLICE) {
    yield start === 0 && chunk.length <= MAX_SLICE ? chunk : chunk.subarray(start, start + MAX_SLICE);
  }
}
