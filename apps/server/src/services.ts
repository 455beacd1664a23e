import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Auth, createAuth } from './auth.ts';
import { type DatabaseHandle, openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Env } from './env.ts';
import type { FileStore } from './files/file-store.ts';
import { LocalFileStore } from './files/local-file-store.ts';
import { S3FileStore } from './files/s3-file-store.ts';
import { createLogger, type Logger } from './logger.ts';
import { giveUpScoring } from './scoring/give-up-scoring.ts';
import { PgBossScoringQueue } from './scoring/pg-boss-queue.ts';
import { ProgressBus } from './scoring/progress-bus.ts';
import type { ScoringHandlers, ScoringQueue } from './scoring/queue.ts';
import { scoreVersion } from './scoring/score-version.ts';
import { SqliteScoringQueue } from './scoring/sqlite-queue.ts';
import type { ServerClock } from './simulator/sim-clock.ts';

/** Everything a request handler or job needs, built once per process. */
export interface Services extends DatabaseHandle {
  env: Env;
  auth: Auth;
  files: FileStore;
  logger: Logger;
  scoring: ScoringQueue;
  progress: ProgressBus;
  /** The simulated clock an operator may move (SIMULATED_CLOCK=true only); null on the wall clock. */
  clock: ServerClock | null;
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Sign-in attempts per client per minute (tests raise it). */
  signInPerMinute?: number;
  logger?: Logger;
  /** Whether this process runs pg-boss maintenance (lease expiry); workers and the API both do by default. */
  superviseQueue?: boolean;
  /** The simulated clock `main.ts` installed for SIMULATED_CLOCK=true. */
  clock?: ServerClock;
}

/** Opens the database, migrates it and wires auth and the file store. */
export async function createServices(env: Env, options: ServiceOptions = {}): Promise<Services> {
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const onConnectionError = (error: Error) => logger.warn({ err: error }, 'database connection failed');
  // Migrations get a connection of their own, without the statement timeout: one may rewrite a large
  // table, and a process starting while another migrates waits for its lock as long as that takes.
  const migration = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, onConnectionError });
  try {
    const { applied } = await migrateToLatest(migration.db);
    logger.info({ database: migration.description, applied }, 'database ready');
  } catch (error) {
    // "connect ECONNREFUSED 127.0.0.1:5999" or "unable to open database file" said neither which setting
    // nor which database: the message names both.
    const setting = migration.dialect === 'postgres' ? 'DATABASE_URL' : 'DATA_DIR';
    throw new Error(
      `${setting}: the database ${migration.description} cannot be used: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  } finally {
    await migration.db.destroy();
  }
  const handle = openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000,
    onConnectionError,
  });
  const baseURL = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const auth = createAuth({
    db: handle.db,
    dialect: handle.dialect,
    secret: env.BETTER_AUTH_SECRET ?? loadOrCreateSecret(env.DATA_DIR),
    baseURL,
    // Without a PUBLIC_URL the app is on this machine: it is reached as 127.0.0.1 or [::1] as often as
    // localhost, and signing up there failed with only "Invalid origin". A PUBLIC_URL is the one address.
    trustsLoopback: !env.PUBLIC_URL,
    signInPerMinute: options.signInPerMinute ?? 10,
    logger,
  });
  const files = createFileStore(env);
  const staleUploads = await files.removeStaleUploads();
  logger.info({ files: files.description, staleUploads }, 'file store ready');
  const progress = new ProgressBus();
  const handlers: ScoringHandlers = {
    run: (versionId) =>
      scoreVersion(
        { db: handle.db, files, progress, logger, defaultThreshold: env.ENTERPRISE_GRADE_THRESHOLD },
        versionId,
      ),
    giveUp: async (versionId, error, submittedAt) => {
      await giveUpScoring(handle.db, versionId, error, submittedAt);
      progress.settle(versionId);
    },
  };
  const scoring: ScoringQueue = env.DATABASE_URL
    ? new PgBossScoringQueue(env.DATABASE_URL, handlers, logger, {
        leaseSeconds: env.SCORING_LEASE_SECONDS,
        retrySeconds: env.SCORING_RETRY_SECONDS,
        maxAttempts: env.SCORING_MAX_ATTEMPTS,
        supervise: options.superviseQueue ?? true,
      })
    : new SqliteScoringQueue(handle.db, handlers, logger, {
        leaseMs: env.SCORING_LEASE_SECONDS * 1000,
        retryMs: env.SCORING_RETRY_SECONDS * 1000,
        maxAttempts: env.SCORING_MAX_ATTEMPTS,
        pollMs: 250,
      });
  return {
    ...handle,
    env,
    auth,
    files,
    logger,
    scoring,
    progress,
    clock: options.clock ?? null,
    close: async () => {
      await scoring.stop();
      await handle.db.destroy();
    },
  };
}

/** A fresh install needs no set-up: the session secret is generated once and kept in the data folder. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.resolve(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The bucket named by S3_URL, or DATA_DIR/files. */
function createFileStore(env: Env): FileStore {
  if (!env.S3_URL) return new LocalFileStore(path.resolve(env.DATA_DIR, 'files'));
  return new S3FileStore({
    url: env.S3_URL,
    region: env.S3_REGION,
    // The environment's refinement makes both present with S3_URL.
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    tmpDir: path.resolve(env.DATA_DIR, 'uploads'),
  });
}
