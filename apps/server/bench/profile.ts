// Profiling aid for the metrics (not the benchmark): loads the benchmark data once into a kept SQLite file
// (PROFILE_DIR, default /tmp/assay-profile) and prints every query slower than 5 ms per metric.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import '../src/db/connect.ts';
import { computeAcceptanceCurve } from '../src/analytics/acceptance-curve.ts';
import { computeFriction } from '../src/analytics/friction.ts';
import { computeFunnel } from '../src/analytics/funnel.ts';
import { refreshAnalytics } from '../src/analytics/refresh-rollups.ts';
import { computeSupplyDemand } from '../src/analytics/supply-demand.ts';
import { withAnalyticsTables } from '../src/analytics/tables.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateBenchData } from './generate.ts';

const ADMIN_URL = process.env.ASSAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TABLES = {
  users: 'user',
  organisations: 'organisation',
  requests: 'data_request',
  submissions: 'submission',
  versions: 'submission_version',
  reviews: 'review',
  events: 'event',
};
const dialect = process.env.PROFILE_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
const dir = process.env.PROFILE_DIR ?? '/tmp/assay-profile';
const file = path.join(dir, 'assay.sqlite');
let fresh = !existsSync(file);
mkdirSync(dir, { recursive: true });
let logging = false;
let kyselyDialect: SqliteDialect | PostgresDialect;
if (dialect === 'postgres') {
  // A kept database `assay_profile` on the test server; created and loaded on first use.
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = await admin.query(`select 1 from pg_database where datname = 'assay_profile'`);
  if (exists.rowCount === 0) await admin.query('create database assay_profile');
  await admin.end();
  fresh = exists.rowCount === 0;
  const url = new URL(ADMIN_URL);
  url.pathname = '/assay_profile';
  kyselyDialect = new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString() }) });
} else {
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  kyselyDialect = new SqliteDialect({ database: raw });
}
const db = new Kysely<Database>({
  dialect: kyselyDialect,
  log: (e) => {
    if (logging && e.level === 'query' && e.queryDurationMillis > 5) {
      console.log(
        `  ${Math.round(e.queryDurationMillis)} ms  ${e.query.sql.replace(/\s+/g, ' ').slice(0, 160)}`,
      );
    }
  },
});
await migrateToLatest(db);
if (fresh) {
  for (const batch of generateBenchData({ seed: 1, part: 0, submissions: 100_000, events: 1_000_000 })) {
    await db.transaction().execute(async (trx) => {
      for (const [key, table] of Object.entries(TABLES)) {
        const rows = batch[key as keyof typeof batch];
        if (rows.length === 0) continue;
        const per = Math.floor(30_000 / Object.keys(rows[0]!).length);
        for (let i = 0; i < rows.length; i += per) {
          await trx
            .insertInto(table as never)
            .values(rows.slice(i, i + per) as never)
            .execute();
        }
      }
    });
  }
}
const adb = withAnalyticsTables(db);
console.log('loaded');
await refreshAnalytics(adb, dialect);
if (dialect === 'postgres') await sql`analyze`.execute(db);
const filter = { fromMs: null, toMs: null, requestId: null };
const metrics = {
  funnel: () => computeFunnel(adb, dialect, filter),
  friction: () => computeFriction(adb, dialect, filter, { idleHours: 72 }),
  acceptanceCurve: () =>
    computeAcceptanceCurve(adb, dialect, filter, { targetAcceptance: 0.8, binWidth: 10 }),
  supplyDemand: () => computeSupplyDemand(adb, dialect, filter),
};
const only = process.argv[2];
for (const [name, run] of Object.entries(metrics)) {
  if (only && only !== name) continue;
  await run();
  logging = true;
  const start = performance.now();
  await run();
  console.log(`${name}: ${Math.round(performance.now() - start)} ms`);
  logging = false;
}
await db.destroy();
