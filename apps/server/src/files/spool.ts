import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.ts';
import type { StoredBlob } from './file-store.ts';

/** What {@link FileStore.put} takes besides the bytes. */
export interface PutOptions {
  limitBytes: number;
  expectedSha256?: string | undefined;
  onProgress?: (bytes: number) => void;
  /**
   * Called once the bytes are spooled and their hash verified, before the store looks for a file of that
   * hash or stores it; the put fails (storing nothing) if it does. `attachFile` claims the file's row here,
   * so that the orphan sweep cannot remove the file between the store finding it and a version naming it.
   */
  beforeStore?: (blob: StoredBlob) => Promise<void>;
}

/** A complete upload in a temporary file, its hash verified. */
export interface Spooled {
  file: string;
  sha256: string;
  size: number;
}

/**
 * Streams `source` into a new file in `tmpDir` while hashing it, failing with payload_too_large past
 * `limitBytes` and with invalid_input when the bytes do not hash to `expectedSha256`. A file is named by
 * its hash, so the whole upload is read before anything is stored; on failure the temporary file is gone.
 */
export async function spoolUpload(
  tmpDir: string,
  source: Readable | AsyncIterable<Uint8Array>,
  options: PutOptions,
): Promise<Spooled> {
  await mkdir(tmpDir, { recursive: true });
  const file = path.join(tmpDir, randomUUID());
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  let size = 0;
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Uint8Array | string>) {
        for await (const piece of chunks) {
          // A Readable may yield strings; their size and hash are those of their UTF-8 bytes.
          const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
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
      out,
    );
    const sha256 = hash.digest('hex');
    if (options.expectedSha256 && options.expectedSha256 !== sha256) {
      throw new AppError(
        'invalid_input',
        `The uploaded bytes hash to ${sha256}, not the expected ${options.expectedSha256}: the upload was corrupted, try again`,
      );
    }
    return { file, sha256, size };
  } catch (error) {
    // A failed pipeline destroys the file stream, which may still be opening the file: removed before the
    // stream has closed, the file reappears behind the removal (seen in about 1 of 700 refused uploads).
    // 'close' comes after 'error', so this waits without rethrowing the stream's error.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    await rm(file, { force: true });
    throw error;
  }
}

/** An upload still spooling after this long was cut off by a crash: no upload takes a day. */
export const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

/**
 * Removes what uploads cut off by a crash left in `tmpDir` (a process's own failures clean up after
 * themselves): files not written to for {@link STALE_UPLOAD_MS}. Other processes may share the folder, so
 * a recent file is never touched. Returns how many were removed.
 */
export async function removeStaleUploads(tmpDir: string, now = Date.now()): Promise<number> {
  await checkWritable(tmpDir);
  let names: string[];
  try {
    names = await readdir(tmpDir);
  } catch {
    return 0; // no upload yet
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(tmpDir, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && now - info.mtimeMs > STALE_UPLOAD_MS) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Start-up's check that uploads can be spooled: a DATA_DIR the server cannot write to started a server
 * whose every upload failed (a 500 each).
 */
async function checkWritable(dir: string): Promise<void> {
  const probe = path.join(dir, `.writable-${process.pid}-${Date.now()}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(
      `DATA_DIR: uploads cannot be written to ${dir} (${code}); give the server a folder it can write to`,
    );
  }
}

/** The store's name for a file: its SHA-256 under a folder of its first two hex digits. */
export function blobKey(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('invalid_input', `'${sha256}' is not a SHA-256`);
  return `${sha256.slice(0, 2)}/${sha256}`;
}
