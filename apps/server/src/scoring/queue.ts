import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Where submitted versions wait to be scored. `enqueue` runs inside the submit's transaction, so a
 * submitted version always has its job and a rolled-back submit never leaves one behind.
 */
export interface ScoringQueue {
  readonly kind: 'sqlite-table' | 'pg-boss';
  /** `submittedAt` (epoch ms) names the submission the job is for; a later submit of the version is another. */
  enqueue(trx: Transaction<Database>, versionId: string, submittedAt: number): Promise<void>;
  /** Called after the submit commits: wakes an in-process worker at once instead of at its next poll. */
  notify(): void;
  /** Consumes jobs in this process until {@link stop}. */
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What a queue runs: `run` scores a version; `giveUp` is called once a job failed on its last attempt,
 * whether its handler threw or its worker died (SCORING_MAX_ATTEMPTS). A queue may call `giveUp` again
 * for the same job (after a crash between giving up and recording it), so it must then change nothing.
 */
export interface ScoringHandlers {
  run(versionId: string): Promise<unknown>;
  /**
   * `submittedAt` is the job's submission: a give-up that comes late (retried after a crash) leaves a
   * version submitted again since alone. Jobs from before it was recorded give none.
   */
  giveUp(versionId: string, error: string, submittedAt: number | undefined): Promise<unknown>;
}
