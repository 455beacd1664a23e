import { type ChildProcess, spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileStore } from '../src/files/file-store.ts';
import { createLogger } from '../src/logger.ts';
import { giveUpScoring } from '../src/scoring/give-up-scoring.ts';
import { ProgressBus } from '../src/scoring/progress-bus.ts';
import { scoreVersion } from '../src/scoring/score-version.ts';
import { GOOD_CSV, GOOD_MANIFEST } from './support/datasets.ts';
import { dialectsToRun } from './support/dialects.ts';
import { type SignedInClient, startTestApp, type TestApp, until, uploadFile } from './support/test-server.ts';

// A scoring job whose worker process dies (killed, out of memory) on every attempt must end as one whose
// handler throws on every attempt: the version goes back to draft, once. Before, pg-boss failed the
// expired job without calling us and the SQLite queue took the job again for ever, so the version stayed
// in `scoring` and its page polled for ever.

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const dialects = await dialectsToRun();

/** Short leases, so a dead worker's job moves on within seconds; two attempts, both of which die. */
const SCORING = { SCORING_LEASE_SECONDS: '5', SCORING_MAX_ATTEMPTS: '2', SCORING_RETRY_SECONDS: '0' };

/** Big enough that scoring lasts a while (about a second on an idle machine), so a kill lands mid-job. */
const BIG_CSV = `text,urgency,created\n${'"a fairly long ticket text, with a comma, about a server that is down",high,2025-03-02\n'.repeat(200_000)}`;

interface LogLine {
  msg: string;
  versionId?: string;
  stored?: boolean;
}

interface Scorer {
  process: ChildProcess;
  logs: LogLine[];
  /** Everything it printed, for failure messages. */
  output: () => string;
  exited: Promise<void>;
}

/**
 * The process that scores on the dialect, started as an operator starts it: `npm run worker` on
 * PostgreSQL, and on SQLite the server itself (`npm start`), whose in-process worker is the queue's only
 * consumer.
 */
function startScorer(app: TestApp): Scorer {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: app.database.dataDir,
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    PORT: '0',
    ...SCORING,
  };
  delete env.DATABASE_URL;
  if (app.database.databaseUrl) env.DATABASE_URL = app.database.databaseUrl;
  const entry = app.dialect === 'postgres' ? 'src/worker-main.ts' : 'src/main.ts';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: serverDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let output = '';
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line));
      } catch {}
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { process: child, logs, output: () => output, exited };
}

/** Whether the process logged a matching line; fails with what it printed if it exited first. */
function hasLogged(scorer: Scorer, match: (line: LogLine) => boolean): boolean {
  if (scorer.logs.some(match)) return true;
  if (scorer.process.exitCode !== null) throw new Error(`The process exited:\n${scorer.output()}`);
  return false;
}

const versionRow = (app: TestApp, versionId: string) =>
  app.services.db
    .selectFrom('submission_version')
    .select(['state', 'scoring_failed_at', 'submitted_at', 'updated_at'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();

const eventsOf = (app: TestApp, versionId: string) =>
  app.services.db
    .selectFrom('event')
    .select(['type', 'props'])
    .where('version_id', '=', versionId)
    .orderBy('id')
    .execute();

/** Whether the queue is done with the version's failed job (on PostgreSQL, its dead letter handled too). */
async function isFailedJobSettled(app: TestApp, versionId: string): Promise<boolean> {
  if (app.dialect === 'sqlite') {
    const jobs = await app.services.db
      .selectFrom('scoring_job')
      .select('state')
      .where('version_id', '=', versionId)
      .execute();
    return jobs.length === 1 && jobs[0]!.state === 'failed';
  }
  const { rows } = await sql<{ name: string; state: string }>`
    select name, state from pgboss.job where data->>'versionId' = ${versionId}`.execute(app.services.db);
  const states = rows.map((row) => `${row.name}:${row.state}`).sort();
  return states.join(' ') === 'score-version-failed:completed score-version:failed';
}

describe.each(dialects)('a scoring job whose worker dies on every attempt, on %s', (dialect) => {
  let app: TestApp;
  let contributor: SignedInClient;
  const scorers: Scorer[] = [];
  beforeAll(async () => {
    // This process takes submissions only: the test starts, and kills, the processes that score.
    app = await startTestApp(dialect, SCORING, { worker: false });
    contributor = await app.signUp();
  });
  afterAll(async () => {
    for (const scorer of scorers) scorer.process.kill('SIGKILL');
    await Promise.all(scorers.map((scorer) => scorer.exited));
    await app?.stop();
  });

  it('goes back to draft once its last attempt died, and is scored when submitted again', async () => {
    const { submissionId, versionId } = await contributor.client.submission.create.mutate({
      manifest: GOOD_MANIFEST,
    });
    expect((await uploadFile(app.url, contributor.cookie, versionId, BIG_CSV)).status).toBe(200);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k1-${versionId}` });

    const startsIt = (line: LogLine) => line.msg === 'scoring started' && line.versionId === versionId;
    for (const attempt of [1, 2]) {
      // The second worker takes the job once the first one's lease has run out.
      const doomed = startScorer(app);
      scorers.push(doomed);
      await until(`attempt ${attempt} to start`, () => hasLogged(doomed, startsIt), 120, 10);
      // Killed mid-job: once the version has left `submitted` (the first attempt moves it to `scoring`
      // before it reads the file, which takes a while).
      await until(
        'the job to take the version',
        async () => (await versionRow(app, versionId)).state !== 'submitted',
        30,
        10,
      );
      doomed.process.kill('SIGKILL');
      await doomed.exited;
      expect(doomed.logs.filter(startsIt), doomed.output()).toHaveLength(1);
      expect(
        doomed.logs.some((line) => line.msg === 'version scored'),
        doomed.output(),
      ).toBe(false);
      expect((await versionRow(app, versionId)).state).toBe('scoring');
    }

    // A worker that starts now does not score it a third time: the version goes back to draft.
    const rescuer = startScorer(app);
    scorers.push(rescuer);
    await until(
      'the version went back to draft',
      async () => (await versionRow(app, versionId)).state === 'draft',
      120,
    );
    const [version] = (await contributor.client.submission.byId.query({ id: submissionId })).versions;
    expect(version).toMatchObject({
      state: 'draft',
      report: null,
      scoringFailedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(rescuer.logs.filter(startsIt)).toEqual([]);

    // Once: after the queue is done with the job, there is still one failure, and giving up again is a no-op.
    await until('the queue settled the failed job', () => isFailedJobSettled(app, versionId), 60);
    const given = await versionRow(app, versionId);
    expect(await giveUpScoring(app.services.db, versionId, 'again')).toBe(false);
    expect(await versionRow(app, versionId)).toEqual(given);
    const events = await eventsOf(app, versionId);
    expect(events.map((event) => event.type)).toEqual([
      'submission.created',
      'file.attached',
      'version.submitted',
      'version.scoring',
      'version.scoring_failed',
    ]);
    expect(JSON.parse(events[4]!.props).error).toBe(
      dialect === 'postgres'
        ? 'job failed by timeout in active state'
        : 'its worker stopped during the last attempt (the lease ran out)',
    );

    // The contributor submits the same draft again, and a live worker scores it.
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k2-${versionId}` });
    await until(
      'the version was scored',
      async () => (await versionRow(app, versionId)).state === 'scored',
      120,
    );
    const [scored] = (await contributor.client.submission.byId.query({ id: submissionId })).versions;
    expect(scored).toMatchObject({ state: 'scored', scoringFailedAt: null });
    expect(scored!.report?.stats.rows).toBe(200_000);
    expect((await eventsOf(app, versionId)).filter((e) => e.type === 'version.scoring_failed')).toHaveLength(
      1,
    );
    // A version no longer in scoring is left alone.
    expect(await giveUpScoring(app.services.db, versionId, 'late')).toBe(false);
    expect((await versionRow(app, versionId)).state).toBe('scored');

    rescuer.process.kill('SIGTERM');
    await rescuer.exited;
  }, 300_000);

  it('giving up a version twice changes nothing the second time', async () => {
    // No worker runs now: the submitted version waits, and is given up here as a queue would.
    const { versionId } = await contributor.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    expect((await uploadFile(app.url, contributor.cookie, versionId, GOOD_CSV)).status).toBe(200);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });

    expect(await giveUpScoring(app.services.db, versionId, 'the first error')).toBe(true);
    const first = await versionRow(app, versionId);
    expect(first).toMatchObject({ state: 'draft', scoring_failed_at: expect.any(Number) });
    await sleep(5);
    expect(await giveUpScoring(app.services.db, versionId, 'the second error')).toBe(false);
    expect(await versionRow(app, versionId)).toEqual(first);
    const failures = (await eventsOf(app, versionId)).filter((e) => e.type === 'version.scoring_failed');
    expect(failures.map((e) => JSON.parse(e.props).error)).toEqual(['the first error']);
  });

  it('a late give-up of an earlier submission leaves the version submitted again alone', async () => {
    const { versionId } = await contributor.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    expect((await uploadFile(app.url, contributor.cookie, versionId, GOOD_CSV)).status).toBe(200);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `a-${versionId}` });
    const firstSubmit = (await versionRow(app, versionId)).submitted_at!;
    expect(await giveUpScoring(app.services.db, versionId, 'the first submit failed', firstSubmit)).toBe(
      true,
    );

    // Submitted again; then the first job's give-up comes once more (retried after a crash, say).
    await sleep(5);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `b-${versionId}` });
    const resubmitted = await versionRow(app, versionId);
    expect(resubmitted.state).toBe('submitted');
    expect(await giveUpScoring(app.services.db, versionId, 'late', firstSubmit)).toBe(false);
    expect(await versionRow(app, versionId)).toEqual(resubmitted);

    // The job of the second submit still can.
    expect(
      await giveUpScoring(app.services.db, versionId, 'the second submit failed', resubmitted.submitted_at!),
    ).toBe(true);
    const failures = (await eventsOf(app, versionId)).filter((e) => e.type === 'version.scoring_failed');
    expect(failures.map((e) => JSON.parse(e.props).error)).toEqual([
      'the first submit failed',
      'the second submit failed',
    ]);
  });

  it('a run slower than its lease stores nothing over a submission made since', async () => {
    const { versionId } = await contributor.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    expect((await uploadFile(app.url, contributor.cookie, versionId, GOOD_CSV)).status).toBe(200);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `d-${versionId}` });
    const firstSubmit = Number((await versionRow(app, versionId)).submitted_at);

    // A run whose file read waits until released: a worker slower than its lease.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const store = app.services.files;
    const gated = {
      read: (sha256: string) =>
        Readable.from(
          (async function* () {
            await released;
            yield* store.read(sha256);
          })(),
        ),
    } as unknown as FileStore;
    const deps = {
      db: app.services.db,
      files: gated,
      progress: new ProgressBus(),
      logger: createLogger('silent'),
      defaultThreshold: 70,
    };
    const slow = scoreVersion(deps, versionId);
    await until(
      'the slow run took the version',
      async () => (await versionRow(app, versionId)).state === 'scoring',
      20,
    );

    // Meanwhile its job is given up, the contributor submits again, and another worker takes that.
    expect(await giveUpScoring(app.services.db, versionId, 'the lease ran out', firstSubmit)).toBe(true);
    await sleep(5);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `e-${versionId}` });
    await app.services.db
      .updateTable('submission_version')
      .set({ state: 'scoring' })
      .where('id', '=', versionId)
      .execute();

    release();
    expect(await slow).toBe('skipped');
    const after = await app.services.db
      .selectFrom('submission_version')
      .select(['state', 'report'])
      .where('id', '=', versionId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ state: 'scoring', report: null });
  });

  it('a SQLite job made before the rule (a moment after its submit) still gives its version up', async () => {
    const { versionId } = await contributor.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    expect((await uploadFile(app.url, contributor.cookie, versionId, GOOD_CSV)).status).toBe(200);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `c-${versionId}` });
    const submittedAt = Number((await versionRow(app, versionId)).submitted_at);
    // Such a job's created_at was a later Date.now() in the submit's transaction.
    expect(await giveUpScoring(app.services.db, versionId, 'an old job failed', submittedAt + 3)).toBe(true);
    expect((await versionRow(app, versionId)).state).toBe('draft');
  });
});
