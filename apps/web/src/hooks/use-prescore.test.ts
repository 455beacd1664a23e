import type { DraftManifest, QualityReport } from '@assay/schema';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrescoreSource } from '../workers/prescore-protocol.ts';
import { type PrescoreState, type PrescoreWorker, usePrescore, usePrescoreSource } from './use-prescore.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const SOURCE: PrescoreSource = { kind: 'url', url: '/data' };
const GRADING = { requirements: null, threshold: null, contributorRecord: null, isOverlapCheckedLater: null };
const manifestWith = (classes: string[]): DraftManifest => ({
  task: 'classification',
  label: { column: 'label', classes: classes.map((name) => ({ name })) },
});
const reportOf = (labelCounts: Record<string, number>) =>
  ({ stats: { labelCounts } }) as unknown as QualityReport;

/** A worker whose runs answer when the test says: `runs[i](state)` reports for the i-th run. */
function fakeWorker() {
  const runs: ((state: PrescoreState) => void)[] = [];
  const worker: PrescoreWorker = {
    preview: () => new Promise(() => {}),
    score: (_source, _manifest, _grading, totalBytes, onUpdate) => {
      onUpdate({ status: 'running', bytes: 0, rows: 0, totalBytes });
      runs.push(onUpdate);
      return () => {};
    },
  };
  return { worker, runs };
}

describe('usePrescore', () => {
  it('keeps the last finished run while the next runs: the Preview took its labels from the state, and its Remove went', async () => {
    const { worker, runs } = fakeWorker();
    const { result, rerender } = renderHook(
      ({ manifest }) => usePrescore(worker, SOURCE, manifest, GRADING, null, true),
      { initialProps: { manifest: manifestWith(['low', 'medium']) } },
    );
    await act(() => vi.advanceTimersByTimeAsync(400));
    const report = reportOf({ low: 60, high: 60 });
    act(() => runs[0]?.({ status: 'done', report }));
    expect(result.current.state.status).toBe('done');

    const next = manifestWith(['low', 'medium', 'high']);
    rerender({ manifest: next });
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(result.current.state.status).toBe('running');
    expect(result.current.lastDone?.report).toBe(report);
    expect(result.current.lastDone?.source).toBe(SOURCE);

    const after = reportOf({ low: 60, high: 60 });
    act(() => runs[1]?.({ status: 'done', report: after }));
    expect(result.current.lastDone).toMatchObject({ report: after, manifest: next });
  });

  it('says the next run at once, not the result before, which stayed through the debounce (its links vanished under the pointer)', async () => {
    const { worker, runs } = fakeWorker();
    const { result, rerender } = renderHook(
      ({ manifest, enabled }) => usePrescore(worker, SOURCE, manifest, GRADING, null, enabled),
      { initialProps: { manifest: manifestWith(['low', 'medium']), enabled: true } },
    );
    await act(() => vi.advanceTimersByTimeAsync(400));
    act(() => runs[0]?.({ status: 'done', report: reportOf({ low: 60, high: 60 }) }));

    // Another step: the result stays; the classes change there.
    const next = manifestWith(['low', 'medium', 'high']);
    rerender({ manifest: next, enabled: false });
    expect(result.current.state.status).toBe('done');
    // Back on the step, before the debounce is over.
    rerender({ manifest: next, enabled: true });
    expect(result.current.state.status).toBe('running');
    expect(runs).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(runs).toHaveLength(2);
  });

  it('says a run is on its way in its first render when it opens enabled: the Pre-score step opened on was blank for the debounce', async () => {
    const { worker, runs } = fakeWorker();
    const manifest = manifestWith(['low']);
    const { result } = renderHook(() => usePrescore(worker, SOURCE, manifest, GRADING, 2048, true));
    expect(result.current.state).toEqual({ status: 'running', bytes: 0, rows: 0, totalBytes: 2048 });
    expect(runs).toHaveLength(0);
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(runs).toHaveLength(1);
  });

  it('opens idle when it has nothing to run: another step, or no file yet', () => {
    const { worker } = fakeWorker();
    const manifest = manifestWith([]);
    const disabled = renderHook(() => usePrescore(worker, SOURCE, manifest, GRADING, null, false));
    expect(disabled.result.current.state.status).toBe('idle');
    const withoutFile = renderHook(() => usePrescore(worker, null, manifest, GRADING, null, true));
    expect(withoutFile.result.current.state.status).toBe('idle');
  });
});

describe('usePrescoreSource', () => {
  const DROPPED = new File(['text,label\nhello,low\n'], 'dropped.csv');
  const storedFile = (sha256: string) => ({ sha256, size: 21, format: 'csv', name: 'dropped.csv' });
  const SHA_A = 'a'.repeat(64);
  const SHA_B = 'b'.repeat(64);
  type Version = Parameters<typeof usePrescoreSource>[1];
  const draftWith = (file: Version['file']): Version => ({ id: 'v1', file });

  it("keeps a dropped file's source, its run and its label counts when the draft is read again after its upload: the count started over", async () => {
    const { worker, runs } = fakeWorker();
    const manifest = manifestWith(['low']);
    const { result, rerender } = renderHook(
      ({ dropped, version }: { dropped: File | null; version: Version }) => {
        const source = usePrescoreSource(dropped, version);
        return { source, ...usePrescore(worker, source, manifest, GRADING, dropped?.size ?? null, true) };
      },
      { initialProps: { dropped: DROPPED as File | null, version: draftWith(null) } },
    );
    const source = result.current.source;
    expect(source).toEqual({ kind: 'file', file: DROPPED });
    await act(() => vi.advanceTimersByTimeAsync(400));
    const report = reportOf({ low: 1 });
    act(() => runs[0]?.({ status: 'done', report }));

    // The upload is in: the draft, read again, names the file (a new object each time it changes).
    rerender({ dropped: DROPPED, version: draftWith(storedFile(SHA_A)) });
    expect(result.current.source).toBe(source);
    expect(result.current.state).toMatchObject({ status: 'done', report, source });
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(runs).toHaveLength(1);
    expect(result.current.lastDone?.source).toBe(source);

    // Another file dropped is read and counted again.
    const other = new File(['text,label\nbye,high\n'], 'other.csv');
    rerender({ dropped: other, version: draftWith(storedFile(SHA_A)) });
    expect(result.current.source).toEqual({ kind: 'file', file: other });
    expect(result.current.state.status).toBe('running');
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(runs).toHaveLength(2);
  });

  it("reads the draft's uploaded copy again only when the draft names another file", () => {
    const { result, rerender } = renderHook(
      ({ version }: { version: Version }) => usePrescoreSource(null, version),
      { initialProps: { version: draftWith(storedFile(SHA_A)) } },
    );
    const source = result.current;
    expect(source).toEqual({ kind: 'url', url: '/api/files/versions/v1/data' });
    rerender({ version: draftWith(storedFile(SHA_A)) });
    expect(result.current).toBe(source);
    rerender({ version: draftWith(storedFile(SHA_B)) });
    expect(result.current).not.toBe(source);
    expect(result.current).toEqual(source);
    rerender({ version: draftWith(null) });
    expect(result.current).toBeNull();
  });
});
