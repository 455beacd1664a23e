import { CompiledQuery, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { MAX_ATTEMPTS, type ScoringHandlers, type ScoringQueue } from './queue.ts';

const QUEUE = 'score-version';

/**
 * The scale path: a pg-boss queue in PostgreSQL, consumed by any number of `npm run worker` processes
 * (and by the API process unless SCORING_IN_PROCESS=false). A job is leased for `leaseSeconds`; if its
 * worker dies, pg-boss expires the lease and retries the job on another worker. Scoring itself stores a
 * report only once per version (see score-version.ts), so a retry after a slow worker cannot double-score.
 */
export class PgBossScoringQueue implements ScoringQueue {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private started: Promise<void> | undefined;

  constructor(
    connectionString: string,
    private readonly handlers: ScoringHandlers,
    private readonly logger: Logger,
    private readonly options: { leaseSeconds: number; retrySeconds: number; supervise: boolean },
  ) {
    this.boss = new PgBoss({
      connectionString,
      max: 4,
      supervise: options.supervise,
      schedule: false,
      // Expired leases are found by maintenance: run it often enough that a dead worker's job moves on soon.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(options.leaseSeconds / 2))),
    });
    this.boss.on('error', (error) => logger.error({ err: error }, 'pg-boss error'));
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      await this.boss.createQueue(QUEUE, {
        name: QUEUE,
        ...this.retryOptions(),
        expireInSeconds: this.options.leaseSeconds,
      });
    })();
    return this.started;
  }

  async enqueue(trx: Transaction<Database>, versionId: string): Promise<void> {
    await this.start();
    // pg-boss writes the job through our transaction, so the job commits (or not) with the submit.
    const db = {
      executeSql: async (text: string, values?: unknown[]) => {
        const result = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
        return { rows: result.rows as unknown[] };
      },
    };
    await this.boss.send(
      QUEUE,
      { versionId },
      { db, ...this.retryOptions(), expireInSeconds: this.options.leaseSeconds },
    );
  }

  /**
   * Attempts and waits as the SQLite queue makes them: pg-boss counts retries (after the first attempt),
   * and its backoff waits about twice as long each time.
   */
  private retryOptions() {
    const { retrySeconds } = this.options;
    return { retryLimit: MAX_ATTEMPTS - 1, retryDelay: retrySeconds, retryBackoff: retrySeconds > 0 };
  }

  notify(): void {}

  async startWorker(): Promise<void> {
    await this.start();
    await this.boss.work<{ versionId: string }>(
      QUEUE,
      { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true },
      async ([job]) => {
        if (!job) return;
        const { versionId } = job.data;
        this.logger.info({ versionId, jobId: job.id, worker: process.pid }, 'scoring started');
        try {
          await this.handlers.run(versionId);
        } catch (error) {
          // pg-boss fails the job for good after this attempt: the version must not wait in `scoring`.
          if (job.retryCount >= job.retryLimit) {
            await this.handlers
              .giveUp(versionId, String((error as Error).message ?? error))
              .catch((giveUpError) => {
                this.logger.error({ err: giveUpError, versionId }, 'giving up scoring failed');
              });
          }
          throw error;
        }
      },
    );
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
