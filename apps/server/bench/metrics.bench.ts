// Metrics benchmark (not a test): every analytics procedure timed on 1,000,000 events and 100,000 submissions,
// and on twice that, on SQLite and on PostgreSQL.
//
//   npm run bench -w @assay/server            # both databases (PostgreSQL at ASSAY_TEST_POSTGRES_URL or local)
//   BENCH_DIALECTS=sqlite BENCH_SCALE=0.1 BENCH_RUNS=5 npm run bench -w @assay/server
//
// Per database it builds two: N (one load, rollups built from the log) and 2N (the same load, its rollups,
// then as much again folded in incrementally, as a live server would). It then times each metric through the
// tRPC caller on N and on 2N in alternation, round after round (BENCH_RUNS rounds; each timed sample right
// after an untimed warm-up call, and the mean of as many calls as fill 50 ms), so the two sizes see the same
// load from whatever else runs on the machine: the growth ratio compares like with like. Each time is the
// median of the rounds; the spread (min–max) is printed beside it.
//
// Ends with lines of the form
//   sqlite: slowest metric acceptanceCurve 182 ms at 1000000 events, growth ratio 1.9
//   sqlite: largest growth ratio friction 2.0 (per-round ratios 1.8–2.2)
// where the first line's ratio is the slowest metric's (median at 2N / median at N), the second the largest
// over all metrics.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { refreshAnalytics } from '../src/analytics/refresh-rollups.ts';
import { withAnalyticsTables } from '../src/analytics/tables.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { parseEnv } from '../src/env.ts';
import { appRouter } from '../src/routers/app.ts';
import type { Services } from '../src/services.ts';
import { createCallerFactory } from '../src/trpc.ts';
import { generateBenchData } from './generate.ts';
import { loadBatch } from './load.ts';

const ADMIN_URL = process.env.ASSAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const EVENTS = Math.round(1_000_000 * SCALE);
const SUBMISSIONS = Math.round(100_000 * SCALE);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const SAMPLE_MS = 50;
const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];

const METRICS = ['funnel', 'friction', 'acceptanceCurve', 'supplyDemand'] as const;
type Metric = (typeof METRICS)[number];

const ms = (start: number) => Math.round(performance.now() - start);
const log = (...args: unknown[]) => console.log(...args);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const spread = (values: number[], digits = 0) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

async function openFresh(dialect: 'sqlite' | 'postgres', label: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'assay-bench-'));
  if (dialect === 'sqlite') {
    return {
      handle: openDatabase({ dataDir }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `assay_bench_${process.pid}_${label}`;
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

/** Loads one generated part (slice by slice, so memory stays flat); its events and submissions. */
async function loadPart(handle: DatabaseHandle, part: number) {
  let events = 0;
  let submissions = 0;
  for (const batch of generateBenchData({ seed: part + 1, part, submissions: SUBMISSIONS, events: EVENTS })) {
    await loadBatch(handle, batch);
    events += batch.events.length;
    submissions += batch.submissions.length;
  }
  return { events, submissions };
}

/** Times a rollup refresh (the build from the whole log, or the fold of what is new). */
async function timeRefresh(handle: DatabaseHandle): Promise<number> {
  const start = performance.now();
  await refreshAnalytics(withAnalyticsTables(handle.db), handle.dialect);
  return ms(start);
}

function metricCalls(handle: DatabaseHandle): Record<Metric, () => Promise<unknown>> {
  const caller = createCallerFactory(appRouter)({
    // The defaults (e.g. ENTERPRISE_GRADE_THRESHOLD), as a server started with no configuration has.
    services: { db: handle.db, dialect: handle.dialect, env: parseEnv({}) } as Services,
    user: { id: 'bench-operator', email: 'op@bench', name: 'op', role: 'operator', pseudonym: 'op' },
  });
  return {
    funnel: () => caller.analytics.funnel({}),
    friction: () => caller.analytics.friction({}),
    acceptanceCurve: () => caller.analytics.acceptanceCurve({}),
    supplyDemand: () => caller.analytics.supplyDemand({}),
  };
}

/**
 * One timed sample: the mean time of as many calls as fill {@link SAMPLE_MS} (at least one). A metric that
 * answers in a few milliseconds is otherwise timed below this machine's scheduling noise.
 */
async function timeSample(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  let calls = 0;
  let elapsed = 0;
  do {
    await run();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < SAMPLE_MS);
  return elapsed / calls;
}

/** Milliseconds: one decimal below 10. */
const formatMs = (ms: number) => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));

const summaries: string[] = [];
for (const dialect of dialects) {
  log(`\n== ${dialect} ==`);
  const small = await openFresh(dialect, 'n');
  const large = await openFresh(dialect, '2n');
  try {
    for (const { handle } of [small, large]) await migrateToLatest(handle.db);
    let start = performance.now();
    const loaded = await loadPart(small.handle, 0);
    log(`N: loaded ${loaded.events} events, ${loaded.submissions} submissions in ${ms(start)} ms`);
    log(`N: rollups built from the event log in ${await timeRefresh(small.handle)} ms`);
    start = performance.now();
    await loadPart(large.handle, 0);
    await timeRefresh(large.handle);
    const more = await loadPart(large.handle, 1);
    log(`2N: the same, then +${more.events} events, +${more.submissions} submissions in ${ms(start)} ms`);
    log(`2N: incremental rollup refresh over the new events: ${await timeRefresh(large.handle)} ms`);
    // Bulk loads leave PostgreSQL's autovacuum work to do; done now, it does not run during the timings.
    if (dialect === 'postgres') {
      for (const { handle } of [small, large]) await sql`vacuum analyze`.execute(handle.db);
    }

    const calls = { n: metricCalls(small.handle), '2n': metricCalls(large.handle) };
    const samples = Object.fromEntries(METRICS.map((m) => [m, { n: [] as number[], '2n': [] as number[] }]));
    for (let round = 0; round < RUNS; round++) {
      // Each timed call follows an untimed one of the same metric on the same database, so it is warm (on
      // PostgreSQL the two databases do not both fit the default shared buffers); the sizes take turns going
      // first.
      const order = round % 2 === 0 ? (['n', '2n'] as const) : (['2n', 'n'] as const);
      for (const size of order) {
        for (const metric of METRICS) {
          await calls[size][metric]();
          samples[metric]![size].push(await timeSample(calls[size][metric]));
        }
      }
    }

    log(`median of ${RUNS} alternating rounds of warm runs (min–max):`);
    log('metric            time@N               time@2N              ratio  per-round ratios');
    const result = METRICS.map((metric) => {
      const { n, '2n': n2 } = samples[metric]!;
      const atN = median(n);
      const at2N = median(n2);
      const ratios = n.map((t, i) => n2[i]! / t);
      log(
        `${metric.padEnd(16)} ${`${formatMs(atN)} ms (${spread(n, 1)})`.padEnd(20)} ${`${formatMs(at2N)} ms (${spread(n2, 1)})`.padEnd(20)} ${(at2N / atN).toFixed(2)}   ${spread(ratios, 2)}`,
      );
      return { metric, atN, ratio: at2N / atN, ratios };
    });
    const slowest = result.reduce((a, b) => (b.atN > a.atN ? b : a));
    const steepest = result.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    summaries.push(
      `${dialect}: slowest metric ${slowest.metric} ${formatMs(slowest.atN)} ms at ${loaded.events} events, growth ratio ${slowest.ratio.toFixed(1)}`,
      `${dialect}: largest growth ratio ${steepest.metric} ${steepest.ratio.toFixed(1)} (per-round ratios ${spread(steepest.ratios, 1)})`,
    );
  } finally {
    for (const { handle, drop } of [small, large]) {
      await handle.db.destroy();
      await drop();
    }
  }
}
log('');
for (const line of summaries) log(line);
