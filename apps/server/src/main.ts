import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnvOrExit } from './env.ts';
import { startOrphanFileSweep } from './files/orphan-file-sweep.ts';
import { startStaleUploadSweep } from './files/stale-upload-sweep.ts';
import { startServer } from './http/server.ts';
import { createLogger } from './logger.ts';
import { startDeadlineNotices } from './request/deadline-notices.ts';
import { createServices } from './services.ts';
import { installServerClock } from './simulator/sim-clock.ts';

/** Starts the one-process product: API, web app, embedded database (or PostgreSQL) and scoring. */
async function main() {
  const env = parseEnvOrExit(process.env);
  const logger = createLogger(env.LOG_LEVEL);
  const webDir = fileURLToPath(new URL('../../web/dist', import.meta.url));
  // Simulation only (env.ts refuses it in production): every timestamp this process writes comes from a
  // clock that operators move through `simulation.clock`.
  const clock = env.SIMULATED_CLOCK ? installServerClock() : undefined;
  if (clock) {
    const warning =
      'SIMULATED_CLOCK is on: this server runs on a simulated clock that operators can move (simulation.clock); never use it for real data';
    logger.warn({ simulatedClock: true }, warning);
    console.error(`\n!!! ${warning} !!!\n`);
  }
  let services: Awaited<ReturnType<typeof createServices>>;
  try {
    services = await createServices(env, { logger, ...(clock ? { clock } : {}) });
  } catch (error) {
    logger.fatal({ err: error }, (error as Error).message);
    console.error((error as Error).message);
    process.exit(1);
  }
  const running = await startServer(services, { port: env.PORT, webDir }).catch(async (error: Error) => {
    console.error(error.message);
    logger.fatal({ err: error }, error.message);
    await services.close();
    process.exit(1);
  });
  // SQLite has no other consumer, so this process always scores there; on PostgreSQL it may leave
  // scoring to `npm run worker` processes.
  if (services.dialect === 'sqlite' || env.SCORING_IN_PROCESS) {
    await services.scoring.startWorker();
    logger.info({ queue: services.scoring.kind }, 'scoring worker started');
  }
  const stopDeadlineNotices = startDeadlineNotices(services.db, logger, env.DEADLINE_SWEEP_SECONDS * 1000);
  // Only the server takes uploads: scoring workers have none to sweep after their start-up's.
  const stopStaleUploadSweep = startStaleUploadSweep(
    services.files,
    logger,
    env.STALE_UPLOAD_SWEEP_SECONDS * 1000,
  );
  // The server alone: uploads and drafts, which let files go, are its; workers only read files.
  const stopOrphanFileSweep = startOrphanFileSweep(services.db, services.files, logger, {
    everyMs: env.ORPHAN_FILE_SWEEP_SECONDS * 1000,
    graceMs: env.ORPHAN_FILE_GRACE_HOURS * 60 * 60 * 1000,
  });
  logger.info(
    { url: running.url, dataDir: path.resolve(env.DATA_DIR) },
    `Assay is running at ${running.url}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await running.close();
    await stopDeadlineNotices();
    await stopStaleUploadSweep();
    await stopOrphanFileSweep();
    await services.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
