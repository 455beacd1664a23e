/// <reference lib="webworker" />
// Pre-scoring runs here so that reading a 100 MB file never blocks the page: the same @assay/quality
// code, at the same version, as the server's score of record.
import { InvalidManifestError, looksBinary, readSampleRows, scoreDataset, sniffFormat } from '@assay/quality';
import type { PrescoreSource, SamplePreview, WorkerRequest, WorkerResponse } from './prescore-protocol.ts';
import { toScorable, withoutStandInFindings } from './scorable.ts';

declare const self: DedicatedWorkerGlobalScope;

const running = new Map<number, AbortController>();

/**
 * The scorer reports progress once per slice read (about 1,600 times for 100 MB); each message re-renders
 * the wizard on the main thread. Ten a second keeps the bar moving smoothly at a fraction of that cost.
 */
const PROGRESS_INTERVAL_MS = 100;

function post(message: WorkerResponse) {
  self.postMessage(message);
}

/** The file's bytes, and its size when known (the scorer then sizes its duplicate table once). */
async function open(
  source: PrescoreSource,
  signal: AbortSignal,
): Promise<{ stream: ReadableStream<Uint8Array>; totalBytes?: number }> {
  if (source.kind === 'file') {
    return { stream: source.file.stream() as ReadableStream<Uint8Array>, totalBytes: source.file.size };
  }
  // Never the HTTP cache: a draft's URL serves whichever file was uploaded last.
  const response = await fetch(source.url, { credentials: 'include', cache: 'no-store', signal });
  if (!response.ok || !response.body)
    throw new Error(`Could not read the uploaded file (HTTP ${response.status})`);
  // Content-Length is the encoded size: only an unencoded response's is the file's.
  const length = response.headers.get('content-encoding') ? null : response.headers.get('content-length');
  return { stream: response.body, ...(length ? { totalBytes: Number(length) } : {}) };
}

/** Bytes the binary check looks at: the scorer's `looksBinary` reads the first 8 KiB. */
const HEAD_BYTES = 8192;

/** The first `HEAD_BYTES` of a stream (fewer for a shorter file); the stream is cancelled after. */
async function readHead(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = stream.getReader();
  const head = new Uint8Array(HEAD_BYTES);
  let length = 0;
  while (length < HEAD_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    const part = value.subarray(0, HEAD_BYTES - length);
    head.set(part, length);
    length += part.length;
  }
  void reader.cancel();
  return head.subarray(0, length);
}

/**
 * The first rows, unless the file is binary: its bytes read as text are garbage column names and rows
 * (a spreadsheet named .csv), and reading them as CSV could go through the whole file looking for lines.
 */
async function readPreview(
  source: PrescoreSource,
  limit: number,
  signal: AbortSignal,
): Promise<SamplePreview> {
  const [forHead, forRows] = (await open(source, signal)).stream.tee();
  const head = await readHead(forHead);
  if (looksBinary(head)) {
    void forRows.cancel();
    return { format: sniffFormat(head), header: [], rows: [], isBinary: true };
  }
  const sample = await readSampleRows({ source: forRows, limit });
  const rows = sample.rows.map((cells) =>
    Object.fromEntries(sample.columns.map((name, index) => [name, cells[index] ?? ''])),
  );
  return {
    format: sample.format,
    header: sample.columns,
    rows,
    unreadable: sample.unreadable ?? [],
    isBinary: false,
    ...(sample.delimiter ? { delimiter: sample.delimiter } : {}),
  };
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    running.get(request.id)?.abort();
    running.delete(request.id);
    return;
  }
  const controller = new AbortController();
  running.set(request.id, controller);
  try {
    if (request.type === 'preview') {
      const preview = await readPreview(request.source, request.limit, controller.signal);
      post({ type: 'preview', id: request.id, preview });
    } else {
      let postedAt = Number.NEGATIVE_INFINITY;
      const { stream, totalBytes } = await open(request.source, controller.signal);
      const report = await scoreDataset({
        source: stream,
        manifest: toScorable(request.manifest),
        options: {
          signal: controller.signal,
          ...(totalBytes === undefined ? {} : { totalBytes }),
          ...(request.requirements ? { requirements: request.requirements } : {}),
          ...(request.threshold === null ? {} : { threshold: request.threshold }),
          ...(request.contributorRecord === null ? {} : { contributorRecord: request.contributorRecord }),
          ...(request.isOverlapCheckedLater ? { isOverlapCheckedLater: true } : {}),
          onProgress: (progress) => {
            const now = performance.now();
            if (now - postedAt < PROGRESS_INTERVAL_MS) return;
            postedAt = now;
            post({ type: 'progress', id: request.id, bytes: progress.bytes, rows: progress.rows });
          },
        },
      });
      post({ type: 'report', id: request.id, report: withoutStandInFindings(report, request.manifest) });
    }
  } catch (error) {
    if (!controller.signal.aborted) {
      post({
        type: 'error',
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
        isManifestRefused: error instanceof InvalidManifestError,
      });
    }
  } finally {
    running.delete(request.id);
  }
};
