import type { Requirements } from '@assay/quality';
import type { DraftManifest, QualityReport } from '@assay/schema';
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  PrescoreSource,
  SamplePreview,
  WorkerRequest,
  WorkerResponse,
} from '../workers/prescore-protocol.ts';

export type PrescoreState =
  | { status: 'idle' }
  | { status: 'running'; bytes: number; rows: number; totalBytes: number | null }
  | { status: 'done'; report: QualityReport }
  | { status: 'error'; message: string };

/** One Web Worker for the page; preview and scoring requests are matched to answers by id. */
export function usePrescoreWorker() {
  const worker = useRef<Worker | null>(null);
  const nextId = useRef(1);
  const handlers = useRef(new Map<number, (message: WorkerResponse) => void>());

  const get = useCallback(() => {
    if (!worker.current) {
      worker.current = new Worker(new URL('../workers/prescore.worker.ts', import.meta.url), {
        type: 'module',
      });
      worker.current.onmessage = (event: MessageEvent<WorkerResponse>) =>
        handlers.current.get(event.data.id)?.(event.data);
    }
    return worker.current;
  }, []);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  const send = useCallback(
    (request: WorkerRequest, onMessage: (message: WorkerResponse) => void) => {
      handlers.current.set(request.id, onMessage);
      get().postMessage(request);
      return () => {
        handlers.current.delete(request.id);
        worker.current?.postMessage({ type: 'cancel', id: request.id } satisfies WorkerRequest);
      };
    },
    [get],
  );

  const preview = useCallback(
    (source: PrescoreSource, limit = 50) =>
      new Promise<SamplePreview>((resolve, reject) => {
        const id = nextId.current++;
        send({ type: 'preview', id, source, limit }, (message) => {
          handlers.current.delete(id);
          if (message.type === 'preview') resolve(message.preview);
          else if (message.type === 'error') reject(new Error(message.message));
        });
      }),
    [send],
  );

  const score = useCallback(
    (
      source: PrescoreSource,
      manifest: DraftManifest,
      requirements: Requirements | null,
      totalBytes: number | null,
      onUpdate: (state: PrescoreState) => void,
    ): (() => void) => {
      const id = nextId.current++;
      onUpdate({ status: 'running', bytes: 0, rows: 0, totalBytes });
      return send({ type: 'score', id, source, manifest, requirements }, (message) => {
        if (message.type === 'progress')
          onUpdate({ status: 'running', bytes: message.bytes, rows: message.rows, totalBytes });
        if (message.type === 'report') onUpdate({ status: 'done', report: message.report });
        if (message.type === 'error') onUpdate({ status: 'error', message: message.message });
      });
    },
    [send],
  );

  return { preview, score };
}

/** Runs the pre-score whenever the source or manifest changes (debounced), cancelling the previous run. */
export function usePrescore(
  source: PrescoreSource | null,
  manifest: DraftManifest,
  requirements: Requirements | null,
  totalBytes: number | null,
  enabled: boolean,
) {
  const { score } = usePrescoreWorker();
  const [state, setState] = useState<PrescoreState>({ status: 'idle' });
  const [runs, setRuns] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `runs` is the "score again" trigger
  useEffect(() => {
    if (!enabled || !source) return;
    let cancel: (() => void) | null = null;
    const timer = setTimeout(() => {
      cancel = score(source, manifest, requirements, totalBytes, setState);
    }, 400);
    return () => {
      clearTimeout(timer);
      cancel?.();
    };
    // runs: a manual "score again"
  }, [enabled, source, manifest, requirements, totalBytes, score, runs]);
  return { state, rerun: () => setRuns((n) => n + 1) };
}
