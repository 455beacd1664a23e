import type { DraftManifest, QualityReport } from '@assay/schema';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { versionDataUrl } from '../lib/file-urls.ts';
import type {
  Grading,
  PrescoreSource,
  SamplePreview,
  WorkerRequest,
  WorkerResponse,
} from '../workers/prescore-protocol.ts';

export type PrescoreState =
  | { status: 'idle' }
  | { status: 'running'; bytes: number; rows: number; totalBytes: number | null }
  /**
   * `source` and `manifest`: those scored (set by {@link usePrescore}), e.g. to know which file and label
   * column `report.stats` counted.
   */
  | { status: 'done'; report: QualityReport; source?: PrescoreSource; manifest?: DraftManifest }
  /** `isManifestRefused`: the scorer could not read the manifest, rather than failed on the file. */
  | { status: 'error'; message: string; isManifestRefused?: boolean };

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
      // The worker's script could not load (e.g. first use while offline) or it crashed: every waiting
      // request gets an error instead of spinning forever, and the next request starts a new worker.
      worker.current.onerror = (event) => {
        event.preventDefault();
        const message = `The in-browser checker stopped${event.message ? ` (${event.message})` : ''}; retry.`;
        for (const [id, handle] of [...handlers.current]) handle({ type: 'error', id, message });
        handlers.current.clear();
        worker.current?.terminate();
        worker.current = null;
      };
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
      grading: Grading,
      totalBytes: number | null,
      onUpdate: (state: PrescoreState) => void,
    ): (() => void) => {
      const id = nextId.current++;
      onUpdate({ status: 'running', bytes: 0, rows: 0, totalBytes });
      return send({ type: 'score', id, source, manifest, ...grading }, (message) => {
        if (message.type === 'progress')
          onUpdate({ status: 'running', bytes: message.bytes, rows: message.rows, totalBytes });
        if (message.type === 'report') onUpdate({ status: 'done', report: message.report });
        if (message.type === 'error') {
          onUpdate({
            status: 'error',
            message: message.message,
            isManifestRefused: message.isManifestRefused,
          });
        }
      });
    },
    [send],
  );

  // One stable object per page, so effects that depend on the worker do not re-run on every render.
  return useMemo(() => ({ preview, score }), [preview, score]);
}

export type PrescoreWorker = ReturnType<typeof usePrescoreWorker>;

/**
 * What the pre-score reads: the file dropped on this page, else the draft's uploaded copy (served at
 * `version.id`'s data URL), else nothing. The same object for as long as it is the same file, so that its
 * runs and their counts go on: it was made again whenever the draft was read again with another `file`
 * object, as when the upload of the very file dropped here ended, and the Preview's count of the whole
 * file's labels started over. A dropped file is its `File`; the uploaded copy, its SHA-256.
 */
export function usePrescoreSource(
  dropped: File | null,
  version: { id: string; file: { sha256: string } | null },
): PrescoreSource | null {
  const droppedSource = useMemo<PrescoreSource | null>(
    () => (dropped ? { kind: 'file', file: dropped } : null),
    [dropped],
  );
  const storedSha256 = version.file?.sha256 ?? null;
  const storedSource = useMemo<PrescoreSource | null>(
    () => (storedSha256 ? { kind: 'url', url: versionDataUrl(version.id) } : null),
    [storedSha256, version.id],
  );
  return droppedSource ?? storedSource;
}

/** A finished pre-score, with the source and manifest it scored. */
export type PrescoreDone = Extract<PrescoreState, { status: 'done' }>;

/**
 * Runs the pre-score whenever the source or manifest changes (debounced), cancelling the previous run.
 * It shares the page's worker (already started for the preview), so pre-scoring works offline too.
 * `lastDone` is the last run that finished, kept while the next one runs (or after it fails): what it
 * counted of a file (its labels) stays true when only the classes changed.
 */
export function usePrescore(
  { score }: PrescoreWorker,
  source: PrescoreSource | null,
  manifest: DraftManifest,
  { requirements, threshold, contributorRecord, isOverlapCheckedLater }: Grading,
  totalBytes: number | null,
  enabled: boolean,
) {
  // A run about to start is said at once, in the render that asks for it: the result before (another
  // manifest's, or a visit before) had stayed on screen for the debounce, and a finding's link clicked
  // then vanished under the pointer as the run began (an e2e run under load). The first render too: the
  // wizard opened on its Pre-score step showed a blank step for the debounce.
  const [state, setState] = useState<PrescoreState>(() =>
    enabled && source ? { status: 'running', bytes: 0, rows: 0, totalBytes } : { status: 'idle' },
  );
  const [lastDone, setLastDone] = useState<PrescoreDone | null>(null);
  const [runs, setRuns] = useState(0);
  const inputs = [
    enabled,
    source,
    manifest,
    requirements,
    threshold,
    contributorRecord,
    isOverlapCheckedLater,
    totalBytes,
    runs,
  ];
  const [runInputs, setRunInputs] = useState(inputs);
  if (inputs.some((input, index) => input !== runInputs[index])) {
    setRunInputs(inputs);
    if (enabled && source) setState({ status: 'running', bytes: 0, rows: 0, totalBytes });
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: `runs` is the "score again" trigger
  useEffect(() => {
    if (!enabled || !source) return;
    let cancel: (() => void) | null = null;
    const timer = setTimeout(() => {
      const grading = { requirements, threshold, contributorRecord, isOverlapCheckedLater };
      cancel = score(source, manifest, grading, totalBytes, (next) => {
        if (next.status !== 'done') return setState(next);
        const done = { ...next, source, manifest };
        setState(done);
        setLastDone(done);
      });
    }, 400);
    return () => {
      clearTimeout(timer);
      cancel?.();
    };
    // runs: a manual "score again"
  }, [
    enabled,
    source,
    manifest,
    requirements,
    threshold,
    contributorRecord,
    isOverlapCheckedLater,
    totalBytes,
    score,
    runs,
  ]);
  return { state, lastDone, rerun: () => setRuns((n) => n + 1) };
}
