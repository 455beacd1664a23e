import type { QualityReport } from '@assay/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from './support/datasets.ts';
import { dialectsToRun } from './support/dialects.ts';
import { createOrganisationWithReviewer, type OrganisationFixture } from './support/fixtures.ts';
import {
  codeOf,
  type SignedInClient,
  startTestApp,
  type TestApp,
  uploadFile,
  waitForState,
} from './support/test-server.ts';

const dialects = await dialectsToRun();
/** GOOD_CSV with its first row twice: a duplicate row is a warning, so the file scores below 100 without an error. */
const CSV = `${GOOD_CSV}\n${GOOD_CSV.split('\n')[1]}`;

describe.each(dialects)('the enterprise-grade threshold on %s', (dialect) => {
  let app: TestApp;
  let org: OrganisationFixture;
  let contributor: SignedInClient;
  beforeAll(async () => {
    app = await startTestApp(dialect, { ENTERPRISE_GRADE_THRESHOLD: '65', UPLOAD_LIMIT_BYTES: '10000000' });
    org = await createOrganisationWithReviewer(app);
    contributor = await app.signUp();
  });
  afterAll(() => app?.stop());

  const thresholdEvents = () =>
    app.services.db
      .selectFrom('event')
      .select(['actor_id', 'props'])
      .where('type', '=', 'settings.threshold_changed')
      .orderBy('id')
      .execute();

  /** Scores CSV as a new submission and returns the server's report. */
  async function scoreCsv(): Promise<QualityReport> {
    const { versionId } = await contributor.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    expect((await uploadFile(app.url, contributor.cookie, versionId, CSV)).status).toBe(200);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `t-${versionId}` });
    await waitForState(app, versionId, ['scored']);
    const row = await app.services.db
      .selectFrom('submission_version')
      .select('report')
      .where('id', '=', versionId)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.report!) as QualityReport;
  }

  // The upload limit too: the wizard refused only above 1 GB, and sent a 30 MB file whole to a server
  // that takes 10 MB, to be refused at its end.
  it('is ENTERPRISE_GRADE_THRESHOLD until an operator sets one, for everyone signed in, with the upload limit', async () => {
    for (const who of [contributor, org.reviewer, org.operator]) {
      expect(await who.client.settings.scoring.query()).toEqual({
        threshold: 65,
        uploadLimitBytes: 10_000_000,
      });
    }
    expect(await org.operator.client.settings.threshold.query()).toEqual({
      threshold: 65,
      defaultThreshold: 65,
      setBy: null,
      setAt: null,
      changes: [],
    });
    expect((await scoreCsv()).threshold).toBe(65);
  });

  it('takes an operator’s whole score from 0 to 100, logs the change, and grades new reports with it', async () => {
    const before = Date.now();
    const set = await org.operator.client.settings.setThreshold.mutate({ threshold: 100 });
    const operator = await app.services.db
      .selectFrom('user')
      .select('name')
      .where('id', '=', org.operator.userId)
      .executeTakeFirstOrThrow();
    expect(set).toMatchObject({ threshold: 100, defaultThreshold: 65, setBy: operator.name });
    expect(Date.parse(set.setAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(await org.operator.client.settings.threshold.query()).toMatchObject(set);
    // Contributors get the threshold, never the operator's name.
    expect(await contributor.client.settings.scoring.query()).toEqual({
      threshold: 100,
      uploadLimitBytes: 10_000_000,
    });
    expect(await thresholdEvents()).toEqual([
      { actor_id: org.operator.userId, props: JSON.stringify({ from: 65, to: 100 }) },
    ]);

    const strict = await scoreCsv();
    expect(strict.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(strict.scores.overall).toBeLessThan(100);
    expect(strict).toMatchObject({ threshold: 100, enterpriseGrade: false });

    await org.operator.client.settings.setThreshold.mutate({ threshold: 0 });
    expect(await scoreCsv()).toMatchObject({
      threshold: 0,
      enterpriseGrade: true,
      scores: strict.scores,
    });
    const curve = await org.operator.client.analytics.acceptanceCurve.query({});
    expect(curve.enterpriseGradeThreshold).toBe(0);
    expect((await thresholdEvents()).map((event) => JSON.parse(event.props))).toEqual([
      { from: 65, to: 100 },
      { from: 100, to: 0 },
    ]);
    // Operators see the changes, newest first, with who made them.
    const { changes } = await org.operator.client.settings.threshold.query();
    expect(changes).toEqual([
      { from: 100, to: 0, by: operator.name, at: expect.any(String) },
      { from: 65, to: 100, by: operator.name, at: set.setAt },
    ]);
  });

  it('refuses a score that is not whole or not within 0–100, and changes nothing', async () => {
    const before = await org.operator.client.settings.threshold.query();
    const events = (await thresholdEvents()).length;
    for (const threshold of [101, -1, 70.5, Number.NaN]) {
      const error = await org.operator.client.settings.setThreshold.mutate({ threshold }).catch((e) => e);
      expect(error.data.code).toBe('BAD_REQUEST');
      expect(error.data.zodError.fieldErrors.threshold[0]).toMatch(/score from 0 to 100/);
    }
    expect(await codeOf(org.reviewer.client.settings.setThreshold.mutate({ threshold: 80 }))).toBe(
      'FORBIDDEN',
    );
    expect(await org.operator.client.settings.threshold.query()).toEqual(before);
    expect(await thresholdEvents()).toHaveLength(events);
  });
});
