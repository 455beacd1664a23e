// Metrics benchmark (not a test): loads 1,000,000 events and 100,000 submissions into a fresh SQLite and a
// fresh PostgreSQL database, times every analytics procedure, doubles the data and times them again.
//
//   npm run bench -w @assay/server            # both databases (PostgreSQL at ASSAY_TEST_POSTGRES_URL or local)
//   BENCH_DIALECTS=sqlite BENCH_SCALE=0.1 npm run bench -w @assay/server
//
// Ends with one line per database:
//   sqlite: slowest metric acceptanceCurve 182 ms at 1000000 events, growth ratio 1.9
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { refreshAnalytics } from '../src/analytics/refresh-rollups.ts';
import { withAnalyticsTables } from '../src/analytics/tables.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { appRouter } from '../src/routers/app.ts';
import type { Services } from '../src/services.ts';
import { createCallerFactory } from '../src/trpc.ts';
import { type BenchBatch, generateBenchData } from './generate.ts';

const ADMIN_URL = process.env.ASSAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const EVENTS = Math.round(1_000_000 * SCALE);
const SUBMISSIONS = Math.round(100_000 * SCALE);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];

const METRICS = ['funnel', 'friction', 'acceptanceCurve', 'supplyDemand'] as const;
type Metric = (typeof METRICS)[number];

interface Round {
  events: number;
  submissions: number;
  loadMs: number;
  refreshMs: number;
  timings: Record<Metric, number>;
}

const ms = (start: number) => Math.round(performance.now() - start);
const log = (...args: unknown[]) => console.log(...args);

async function openFresh(dialect: 'sqlite' | 'postgres') {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'assay-bench-'));
  if (dialect === 'sqlite') {
    return {
      handle: openDatabase({ dataDir }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `assay_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    handle: openDatabase({ databaseUrl: url.toString(), dataDir }),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Bulk insert: multi-row inserts in one transaction on SQLite, `unnest` of column arrays on PostgreSQL. */
async function insertRows(handle: DatabaseHandle, table: string, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  if (handle.dialect === 'postgres') {
    const described = await sql<{
      column_name: string;
      udt_name: string;
    }>`select column_name, udt_name from information_schema.columns where table_name = ${table}`.execute(
      handle.db,
    );
    const typeOf = new Map(described.rows.map((r) => [r.column_name, r.udt_name]));
    for (let i = 0; i < rows.length; i += 20_000) {
      const chunk = rows.slice(i, i + 20_000);
      const arrays = columns.map(
        (c) => sql`${chunk.map((r) => r[c] ?? null)}::${sql.raw(typeOf.get(c) ?? 'text')}[]`,
      );
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(
        handle.db,
      );
    }
    return;
  }
  const perStatement = Math.floor(30_000 / columns.length);
  await handle.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += perStatement) {
      await trx
        .insertInto(table as never)
        .values(rows.slice(i, i + perStatement) as never)
        .execute();
    }
  });
}

async function load(handle: DatabaseHandle, batch: BenchBatch) {
  await insertRows(handle, 'user', batch.users);
  await insertRows(handle, 'organisation', batch.organisations);
  await insertRows(handle, 'data_request', batch.requests);
  await insertRows(handle, 'submission', batch.submissions);
  await insertRows(handle, 'submission_version', batch.versions);
  await insertRows(handle, 'review', batch.reviews);
  await insertRows(handle, 'event', batch.events);
}

async function timeMetrics(handle: DatabaseHandle): Promise<Record<Metric, number>> {
  const caller = createCallerFactory(appRouter)({
    services: { db: handle.db, dialect: handle.dialect } as Services,
    user: { id: 'bench-operator', email: 'op@bench', name: 'op', role: 'operator', pseudonym: 'op' },
  });
  const call: Record<Metric, () => Promise<unknown>> = {
    funnel: () => caller.analytics.funnel({}),
    friction: () => caller.analytics.friction({}),
    acceptanceCurve: () => caller.analytics.acceptanceCurve({}),
    supplyDemand: () => caller.analytics.supplyDemand({}),
  };
  const result = {} as Record<Metric, number>;
  for (const metric of METRICS) {
    await call[metric](); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await call[metric]();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    result[metric] = Math.round(samples[Math.floor(samples.length / 2)]!);
  }
  return result;
}

async function round(handle: DatabaseHandle, part: number): Promise<Round> {
  let start = performance.now();
  let events = 0;
  let submissions = 0;
  // Generated and loaded in slices so memory stays flat.
  for (const batch of generateBenchData({ seed: part + 1, part, submissions: SUBMISSIONS, events: EVENTS })) {
    await load(handle, batch);
    events += batch.events.length;
    submissions += batch.submissions.length;
  }
  if (handle.dialect === 'postgres') await sql`analyze`.execute(handle.db);
  const loadMs = ms(start);
  start = performance.now();
  await refreshAnalytics(withAnalyticsTables(handle.db), handle.dialect);
  const refreshMs = ms(start);
  const timings = await timeMetrics(handle);
  return { events, submissions, loadMs, refreshMs, timings };
}

const summaries: string[] = [];
for (const dialect of dialects) {
  log(`\n== ${dialect} ==`);
  const { handle, drop } = await openFresh(dialect);
  try {
    await migrateToLatest(handle.db);
    const first = await round(handle, 0);
    const totalEvents = (
      await handle.db
        .selectFrom('event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    log(
      `loaded ${first.events} events, ${first.submissions} submissions in ${first.loadMs} ms (table: ${totalEvents} events)`,
    );
    log(`rollup build from the event log: ${first.refreshMs} ms`);
    log(`median of ${RUNS} runs:`, first.timings);
    const second = await round(handle, 1);
    log(`doubled: +${second.events} events, +${second.submissions} submissions in ${second.loadMs} ms`);
    log(`incremental rollup refresh over the new events: ${second.refreshMs} ms`);
    log(`median of ${RUNS} runs:`, second.timings);
    log('metric            time@N   time@2N  ratio');
    for (const metric of METRICS) {
      log(
        `${metric.padEnd(16)} ${String(first.timings[metric]).padStart(6)} ms ${String(second.timings[metric]).padStart(6)} ms  ${(second.timings[metric] / Math.max(1, first.timings[metric])).toFixed(2)}`,
      );
    }
    const slowest = METRICS.reduce((a, b) => (first.timings[b] > first.timings[a] ? b : a));
    const ratio = second.timings[slowest] / Math.max(1, first.timings[slowest]);
    summaries.push(
      `${dialect}: slowest metric ${slowest} ${first.timings[slowest]} ms at ${first.events} events, growth ratio ${ratio.toFixed(1)}`,
    );
  } finally {
    await handle.db.destroy();
    await drop();
  }
}
log('');
for (const line of summaries) log(line);
