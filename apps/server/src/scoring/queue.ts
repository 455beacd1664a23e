import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Where submitted versions wait to be scored. `enqueue` runs inside the submit's transaction, so a
 * submitted version always has its job and a rolled-back submit never leaves one behind.
 */
export interface ScoringQueue {
  readonly kind: 'sqlite-table' | 'pg-boss';
  enqueue(trx: Transaction<Database>, versionId: string): Promise<void>;
  /** Called after the submit commits: wakes an in-process worker at once instead of at its next poll. */
  notify(): void;
  /** Consumes jobs in this process until {@link stop}. */
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** Retries before a job is given up (a version whose file cannot be read, say). */
export const MAX_ATTEMPTS = 5;

/** What a queue runs: `run` scores a version; `giveUp` is called once a job failed on its last attempt. */
export interface ScoringHandlers {
  run(versionId: string): Promise<unknown>;
  giveUp(versionId: string, error: string): Promise<unknown>;
}
