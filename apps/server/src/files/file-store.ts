import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.ts';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Files stored once, named by their SHA-256 (never by the user's file name). Bytes go to a temporary
 * file while the hash is computed; only a complete, verified file is renamed into place, so an aborted
 * or oversize upload leaves nothing behind.
 */
export class FileStore {
  constructor(readonly root: string) {}

  /** Streams `source` into the store, failing with payload_too_large past `limitBytes`. */
  async put(
    source: Readable | AsyncIterable<Uint8Array>,
    options: {
      limitBytes: number;
      expectedSha256?: string | undefined;
      onProgress?: (bytes: number) => void;
    },
  ): Promise<StoredBlob> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Uint8Array>) {
          for await (const chunk of chunks) {
            size += chunk.byteLength;
            if (size > options.limitBytes) {
              throw new AppError(
                'payload_too_large',
                `The file is larger than the limit of ${options.limitBytes} bytes`,
              );
            }
            hash.update(chunk);
            options.onProgress?.(size);
            yield chunk;
          }
        },
        createWriteStream(tmp),
      );
      const sha256 = hash.digest('hex');
      if (options.expectedSha256 && options.expectedSha256 !== sha256) {
        throw new AppError(
          'invalid_input',
          `The uploaded bytes hash to ${sha256}, not the expected ${options.expectedSha256}: the upload was corrupted, try again`,
        );
      }
      const target = this.pathOf(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      // Same content, same name: an existing file is already these bytes.
      if (existsSync(target)) await rm(tmp, { force: true });
      else await rename(tmp, target);
      return { sha256, size };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  /** A stream of a stored file's bytes. */
  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch {
      return null;
    }
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('invalid_input', `'${sha256}' is not a SHA-256`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }
}
