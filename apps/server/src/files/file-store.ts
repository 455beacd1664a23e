import type { Readable } from 'node:stream';
import type { PutOptions } from './spool.ts';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Files stored once, named by their SHA-256 (never by the user's file name). Only a complete, verified
 * upload is stored, so an aborted, oversize or corrupted one leaves nothing behind. Two kinds: a folder
 * ({@link LocalFileStore}, the default) and an S3-compatible bucket ({@link S3FileStore}).
 */
export interface FileStore {
  /** Where the files live, for the start-up log (no secrets). */
  readonly description: string;
  /** Streams `source` into the store, failing with payload_too_large past `limitBytes`. */
  put(source: Readable | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredBlob>;
  /** A stream of a stored file's bytes; it fails if the file is not stored. */
  read(sha256: string): Readable;
  /**
   * Removes a stored file; nothing happens if it is not there. Only the orphan sweep calls it, while it
   * holds the file's row (see `removeOrphanFiles`).
   */
  remove(sha256: string): Promise<void>;
  /** Removes uploads a crash left half-spooled, a day old or more; returns how many. */
  removeStaleUploads(): Promise<number>;
}
