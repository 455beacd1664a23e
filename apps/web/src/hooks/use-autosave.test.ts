import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAutosave } from './use-autosave.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('useAutosave', () => {
  it('saves once after the value stops changing', async () => {
    const save = vi.fn().mockResolvedValue(undefined);
    const { result, rerender } = renderHook(({ value }) => useAutosave(value, save, { delayMs: 500 }), {
      initialProps: { value: 'a' },
    });
    rerender({ value: 'ab' });
    await advance(200);
    rerender({ value: 'abc' });
    expect(result.current.state).toBe('pending');
    await advance(600);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('abc');
    expect(result.current.state).toBe('saved');
  });

  it('goes offline on a network failure and retries when the browser is back online', async () => {
    const save = vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue(undefined);
    const { result, rerender } = renderHook(
      ({ value }) => useAutosave(value, save, { delayMs: 100, retryMs: 60_000 }),
      {
        initialProps: { value: 1 },
      },
    );
    rerender({ value: 2 });
    await advance(150);
    expect(result.current.state).toBe('offline');
    await act(async () => {
      window.dispatchEvent(new Event('online'));
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(save).toHaveBeenCalledTimes(2);
    expect(result.current.state).toBe('saved');
  });

  it('reports a server error without losing the value, and saves again on the next change', async () => {
    const save = vi
      .fn()
      .mockRejectedValueOnce(new Error('This draft changed in another tab'))
      .mockResolvedValue(undefined);
    const { result, rerender } = renderHook(({ value }) => useAutosave(value, save, { delayMs: 100 }), {
      initialProps: { value: 'x' },
    });
    rerender({ value: 'y' });
    await advance(150);
    expect(result.current.state).toBe('error');
    rerender({ value: 'z' });
    await advance(150);
    expect(save).toHaveBeenLastCalledWith('z');
    expect(result.current.state).toBe('saved');
  });

  it('saves a first value that is not on the server yet (kept on this device before a reload)', async () => {
    const save = vi.fn().mockResolvedValue(undefined);
    const { result } = renderHook(() =>
      useAutosave('typed before the reload', save, { delayMs: 100, isInitialSaved: false }),
    );
    await advance(150);
    expect(save).toHaveBeenCalledWith('typed before the reload');
    expect(result.current.state).toBe('saved');
  });

  it('does not save a first value the server already has', async () => {
    const save = vi.fn().mockResolvedValue(undefined);
    const { result } = renderHook(() => useAutosave('from the server', save, { delayMs: 100 }));
    await advance(150);
    await act(() => result.current.flush());
    expect(save).not.toHaveBeenCalled();
  });

  // The wizard submits only what the server has: a flush that could not save must say so.
  it('flush resolves to whether the newest value is on the server, with the error otherwise', async () => {
    const offline = new TypeError('Failed to fetch');
    const save = vi.fn().mockRejectedValueOnce(offline).mockResolvedValue(undefined);
    const { result, rerender } = renderHook(({ value }) => useAutosave(value, save, { delayMs: 10_000 }), {
      initialProps: { value: 'saved already' },
    });
    await expect(act(() => result.current.flush())).resolves.toEqual({ isSaved: true });
    expect(save).not.toHaveBeenCalled();

    rerender({ value: 'typed offline' });
    await expect(act(() => result.current.flush())).resolves.toEqual({ isSaved: false, error: offline });
    expect(result.current.state).toBe('offline');

    await expect(act(() => result.current.flush())).resolves.toEqual({ isSaved: true });
    expect(save).toHaveBeenLastCalledWith('typed offline');
    expect(result.current.state).toBe('saved');
  });
});
