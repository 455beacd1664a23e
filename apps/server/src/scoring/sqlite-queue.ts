import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { ScoringHandlers, ScoringQueue } from './queue.ts';

/**
 * A job a worker may take at `now`: queued and due (`locked_until` is a queued job's time of retry), or
 * running on a lease that ran out (its worker presumed dead). Chosen and taken by the same condition, so
 * of two workers only one takes it.
 */
function isClaimable(eb: ExpressionBuilder<Database, 'scoring_job'>, now: number) {
  return eb.or([
    eb.and([
      eb('state', '=', 'queued'),
      eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]),
    ]),
    eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)]),
  ]);
}

/**
 * The embedded default: jobs in the `scoring_job` table, consumed by one in-process worker. A job is
 * leased while it runs; a process that dies mid-job leaves a lease that expires, and the next worker to
 * start takes the job again. That counts as an attempt: taken after its last one, the job is given up.
 */
export class SqliteScoringQueue implements ScoringQueue {
  readonly kind = 'sqlite-table' as const;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly handlers: ScoringHandlers,
    private readonly logger: Logger,
    private readonly options: { leaseMs: number; pollMs: number; retryMs: number; maxAttempts: number },
  ) {}

  async enqueue(trx: Transaction<Database>, versionId: string, submittedAt: number): Promise<void> {
    // Created at the submit's own time, which names the submission the job is for (see giveUp).
    const now = submittedAt;
    await trx
      .insertInto('scoring_job')
      .values({
        id: crypto.randomUUID(),
        version_id: versionId,
        state: 'queued',
        attempts: 0,
        locked_until: null,
        last_error: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  notify(): void {
    this.wake?.();
  }

  async startWorker(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loop = this.work();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async work(): Promise<void> {
    while (this.running) {
      const job = await this.claim().catch((error) => {
        this.logger.error({ err: error }, 'claiming a scoring job failed');
        return undefined;
      });
      if (!job) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        continue;
      }
      if (job.attempts > this.options.maxAttempts) {
        // Taken again after its last attempt's lease ran out: that worker died mid-job (killed, out of
        // memory). It ends as a last attempt that throws does, rather than being tried for ever.
        await this.giveUp(job, 'its worker stopped during the last attempt (the lease ran out)');
        continue;
      }
      this.logger.info(
        { versionId: job.version_id, jobId: job.id, attempt: job.attempts, worker: process.pid },
        'scoring started',
      );
      try {
        await this.handlers.run(job.version_id);
        await this.finish(job.id, 'done', null, null);
      } catch (error) {
        this.logger.error({ err: error, versionId: job.version_id, attempt: job.attempts }, 'scoring failed');
        const message = String((error as Error).message ?? error);
        if (job.attempts >= this.options.maxAttempts) {
          await this.giveUp(job, message);
        } else {
          // A retry waits, twice as long each time: what failed (the file store, say) may need a while.
          const retryAt = Date.now() + this.options.retryMs * 2 ** (job.attempts - 1);
          await this.finish(job.id, 'queued', message, retryAt);
        }
      }
    }
  }

  /**
   * Ends a job whose last attempt failed: its version goes back to draft, then the job is marked failed.
   * In that order, so that a give-up that fails, or a process that dies in between, leaves the job on its
   * lease: once that runs out the job is taken again and given up again (a no-op if the first got through).
   */
  private async giveUp(job: { id: string; version_id: string; created_at: number }, message: string) {
    try {
      await this.handlers.giveUp(job.version_id, message, Number(job.created_at));
    } catch (error) {
      this.logger.error({ err: error, versionId: job.version_id }, 'giving up scoring failed');
      return;
    }
    await this.finish(job.id, 'failed', message, null);
  }

  /**
   * Takes the oldest queued job (once its retry is due), or one whose lease ran out, in one conditional
   * update. `locked_until` is a running job's lease, and a queued job's time of retry.
   */
  private async claim() {
    const now = Date.now();
    const candidate = await this.db
      .selectFrom('scoring_job')
      .select(['id'])
      .where((eb) => isClaimable(eb, now))
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (!candidate) return undefined;
    return this.db
      .updateTable('scoring_job')
      .set((eb) => ({
        state: 'running',
        attempts: eb('attempts', '+', 1),
        locked_until: now + this.options.leaseMs,
        updated_at: now,
      }))
      .where('id', '=', candidate.id)
      .where((eb) => isClaimable(eb, now))
      .returning(['id', 'version_id', 'attempts', 'created_at'])
      .executeTakeFirst();
  }

  /** Ends an attempt; a job queued again for a retry is not taken before `notBefore`. */
  private async finish(id: string, state: string, error: string | null, notBefore: number | null) {
    await this.db
      .updateTable('scoring_job')
      .set({ state, last_error: error, locked_until: notBefore, updated_at: Date.now() })
      .where('id', '=', id)
      .execute();
  }
}
