import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Every data-layer and API test runs once per dialect, as Kysely's own suite does: a temporary SQLite
 * file, and a fresh PostgreSQL database created and dropped around the test file.
 */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

const ADMIN_URL = process.env.ASSAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REQUIRE_POSTGRES = process.env.CI === 'true' || process.env.ASSAY_REQUIRE_POSTGRES === '1';

let reachable: Promise<boolean> | undefined;

/** Whether PostgreSQL answers. With CI=true or ASSAY_REQUIRE_POSTGRES=1 an unreachable server fails the run. */
export function isPostgresAvailable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      if (REQUIRE_POSTGRES) {
        throw new Error(
          `PostgreSQL is required (CI=true or ASSAY_REQUIRE_POSTGRES=1) but ${ADMIN_URL} is unreachable: ${(error as Error).message}`,
        );
      }
      console.warn(
        `\n!!! PostgreSQL at ${ADMIN_URL} is unreachable: the PostgreSQL half of the tests is SKIPPED. !!!\n`,
      );
      return false;
    }
  })();
  return reachable;
}

/** A throwaway database: its environment (DATA_DIR, and DATABASE_URL on PostgreSQL) and a dropper. */
export interface TestDatabase {
  dataDir: string;
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'assay-test-'));
  if (dialect === 'sqlite') {
    return {
      dataDir,
      databaseUrl: undefined,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `assay_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  // CI checks this file afterwards, so a run in which no PostgreSQL test ran fails loudly.
  if (process.env.ASSAY_PG_MARKER) appendFileSync(process.env.ASSAY_PG_MARKER, `${name}\n`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      // Let pools that are still closing (pg-boss ends its own asynchronously) leave first: forcing the drop
      // would kill their idle connections and surface as unhandled errors in the test run.
      for (let waited = 0; waited < 10_000; waited += 100) {
        const { rows } = await client.query(
          'select count(*)::int as n from pg_stat_activity where datname = $1',
          [name],
        );
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `describe` per dialect; the PostgreSQL block is skipped (loudly) only when PostgreSQL is optional and down. */
export async function dialectsToRun(): Promise<TestDialect[]> {
  return (await isPostgresAvailable()) ? [...DIALECTS] : ['sqlite'];
}
