import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Auth, createAuth } from './auth.ts';
import { type DatabaseHandle, openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Env } from './env.ts';
import { FileStore } from './files/file-store.ts';
import { createLogger, type Logger } from './logger.ts';

/** Everything a request handler or job needs, built once per process. */
export interface Services extends DatabaseHandle {
  env: Env;
  auth: Auth;
  files: FileStore;
  logger: Logger;
  /** Extra hooks other modules attach (the scoring queue). */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Sign-in attempts per client per minute (tests raise it). */
  signInPerMinute?: number;
  logger?: Logger;
}

/** Opens the database, migrates it and wires auth and the file store. */
export async function createServices(env: Env, options: ServiceOptions = {}): Promise<Services> {
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const handle = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const { applied } = await migrateToLatest(handle.db);
    logger.info({ database: handle.description, applied }, 'database ready');
  } catch (error) {
    await handle.db.destroy();
    throw error;
  }
  const baseURL = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const auth = createAuth({
    db: handle.db,
    dialect: handle.dialect,
    secret: env.BETTER_AUTH_SECRET ?? loadOrCreateSecret(env.DATA_DIR),
    baseURL,
    signInPerMinute: options.signInPerMinute ?? 10,
  });
  const files = new FileStore(path.resolve(env.DATA_DIR, 'files'));
  return {
    ...handle,
    env,
    auth,
    files,
    logger,
    close: () => handle.db.destroy(),
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
