import { scoreDataset } from '@assay/quality';
import { type Manifest, requirementsOf } from '@assay/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from './support/datasets.ts';
import { dialectsToRun } from './support/dialects.ts';
import {
  createOrganisationWithReviewer,
  createRequest,
  type OrganisationFixture,
} from './support/fixtures.ts';
import {
  type SignedInClient,
  startTestApp,
  type TestApp,
  uploadFile,
  waitForState,
} from './support/test-server.ts';

const dialects = await dialectsToRun();

// The wizard's pre-score runs the same library in the browser, which cannot see other contributors'
// accepted data. It must still agree with the score of record for data that is the contributor's own.
describe.each(dialects)('the pre-score agrees with the score of record on %s', (dialect) => {
  let app: TestApp;
  let org: OrganisationFixture;
  let requestId: string;
  beforeAll(async () => {
    app = await startTestApp(dialect);
    org = await createOrganisationWithReviewer(app);
    requestId = (await createRequest(org.reviewer, org.organisationId, { title: 'Tickets' })).id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** Submits `csv` with `manifest` to the request and waits for the score of record. */
  async function scored(who: SignedInClient, csv: string, manifest: Manifest) {
    const { submissionId, versionId } = await who.client.submission.create.mutate({ requestId, manifest });
    expect((await uploadFile(app.url, who.cookie, versionId, csv)).status).toBe(200);
    await who.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
    await waitForState(app, versionId, ['in_review']);
    const submission = await who.client.submission.byId.query({ id: submissionId });
    return { versionId, report: submission.versions.find((v) => v.id === versionId)!.report! };
  }

  it('says whether the record compares with accepted data: only once someone else’s was accepted', async () => {
    const first = await app.signUp();
    expect(await first.client.submission.comparesWithAcceptedData.query()).toBe(false);
    const { versionId } = await scored(first, GOOD_CSV, GOOD_MANIFEST);
    await org.reviewer.client.review.decide.mutate({
      versionId,
      decision: 'accept',
      reasonCodes: ['accept.meets-requirements'],
      comment: 'Just what we asked for.',
      timeSpentMs: 5_000,
    });
    // Their own accepted data is not compared with their files; everyone else's files are.
    expect(await first.client.submission.comparesWithAcceptedData.query()).toBe(false);
    const second = await app.signUp();
    expect(await second.client.submission.comparesWithAcceptedData.query()).toBe(true);
  });

  it('scores a file as the record does, with the inputs the wizard passes', async () => {
    const contributor = await app.signUp();
    // Different tickets, and no licence: provenance has a failing rule, so the overlap rules' weight shows.
    const csv = GOOD_CSV.replaceAll('Ticket ', 'Request ');
    const manifest: Manifest = {
      ...GOOD_MANIFEST,
      provenance: { ...GOOD_MANIFEST.provenance, license: null },
    };
    const { report: record } = await scored(contributor, csv, manifest);

    const request = await contributor.client.request.byId.query({ id: requestId });
    const grading = {
      requirements: requirementsOf(request),
      threshold: (await contributor.client.settings.scoring.query()).threshold,
      contributorRecord: await contributor.client.submission.record.query({}),
    };
    const preScore = (isOverlapCheckedLater: boolean) =>
      scoreDataset({
        source: new Blob([csv]).stream(),
        manifest,
        options: { ...grading, isOverlapCheckedLater },
      });
    expect(await contributor.client.submission.comparesWithAcceptedData.query()).toBe(true);
    expect((await preScore(true)).scores).toEqual(record.scores);
    // Without it, the browser left the overlap rules out: 10 points less provenance here.
    expect((await preScore(false)).scores.provenance).toBeLessThan(record.scores.provenance);
  });
});
