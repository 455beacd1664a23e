import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, SqliteDialect } from 'kysely';
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
  /**
   * PostgreSQL only: how long one statement may take, in ms; absent or 0, no limit. PostgreSQL cancels a
   * statement that runs (or waits for a lock) longer; a connection that does not answer at all is given up
   * {@link ANSWER_GRACE_MS} later. The server's pool has one (DATABASE_STATEMENT_TIMEOUT_SECONDS);
   * migrations and the analytics rebuild script open theirs without.
   */
  statementTimeoutMs?: number | undefined;
  /** Errors of pooled connections outside a query (the server restarted, failed over, ended them). */
  onConnectionError?: (error: Error) => void;
}): DatabaseHandle {
  if (config.databaseUrl) {
    const timeoutMs = config.statementTimeoutMs || undefined;
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      // A database that takes connections and never answers fails a request (and start-up) in 10 s,
      // rather than holding it for ever.
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
      ...(timeoutMs
        ? {
            // PostgreSQL's own limit: it cancels the statement, and the connection serves the next one.
            statement_timeout: timeoutMs,
            // Ours, for a server (or a network) that stops answering and so never cancels anything.
            query_timeout: timeoutMs + ANSWER_GRACE_MS,
          }
        : {}),
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
      db: new Kysely<Database>({
        dialect: new PostgresDialect({ pool: timeoutMs ? dropUnanswered(pool, timeoutMs) : pool }),
      }),
      dialect: 'postgres',
      description: `postgres://${url.host}${url.pathname}`,
    };
  }
  // SQLite has no statement timeout: better-sqlite3 runs each statement to its end in this thread. Waiting
  // for another process's write lock is what busy_timeout limits.
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

/**
 * How much longer than the statement timeout a query waits for PostgreSQL's answer (its cancellation
 * included) before this side gives the connection up: time for the network and for the rows to arrive.
 */
export const ANSWER_GRACE_MS = 5_000;

/** The message of pg's own error for a query that `query_timeout` gave up on. */
const PG_READ_TIMEOUT = 'Query read timeout';

/**
 * The pool as Kysely uses it, but a connection whose query got no answer within `query_timeout` is failed
 * and destroyed instead of lent again: pg leaves the unanswered query in place, so every later query on
 * that connection (a transaction's rollback, the next request's) would wait behind it, without a limit.
 */
function dropUnanswered(pool: pg.Pool, timeoutMs: number): PostgresPool {
  return {
    connect: async (): Promise<PostgresPoolClient> => {
      const client = await pool.connect();
      let unanswered: Error | undefined;
      const query = async (text: string, parameters: readonly unknown[]) => {
        if (unanswered) throw unanswered;
        try {
          return await client.query(text, [...parameters]);
        } catch (error) {
          if ((error as Error).message !== PG_READ_TIMEOUT) throw error;
          unanswered = new Error(
            `PostgreSQL did not answer within ${(timeoutMs + ANSWER_GRACE_MS) / 1000} s (statement timeout ${timeoutMs / 1000} s); the connection is dropped`,
            { cause: error },
          );
          throw unanswered;
        }
      };
      return {
        // Kysely streams through a cursor only when given one (this dialect is not): text and parameters.
        query: query as unknown as PostgresPoolClient['query'],
        release: (destroy) => client.release(destroy || unanswered !== undefined),
      };
    },
    end: () => pool.end(),
  };
}
