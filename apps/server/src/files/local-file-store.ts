import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStore, StoredBlob } from './file-store.ts';
import { blobKey, type PutOptions, removeStaleUploads, spoolUpload } from './spool.ts';

/** Files in a folder (`DATA_DIR/files` by default): what one process with its own disk needs. */
export class LocalFileStore implements FileStore {
  readonly description: string;

  constructor(readonly root: string) {
    this.description = root;
  }

  removeStaleUploads(): Promise<number> {
    return removeStaleUploads(path.join(this.root, 'tmp'));
  }

  async put(source: Readable | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredBlob> {
    const { file, sha256, size } = await spoolUpload(path.join(this.root, 'tmp'), source, options);
    try {
      await options.beforeStore?.({ sha256, size });
      const target = this.pathOf(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      // Same content, same name: an existing file is already these bytes.
      if (existsSync(target)) await rm(file, { force: true });
      else await rename(file, target);
      return { sha256, size };
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
  }

  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  pathOf(sha256: string): string {
    return path.join(this.root, ...blobKey(sha256).split('/'));
  }
}
