import { EventEmitter } from 'node:events';

export interface ScoringProgress {
  versionId: string;
  bytes: number;
  rows: number;
}

/**
 * In-process scoring progress, for the live progress subscription. State changes are read from the
 * database (so a worker in another process is seen too); byte and row counts come from here when the
 * scoring runs in this process.
 */
export class ProgressBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly latest = new Map<string, ScoringProgress>();

  publish(progress: ScoringProgress): void {
    this.latest.set(progress.versionId, progress);
    this.emitter.emit(progress.versionId, progress);
  }

  /** Notifies listeners that the version's state changed (scored, failed). */
  settle(versionId: string): void {
    this.latest.delete(versionId);
    this.emitter.emit(versionId, null);
  }

  current(versionId: string): ScoringProgress | undefined {
    return this.latest.get(versionId);
  }

  /** Resolves on the next update for the version, or after `timeoutMs`. */
  next(versionId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off(versionId, done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.emitter.once(versionId, done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
