import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from './support/datasets.ts';
import { isPostgresAvailable } from './support/dialects.ts';
import { type SignedInClient, startTestApp, type TestApp, uploadFile } from './support/test-server.ts';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const hasPostgres = await isPostgresAvailable();

interface Worker {
  process: ChildProcess;
  logs: Array<{ msg: string; versionId?: string; stored?: boolean }>;
}

/** A real `npm run worker` process (tsx src/worker-main.ts) against the test's database and files. */
function spawnWorker(app: TestApp, env: Record<string, string> = {}): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker-main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATABASE_URL: app.database.databaseUrl!,
      DATA_DIR: app.database.dataDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const worker: Worker = { process: child, logs: [] };
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      try {
        worker.logs.push(JSON.parse(line));
      } catch {}
    }
  });
  return worker;
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function submitted(app: TestApp, contributor: SignedInClient, csv: string) {
  const { versionId } = await contributor.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
  expect((await uploadFile(app.url, contributor.cookie, versionId, csv)).status).toBe(200);
  await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
  return versionId;
}

const scoredEvents = (app: TestApp, versionIds: string[]) =>
  app.services.db
    .selectFrom('event')
    .select(['version_id'])
    .where('type', '=', 'version.scored')
    .where('version_id', 'in', versionIds)
    .execute();

describe.runIf(hasPostgres)('scoring workers on postgres (pg-boss)', () => {
  let app: TestApp;
  let contributor: SignedInClient;
  const workers: Worker[] = [];
  beforeAll(async () => {
    // The API process only enqueues here; separate worker processes score.
    app = await startTestApp('postgres', { SCORING_LEASE_SECONDS: '3' }, { worker: false });
    contributor = await app.signUp();
  });
  afterAll(async () => {
    for (const worker of workers) worker.process.kill('SIGKILL');
    await app?.stop();
  });

  it('two worker processes score 50 queued versions exactly once each', async () => {
    const versionIds: string[] = [];
    for (let i = 0; i < 50; i++)
      versionIds.push(await submitted(app, contributor, `${GOOD_CSV}\n"row ${i}",low,2025-03-01`));
    workers.push(spawnWorker(app), spawnWorker(app));
    await until(
      async () => (await scoredEvents(app, versionIds)).length >= 50,
      150_000,
      '50 scored versions',
    );
    await new Promise((r) => setTimeout(r, 1000));

    const events = await scoredEvents(app, versionIds);
    expect(events.map((e) => e.version_id).sort()).toEqual([...versionIds].sort());
    const stored = workers.flatMap((w) => w.logs.filter((l) => l.msg === 'version scored' && l.stored));
    expect(stored.map((l) => l.versionId).sort()).toEqual([...versionIds].sort());
    // Both processes took part.
    expect(workers.every((w) => w.logs.some((l) => l.msg === 'version scored'))).toBe(true);
    const states = await app.services.db
      .selectFrom('submission_version')
      .select('state')
      .where('id', 'in', versionIds)
      .execute();
    expect(new Set(states.map((s) => s.state))).toEqual(new Set(['scored']));
    for (const worker of workers.splice(0)) worker.process.kill('SIGTERM');
  }, 180_000);

  it('finishes a job on another worker after its worker is killed mid-job', async () => {
    // Big enough that scoring takes a while, so the kill lands mid-job.
    const line = '"a fairly long ticket text, with a comma, about a server that is down",high,2025-03-02\n';
    const csv = `text,urgency,created\n${line.repeat(400_000)}`;
    const versionId = await submitted(app, contributor, csv);
    const doomed = spawnWorker(app, { SCORING_LEASE_SECONDS: '3' });
    workers.push(doomed);
    await until(
      () => doomed.logs.some((l) => l.msg === 'scoring started' && l.versionId === versionId),
      30_000,
      'scoring to start',
    );
    doomed.process.kill('SIGKILL');
    await new Promise((r) => doomed.process.once('exit', r));
    expect(doomed.logs.some((l) => l.msg === 'version scored')).toBe(false);

    const rescuer = spawnWorker(app, { SCORING_LEASE_SECONDS: '3' });
    workers.push(rescuer);
    await until(async () => (await scoredEvents(app, [versionId])).length === 1, 120_000, 'the rescued job');
    // The rescuer scored it. Its log line is written after the commit and read from its stdout a moment
    // later, so it is waited for rather than looked up once (a CI run looked before it arrived).
    await until(
      () => rescuer.logs.some((l) => l.msg === 'version scored' && l.versionId === versionId && l.stored),
      10_000,
      "the rescuer's log of the scored version",
    );
    const row = await app.services.db
      .selectFrom('submission_version')
      .select(['state', 'row_count'])
      .where('id', '=', versionId)
      .executeTakeFirst();
    expect(row).toEqual({ state: 'scored', row_count: 400_000 });
  }, 180_000);
});
