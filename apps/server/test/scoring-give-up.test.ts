import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from './support/datasets.ts';
import { dialectsToRun } from './support/dialects.ts';
import {
  hideStoredFile,
  type SignedInClient,
  startTestApp,
  type TestApp,
  until,
  uploadFile,
  waitForState,
} from './support/test-server.ts';

const dialects = await dialectsToRun();

/** A draft with GOOD_CSV whose stored file is moved away, so every attempt to read it fails until put back. */
async function draftWithMissingFile(app: TestApp, contributor: SignedInClient) {
  const { submissionId, versionId } = await contributor.client.submission.create.mutate({
    manifest: GOOD_MANIFEST,
  });
  expect((await uploadFile(app.url, contributor.cookie, versionId, GOOD_CSV)).status).toBe(200);
  const sha256 = (await contributor.client.submission.byId.query({ id: submissionId })).versions[0]!.file!
    .sha256;
  return { submissionId, versionId, sha256, putBack: await hideStoredFile(app, versionId) };
}

/** How many times the version's scoring job has failed, read from the queue's own table. */
async function failedAttempts(app: TestApp, versionId: string): Promise<number> {
  if (app.dialect === 'sqlite') {
    const job = await app.services.db
      .selectFrom('scoring_job')
      .select(['attempts', 'state'])
      .where('version_id', '=', versionId)
      .executeTakeFirst();
    return job === undefined ? 0 : job.state === 'running' ? job.attempts - 1 : job.attempts;
  }
  const { rows } = await sql<{ retry_count: number; state: string }>`
    select retry_count, state from pgboss.job where data->>'versionId' = ${versionId}`.execute(
    app.services.db,
  );
  const job = rows[0];
  return job === undefined ? 0 : job.state === 'retry' ? job.retry_count : Math.max(0, job.retry_count - 1);
}

describe.each(dialects)('scoring that fails, on %s', (dialect) => {
  /** Retries without waiting (to reach the last attempt fast), and after 1 s, doubling. */
  let eager: TestApp;
  let patient: TestApp;
  let contributor: SignedInClient;
  let patientContributor: SignedInClient;
  beforeAll(async () => {
    [eager, patient] = await Promise.all([
      startTestApp(dialect, { SCORING_RETRY_SECONDS: '0' }),
      startTestApp(dialect, { SCORING_RETRY_SECONDS: '1' }),
    ]);
    contributor = await eager.signUp();
    patientContributor = await patient.signUp();
  });
  afterAll(() => Promise.all([eager?.stop(), patient?.stop()]));

  it('is retried after a wait, and a store that comes back in time loses nothing', async () => {
    const { submissionId, versionId, putBack } = await draftWithMissingFile(patient, patientContributor);
    await patientContributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
    await until('the first attempt failed', async () => (await failedAttempts(patient, versionId)) >= 1);
    if (dialect === 'sqlite') {
      // The retry waits a second: the job is queued again, not before then.
      const job = await patient.services.db
        .selectFrom('scoring_job')
        .select(['state', 'locked_until', 'updated_at'])
        .where('version_id', '=', versionId)
        .executeTakeFirstOrThrow();
      expect(job.state).toBe('queued');
      expect(Number(job.locked_until) - Number(job.updated_at)).toBeGreaterThanOrEqual(990);
    }
    await putBack();
    await waitForState(patient, versionId, ['scored']);
    const [version] = (await patientContributor.client.submission.byId.query({ id: submissionId })).versions;
    expect(version).toMatchObject({ state: 'scored', scoringFailedAt: null });
    expect(version!.report?.scores.overall).toBeGreaterThan(0);
  });

  it('fails on every attempt: the version goes back to draft with its file, says so, logs why, and can be submitted again', async () => {
    const { submissionId, versionId, sha256, putBack } = await draftWithMissingFile(eager, contributor);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k1-${versionId}` });
    await until('the version went back to draft', async () => {
      const row = await eager.services.db
        .selectFrom('submission_version')
        .select('state')
        .where('id', '=', versionId)
        .executeTakeFirstOrThrow();
      return row.state === 'draft';
    });

    const [version] = (await contributor.client.submission.byId.query({ id: submissionId })).versions;
    expect(version).toMatchObject({
      state: 'draft',
      file: { sha256 },
      manifest: { title: GOOD_MANIFEST.title },
      report: null,
      scoringFailedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const events = await eager.services.db
      .selectFrom('event')
      .select(['type', 'props'])
      .where('version_id', '=', versionId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'submission.created',
      'file.attached',
      'version.submitted',
      'version.scoring',
      'version.scoring_failed',
    ]);
    expect(JSON.parse(events[4]!.props).error).toContain('ENOENT');

    // Once the file is back, the same draft is submitted again and scored; the notice is gone.
    await putBack();
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k2-${versionId}` });
    await waitForState(eager, versionId, ['scored']);
    const [scored] = (await contributor.client.submission.byId.query({ id: submissionId })).versions;
    expect(scored).toMatchObject({ state: 'scored', scoringFailedAt: null });
  });
});
