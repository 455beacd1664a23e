import { parseEnvOrExit } from './env.ts';
import { createLogger } from './logger.ts';
import { startDeadlineNotices } from './request/deadline-notices.ts';
import { createServices } from './services.ts';

/**
 * A scoring worker (`npm run worker`): consumes the PostgreSQL job queue. Run any number of them; each job
 * is scored once, and a job whose worker dies is retried on another after its lease. Each also gives up the
 * versions of jobs that failed on their last attempt (a dead worker's included), from pg-boss's dead letter,
 * and tells contributors of deadlines (request/deadline-notices.ts).
 */
async function main() {
  const env = parseEnvOrExit(process.env);
  if (!env.DATABASE_URL) {
    console.error(
      'npm run worker needs DATABASE_URL=postgres://…; on SQLite the server scores in its own process.',
    );
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  // As the server: a database that cannot be used ends start-up with its reason, not a stack.
  const services = await createServices(env, { logger }).catch((error: Error) => {
    logger.fatal({ err: error }, error.message);
    console.error(error.message);
    process.exit(1);
  });
  await services.scoring.startWorker();
  // API replicas may be down or many: workers tell of deadlines too (the sweeps take turns, see the module).
  const stopDeadlineNotices = startDeadlineNotices(services.db, logger, env.DEADLINE_SWEEP_SECONDS * 1000);
  logger.info({ pid: process.pid }, 'scoring worker ready');
  const stop = async () => {
    await stopDeadlineNotices();
    await services.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

await main();
