import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import type { FileStore, StoredBlob } from './file-store.ts';
import { blobKey, type PutOptions, removeStaleUploads, type Spooled, spoolUpload } from './spool.ts';

/** Attempts at one upload or read before its error stands: S3 asks clients to retry 5xx and 503 SlowDown. */
const ATTEMPTS = 4;
const FIRST_RETRY_MS = 100;

export interface S3FileStoreOptions {
  /**
   * The bucket, and optionally a prefix, as a URL: path-style (`https://minio.internal:9000/assay/files`)
   * or virtual-hosted (`https://assay.s3.eu-west-1.amazonaws.com/files`). Objects are `<url>/<ab>/<sha256>`.
   */
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where uploads wait while they are hashed, before they go to the bucket. */
  tmpDir: string;
}

/**
 * Files in an S3-compatible bucket, for API replicas and workers that share no disk. An upload is first
 * spooled to a local temporary file, because a file's name is its hash; it is then sent with that hash as
 * `x-amz-content-sha256`, which S3 checks against the bytes it receives, so a file corrupted on the way
 * is refused rather than stored. Requests are signed with AWS Signature V4 (aws4fetch).
 */
export class S3FileStore implements FileStore {
  readonly description: string;
  private readonly base: string;
  private readonly client: AwsClient;

  constructor(private readonly options: S3FileStoreOptions) {
    const url = new URL(options.url);
    this.base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    this.description = this.base;
    this.client = new AwsClient({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      service: 's3',
      region: options.region,
      retries: 0,
    });
  }

  removeStaleUploads(): Promise<number> {
    return removeStaleUploads(this.options.tmpDir);
  }

  async put(source: Readable | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredBlob> {
    const spooled = await spoolUpload(this.options.tmpDir, source, options);
    try {
      await options.beforeStore?.({ sha256: spooled.sha256, size: spooled.size });
      const url = this.urlOf(spooled.sha256);
      // Same content, same name: an object already there is already these bytes.
      const head = await this.send(url, () => ({ method: 'HEAD' }));
      if (head.status === 404) await this.upload(url, spooled);
      else if (!head.ok) throw await storeError('check for', url, head);
      return { sha256: spooled.sha256, size: spooled.size };
    } finally {
      await rm(spooled.file, { force: true });
    }
  }

  read(sha256: string): Readable {
    const url = this.urlOf(sha256);
    const open = async () => {
      const response = await this.send(url, () => ({ method: 'GET' }));
      if (!response.ok || response.body === null) throw await storeError('read', url, response);
      return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    };
    // Synchronous like the folder store's read: the request starts when the stream is first read.
    return Readable.from(
      (async function* () {
        yield* await open();
      })(),
    );
  }

  async remove(sha256: string): Promise<void> {
    const url = this.urlOf(sha256);
    // S3 answers 204 whether or not the object was there; some compatible stores answer 404 when it was not.
    const response = await this.send(url, () => ({ method: 'DELETE' }));
    if (!response.ok && response.status !== 404) throw await storeError('remove', url, response);
    await response.body?.cancel();
  }

  private async upload(url: string, { file, sha256, size }: Spooled): Promise<void> {
    const response = await this.send(url, () => ({
      method: 'PUT',
      // A new stream for every attempt: a stream is read once.
      body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
      headers: {
        'content-length': String(size),
        'content-type': 'application/octet-stream',
        'x-amz-content-sha256': sha256,
      },
    }));
    if (!response.ok) throw await storeError('store', url, response);
    await response.body?.cancel();
  }

  /** Signs and sends a request, again after a 5xx or 429 or a network error, up to {@link ATTEMPTS} times. */
  private async send(url: string, init: () => RequestInit): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(await this.client.sign(url, init()));
        if (attempt === ATTEMPTS || (response.status < 500 && response.status !== 429)) return response;
        await response.body?.cancel();
      } catch (error) {
        if (attempt === ATTEMPTS) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, FIRST_RETRY_MS * 2 ** (attempt - 1)));
    }
  }

  private urlOf(sha256: string): string {
    return `${this.base}/${blobKey(sha256)}`;
  }
}

/**
 * The bucket failed us: not the user's doing, so not an AppError (the user is told to try again, the log
 * gets this message).
 */
export class FileStoreError extends Error {
  override name = 'FileStoreError';
}

/** An error naming the object and S3's own error code (from its XML body), never the signed headers. */
async function storeError(what: string, url: string, response: Response): Promise<FileStoreError> {
  const body = await response.text().catch(() => '');
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? `HTTP ${response.status}`;
  return new FileStoreError(`Could not ${what} ${url} in the file store: ${code}`);
}
