// Profiling aid for the metrics (not the benchmark): loads the benchmark data once into a kept database and
// prints every query slower than 5 ms per metric; on PostgreSQL with PROFILE_EXPLAIN=1 also its
// `explain (analyze, buffers)` plan.
//
//   PROFILE_DIALECT=postgres PROFILE_PARTS=2 PROFILE_EXPLAIN=1 npx tsx bench/profile.ts friction
//
// PROFILE_RUNS (default 5) sets the timed calls per metric. PROFILE_PARTS=1 loads 1,000,000 events and 100,000 submissions, 2 twice that (the benchmark's two sizes).
// The data stay in PROFILE_DIR (SQLite, default /tmp/assay-profile-<parts>) or in the database
// assay_profile_<parts> on the test PostgreSQL server, so later runs start at once.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import '../src/db/connect.ts'; // its pg type parsers (bigint as number)
import { computeAcceptanceCurve } from '../src/analytics/acceptance-curve.ts';
import { computeFriction } from '../src/analytics/friction.ts';
import { computeFunnel } from '../src/analytics/funnel.ts';
import { refreshAnalytics } from '../src/analytics/refresh-rollups.ts';
import { computeSupplyDemand } from '../src/analytics/supply-demand.ts';
import { withAnalyticsTables } from '../src/analytics/tables.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateBenchData } from './generate.ts';
import { loadBatch } from './load.ts';

const ADMIN_URL = process.env.ASSAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dialect = process.env.PROFILE_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
const parts = Number(process.env.PROFILE_PARTS ?? 1);
const explain = process.env.PROFILE_EXPLAIN === '1';
const runs = Number(process.env.PROFILE_RUNS ?? 5);
const dir = process.env.PROFILE_DIR ?? `/tmp/assay-profile-${parts}`;

let fresh: boolean;
let kyselyDialect: SqliteDialect | PostgresDialect;
if (dialect === 'postgres') {
  const name = `assay_profile_${parts}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  fresh = exists.rowCount === 0;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  kyselyDialect = new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 10 }) });
} else {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'assay.sqlite');
  fresh = !existsSync(file);
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  kyselyDialect = new SqliteDialect({ database: raw });
}

let capturing = false;
const captured: { query: CompiledQuery; ms: number }[] = [];
const db = new Kysely<Database>({
  dialect: kyselyDialect,
  log: (e) => {
    if (capturing && e.level === 'query') captured.push({ query: e.query, ms: e.queryDurationMillis });
  },
});
await migrateToLatest(db);
const handle = { db, dialect, description: dialect } as const;
if (fresh) {
  for (let part = 0; part < parts; part++) {
    for (const batch of generateBenchData({
      seed: part + 1,
      part,
      submissions: 100_000,
      events: 1_000_000,
    })) {
      await loadBatch(handle, batch);
    }
  }
  console.log(`loaded ${parts} × 1,000,000 events`);
}
const adb = withAnalyticsTables(db);
await refreshAnalytics(adb, dialect);
if (dialect === 'postgres') await sql`analyze`.execute(db);

const filter = { fromMs: null, toMs: null, requestId: null };
const metrics = {
  funnel: () => computeFunnel(adb, dialect, filter),
  friction: () => computeFriction(adb, dialect, filter, { idleHours: 72 }),
  acceptanceCurve: () =>
    computeAcceptanceCurve(adb, dialect, filter, {
      targetAcceptance: 0.8,
      binWidth: 10,
      enterpriseGradeThreshold: 70,
    }),
  supplyDemand: () => computeSupplyDemand(adb, dialect, filter),
};
const only = process.argv[2];
for (const [name, run] of Object.entries(metrics)) {
  if (only && only !== name) continue;
  await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    captured.length = 0;
    capturing = i === runs - 1;
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
    capturing = false;
  }
  samples.sort((a, b) => a - b);
  console.log(
    `\n${name}: median ${Math.round(samples[Math.floor(runs / 2)]!)} ms (${samples.map(Math.round).join(', ')})`,
  );
  for (const { query, ms } of captured) {
    if (ms < 5) continue;
    console.log(`  ${Math.round(ms)} ms  ${query.sql.replace(/\s+/g, ' ').slice(0, 200)}`);
    if (explain && dialect === 'postgres') {
      // The same statement and parameters, explained.
      const plan = (await db.executeQuery({
        ...query,
        sql: `explain (analyze, buffers) ${query.sql}`,
      } as CompiledQuery)) as { rows: { 'QUERY PLAN': string }[] };
      for (const row of plan.rows) console.log(`      ${row['QUERY PLAN']}`);
    }
  }
}
await db.destroy();
