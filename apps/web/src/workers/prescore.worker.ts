/// <reference lib="webworker" />
// Pre-scoring runs here so that reading a 100 MB file never blocks the page: the same @assay/quality
// code, at the same version, as the server's score of record.
import { readSampleRows, scoreDataset } from '@assay/quality';
import type { PrescoreSource, WorkerRequest, WorkerResponse } from './prescore-protocol.ts';
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
  const response = await fetch(source.url, { credentials: 'include', signal });
  if (!response.ok || !response.body)
    throw new Error(`Could not read the uploaded file (HTTP ${response.status})`);
  // Content-Length is the encoded size: only an unencoded response's is the file's.
  const length = response.headers.get('content-encoding') ? null : response.headers.get('content-length');
  return { stream: response.body, ...(length ? { totalBytes: Number(length) } : {}) };
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
      const sample = await readSampleRows({
        source: (await open(request.source, controller.signal)).stream,
        limit: request.limit,
      });
      const rows = sample.rows.map((cells) =>
        Object.fromEntries(sample.columns.map((name, index) => [name, cells[index] ?? ''])),
      );
      post({
        type: 'preview',
        id: request.id,
        preview: { format: sample.format, header: sample.columns, rows },
      });
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
      });
    }
  } finally {
    running.delete(request.id);
  }
};
