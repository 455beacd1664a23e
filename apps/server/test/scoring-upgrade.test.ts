import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../src/env.ts';
import { createServices, type Services } from '../src/services.ts';
import { GOOD_CSV, GOOD_MANIFEST } from './support/datasets.ts';
import { dialectsToRun } from './support/dialects.ts';
import { hideStoredFile, startTestApp, type TestApp, until, uploadFile } from './support/test-server.ts';

// pg-boss only (SQLite's queue keeps no such option): a scoring job sent by an Assay from before the
// dead-letter queue, still waiting when the new one starts, is given its dead letter, so a last attempt
// that fails gives its version back to draft as a new job's would, instead of leaving it in `scoring`.

const dialects = (await dialectsToRun()).filter((dialect) => dialect === 'postgres');

/** One attempt, no wait: the job's only attempt is its last. */
const SCORING = { SCORING_MAX_ATTEMPTS: '1', SCORING_RETRY_SECONDS: '0' };

describe.each(dialects)('a scoring job from before the dead letter, on %s', (dialect) => {
  let app: TestApp;
  let upgraded: Services | undefined;
  beforeAll(async () => {
    // The API only: nothing consumes the queue until the upgraded process starts.
    app = await startTestApp(dialect, SCORING, { worker: false });
  });
  afterAll(async () => {
    await upgraded?.close();
    await app?.stop();
  });

  it('is given its dead letter at start, so its failed last attempt gives the version back', async () => {
    const contributor = await app.signUp();
    const { versionId } = await contributor.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    expect((await uploadFile(app.url, contributor.cookie, versionId, GOOD_CSV)).status).toBe(200);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });

    // As an earlier Assay sent it: no dead letter.
    const job = () =>
      sql<{ dead_letter: string | null; state: string }>`
        select dead_letter, state from pgboss.job where name = 'score-version' and data->>'versionId' = ${versionId}`
        .execute(app.services.db)
        .then((result) => result.rows[0]);
    await sql`update pgboss.job set dead_letter = null where data->>'versionId' = ${versionId}`.execute(
      app.services.db,
    );
    expect(await job()).toEqual({ dead_letter: null, state: 'created' });

    // Its only attempt will fail: the stored file is gone.
    await hideStoredFile(app, versionId);

    // The upgraded worker starts on the same database and file store.
    upgraded = await createServices(
      parseEnv({
        DATA_DIR: app.database.dataDir,
        DATABASE_URL: app.database.databaseUrl,
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
        ...SCORING,
      }),
    );
    await upgraded.scoring.startWorker();
    expect((await job())?.dead_letter).toBe('score-version-failed');

    const version = () =>
      app.services.db
        .selectFrom('submission_version')
        .select(['state', 'scoring_failed_at'])
        .where('id', '=', versionId)
        .executeTakeFirstOrThrow();
    await until('the version went back to draft', async () => (await version()).state === 'draft', 60);
    expect((await version()).scoring_failed_at).not.toBeNull();
    expect((await job())?.state).toBe('failed');
  });
});
