import { CompiledQuery, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';
import { errorFields, type Logger } from '../logger.ts';
import type { ScoringHandlers, ScoringQueue } from './queue.ts';

/** A scoring job: the version, and the time of the submit it is for (absent on jobs from before). */
interface JobData {
  versionId: string;
  submittedAt?: number;
}

/** pg-boss's own tables live in this PostgreSQL schema. */
const SCHEMA = 'pgboss';
const QUEUE = 'score-version';
/** Where pg-boss moves a scoring job that failed on its last attempt, however it failed. */
const DEAD_LETTER = 'score-version-failed';

/**
 * The scale path: a pg-boss queue in PostgreSQL, consumed by any number of `npm run worker` processes
 * (and by the API process unless SCORING_IN_PROCESS=false). A job is leased for `leaseSeconds`; if its
 * worker dies, pg-boss expires the lease and retries the job on another worker. Scoring itself stores a
 * report only once per version (see score-version.ts), so a retry after a slow worker cannot double-score.
 * A job that fails on its last attempt goes to a dead-letter queue whose worker gives its version up.
 */
export class PgBossScoringQueue implements ScoringQueue {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private started: Promise<void> | undefined;

  constructor(
    connectionString: string,
    private readonly handlers: ScoringHandlers,
    private readonly logger: Logger,
    private readonly options: {
      leaseSeconds: number;
      retrySeconds: number;
      maxAttempts: number;
      supervise: boolean;
    },
  ) {
    this.boss = new PgBoss({
      connectionString,
      schema: SCHEMA,
      max: 4,
      supervise: options.supervise,
      schedule: false,
      // Expired leases are found by maintenance: run it often enough that a dead worker's job moves on soon.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(options.leaseSeconds / 2))),
    });
    this.boss.on('error', (error) => logger.error({ err: errorFields(error) }, 'pg-boss error'));
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      // First: a queue's dead letter must exist (a foreign key).
      await this.boss.createQueue(DEAD_LETTER, { name: DEAD_LETTER });
      await this.boss.createQueue(QUEUE, { name: QUEUE, ...this.jobOptions() });
      // Jobs an earlier Assay sent without a dead letter, still waiting or running through an upgrade,
      // get it too: otherwise a last attempt of theirs that failed would leave the version in `scoring`.
      const { rows } = await this.boss.getDb().executeSql(
        `UPDATE ${SCHEMA}.job SET dead_letter = $1
          WHERE name = $2 AND dead_letter IS NULL AND state < 'completed' RETURNING id`,
        [DEAD_LETTER, QUEUE],
      );
      if (rows.length > 0) this.logger.info({ jobs: rows.length }, 'scoring jobs given their dead letter');
    })();
    return this.started;
  }

  async enqueue(trx: Transaction<Database>, versionId: string, submittedAt: number): Promise<void> {
    await this.start();
    // pg-boss writes the job through our transaction, so the job commits (or not) with the submit.
    const db = {
      executeSql: async (text: string, values?: unknown[]) => {
        const result = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
        return { rows: result.rows as unknown[] };
      },
    };
    await this.boss.send(QUEUE, { versionId, submittedAt }, { db, ...this.jobOptions() });
  }

  /**
   * Given to the queue and to each job (createQueue leaves a queue made by an earlier version as it was).
   * Attempts and waits as the SQLite queue makes them: pg-boss counts retries (after the first attempt),
   * and its backoff waits about twice as long each time. pg-boss fails a job when its handler throws,
   * runs past the lease, or its worker dies (maintenance finds the lease ran out), and moves one that
   * failed on its last attempt to the dead letter in the same statement (`failJobs` in pg-boss's plans.js):
   * every way a job can end unscored goes through {@link giveUpDeadLetter}.
   */
  private jobOptions() {
    const { retrySeconds, maxAttempts, leaseSeconds } = this.options;
    return {
      retryLimit: maxAttempts - 1,
      retryDelay: retrySeconds,
      retryBackoff: retrySeconds > 0,
      expireInSeconds: leaseSeconds,
      deadLetter: DEAD_LETTER,
    };
  }

  notify(): void {}

  async startWorker(): Promise<void> {
    await this.start();
    await this.boss.work<JobData>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!job) return;
      const { versionId } = job.data;
      this.logger.info({ versionId, jobId: job.id, worker: process.pid }, 'scoring started');
      await this.handlers.run(versionId);
    });
    await this.boss.work<JobData>(
      DEAD_LETTER,
      { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
      async ([job]) => {
        if (job) await this.giveUpDeadLetter(job.data, job.output);
      },
    );
  }

  /**
   * The version of a job that failed on its last attempt goes back to draft. A give-up that throws fails
   * this job, which pg-boss retries; giving up again changes nothing once one got through.
   */
  private async giveUpDeadLetter(job: JobData, output: unknown) {
    const error = failureOf(output);
    this.logger.warn({ versionId: job.versionId, error }, 'scoring failed on its last attempt');
    await this.handlers.giveUp(job.versionId, error, job.submittedAt);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

/**
 * Why a job failed, from the output pg-boss kept: a thrown error's fields (`message`), or `{ value }` for
 * its own reasons (`{ message: 'job failed by timeout in active state' }` when the lease ran out).
 */
function failureOf(output: unknown): string {
  const reason = (output as { value?: unknown } | null)?.value ?? output;
  if (typeof reason === 'string') return reason;
  const message = (reason as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : JSON.stringify(output);
}
