import { useCallback, useEffect, useRef, useState } from 'react';
import { isNetworkError } from '../lib/errors.ts';

export type AutosaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'error';

export interface AutosaveStatus {
  state: AutosaveState;
  /** Epoch ms of the last confirmed save. */
  savedAt: number | null;
  error: unknown;
  /**
   * Saves now, without waiting for the debounce. Resolves to whether the newest value is on the server,
   * with the error that stopped it otherwise: a submit must not go ahead on an older copy.
   */
  flush: () => Promise<FlushResult>;
}

export type FlushResult = { isSaved: true } | { isSaved: false; error: unknown };

const UNSAVED = Symbol('unsaved');

/**
 * Saves `value` through `save` after `delayMs` without a change. A network failure leaves the state
 * `offline` and retries when the browser comes back online (and every `retryMs`); a server error leaves
 * it `error` until the next change. The caller keeps the value locally, so nothing typed is lost.
 * `isInitialSaved: false` says the first value is not on the server yet (a copy kept on this device from
 * before a reload): it is saved like any change.
 */
export function useAutosave<T>(
  value: T,
  save: (value: T) => Promise<unknown>,
  {
    delayMs = 800,
    retryMs = 10_000,
    enabled = true,
    isInitialSaved = true,
  }: { delayMs?: number; retryMs?: number; enabled?: boolean; isInitialSaved?: boolean } = {},
): AutosaveStatus {
  const [state, setState] = useState<AutosaveState>('idle');
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(value);
  const saved = useRef<T | typeof UNSAVED>(isInitialSaved ? value : UNSAVED);
  const saveRef = useRef(save);
  saveRef.current = save;
  const inFlight = useRef<Promise<FlushResult> | null>(null);

  const run = useCallback(async (): Promise<FlushResult> => {
    if (inFlight.current) {
      await inFlight.current;
      if (latest.current === saved.current) return { isSaved: true };
    }
    const snapshot = latest.current;
    if (snapshot === saved.current) return { isSaved: true };
    setState('saving');
    const attempt = (async (): Promise<FlushResult> => {
      try {
        await saveRef.current(snapshot);
        saved.current = snapshot;
        setSavedAt(Date.now());
        setError(null);
        setState(latest.current === snapshot ? 'saved' : 'pending');
        return { isSaved: true };
      } catch (caught) {
        setError(caught);
        setState(isNetworkError(caught) ? 'offline' : 'error');
        return { isSaved: false, error: caught };
      }
    })();
    inFlight.current = attempt;
    const result = await attempt;
    inFlight.current = null;
    return result;
  }, []);

  useEffect(() => {
    latest.current = value;
    if (!enabled || value === saved.current) return;
    setState((current) => (current === 'offline' ? current : 'pending'));
    const timer = setTimeout(() => void run(), delayMs);
    return () => clearTimeout(timer);
  }, [value, enabled, delayMs, run]);

  useEffect(() => {
    if (state !== 'offline' || !enabled) return;
    const retry = () => void run();
    window.addEventListener('online', retry);
    const timer = setInterval(retry, retryMs);
    return () => {
      window.removeEventListener('online', retry);
      clearInterval(timer);
    };
  }, [state, enabled, retryMs, run]);

  return { state, savedAt, error, flush: run };
}
