import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

// int8 (bigint) columns hold epoch milliseconds and cents: both fit a double exactly, so read them as numbers.
pg.types.setTypeParser(20, (value) => Number(value));
// numeric from aggregates such as avg(): numbers too.
pg.types.setTypeParser(1700, (value) => Number(value));

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it lives, without credentials, for logs. */
  description: string;
}

/** Opens the database the configuration names: PostgreSQL for a connection string, else SQLite in dataDir. */
export function openDatabase(config: {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Errors of pooled connections outside a query (the server restarted, failed over, ended them). */
  onConnectionError?: (error: Error) => void;
}): DatabaseHandle {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      // A database that takes connections and never answers fails a request (and start-up) in 10 s,
      // rather than holding it for ever.
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    });
    // An error event without a listener ends the process. The pool listens to its idle connections only
    // (pg-pool takes its listener off a connection it lends out), so each connection gets its own for
    // its whole life: ended while lent to a request, it failed that request and took the process down
    // with it. The pool then drops it, and the next query opens a new one. (The pool's own error event
    // repeats an idle connection's, already told.)
    pool.on('connect', (client) => client.on('error', (error) => config.onConnectionError?.(error)));
    pool.on('error', () => {});
    const url = new URL(config.databaseUrl);
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
      description: `postgres://${url.host}${url.pathname}`,
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = path.resolve(config.dataDir, 'assay.sqlite');
  const sqlite = new SQLite(file);
  // WAL lets readers proceed while the worker writes; foreign keys are off by default in SQLite.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }),
    dialect: 'sqlite',
    description: `sqlite:${file}`,
  };
}
