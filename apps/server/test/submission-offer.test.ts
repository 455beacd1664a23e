import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from './support/datasets.ts';
import { dialectsToRun } from './support/dialects.ts';
import {
  createOrganisationWithReviewer,
  createRequest,
  type OrganisationFixture,
} from './support/fixtures.ts';
import {
  codeOf,
  type SignedInClient,
  startTestApp,
  type TestApp,
  uploadFile,
  waitForState,
} from './support/test-server.ts';

const dialects = await dialectsToRun();

describe.each(dialects)('offering a version to a data request on %s', (dialect) => {
  let app: TestApp;
  let org: OrganisationFixture;
  let contributor: SignedInClient;
  let requestId: string;
  /** A submission made to no request, scored. */
  let unrequested: { submissionId: string; versionId: string; sha256: string };
  beforeAll(async () => {
    app = await startTestApp(dialect);
    org = await createOrganisationWithReviewer(app);
    contributor = await app.signUp();
    requestId = (await createRequest(org.reviewer, org.organisationId, { title: 'Tickets wanted' })).id;
    const { submissionId, versionId } = await contributor.client.submission.create.mutate({
      manifest: GOOD_MANIFEST,
    });
    expect((await uploadFile(app.url, contributor.cookie, versionId, GOOD_CSV)).status).toBe(200);
    await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
    await waitForState(app, versionId, ['scored']);
    const version = (await contributor.client.submission.byId.query({ id: submissionId })).versions[0]!;
    unrequested = { submissionId, versionId, sha256: version.file!.sha256 };
  });
  afterAll(() => app?.stop());

  it('starts a draft for the request with the same file and manifest, which scores into its queue', async () => {
    const offered = await contributor.client.submission.offer.mutate({
      versionId: unrequested.versionId,
      requestId,
    });
    expect(offered.submissionId).not.toBe(unrequested.submissionId);
    const submission = await contributor.client.submission.byId.query({ id: offered.submissionId });
    expect(submission.requestId).toBe(requestId);
    const [draft] = submission.versions;
    expect(draft).toMatchObject({ number: 1, state: 'draft', manifest: GOOD_MANIFEST });
    expect(draft!.file!.sha256).toBe(unrequested.sha256);

    // The version offered is left as it was.
    const original = await contributor.client.submission.byId.query({ id: unrequested.submissionId });
    expect(original.requestId).toBeNull();
    expect(original.versions.map((v) => v.state)).toEqual(['scored']);

    const event = await app.services.db
      .selectFrom('event')
      .select(['props', 'request_id'])
      .where('type', '=', 'submission.created')
      .where('submission_id', '=', offered.submissionId)
      .executeTakeFirstOrThrow();
    expect(event.request_id).toBe(requestId);
    expect(JSON.parse(event.props)).toEqual({
      offeredFrom: { submissionId: unrequested.submissionId, versionId: unrequested.versionId },
    });

    await contributor.client.submission.submit.mutate({
      versionId: offered.versionId,
      idempotencyKey: `k-${offered.versionId}`,
    });
    await waitForState(app, offered.versionId, ['in_review']);
    const queue = await org.reviewer.client.review.queue.query({ requestId });
    expect(queue.items.map((item) => item.versionId)).toEqual([offered.versionId]);
  });

  it("the operators' event log names the version an offered submission came from, by title and number", async () => {
    const offered = await contributor.client.submission.offer.mutate({
      versionId: unrequested.versionId,
      requestId,
    });
    const [created] = (await org.operator.client.event.list.query({ type: 'submission.created' })).filter(
      (event) => event.submissionId === offered.submissionId,
    );
    expect(created).toMatchObject({
      offeredFrom: {
        submissionId: unrequested.submissionId,
        versionId: unrequested.versionId,
        number: 1,
        title: GOOD_MANIFEST.title,
      },
      // The event itself stays as it was written.
      props: { offeredFrom: { submissionId: unrequested.submissionId, versionId: unrequested.versionId } },
    });
    // A submission started afresh came from nothing.
    const [original] = (await org.operator.client.event.list.query({ type: 'submission.created' })).filter(
      (event) => event.submissionId === unrequested.submissionId,
    );
    expect(original?.offeredFrom).toBeNull();
  });

  it('refuses what cannot be offered, and changes nothing', async () => {
    const count = async () =>
      Number(
        (
          await app.services.db
            .selectFrom('submission')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();

    // Another contributor's version is not theirs to offer: NOT_FOUND, as if it did not exist.
    const stranger = await app.signUp();
    expect(
      await codeOf(stranger.client.submission.offer.mutate({ versionId: unrequested.versionId, requestId })),
    ).toBe('NOT_FOUND');

    // A draft without a file has nothing to offer.
    const empty = await contributor.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    const created = before + 1;
    expect(
      await codeOf(contributor.client.submission.offer.mutate({ versionId: empty.versionId, requestId })),
    ).toBe('CONFLICT');

    // A submission already for the request takes a new version instead.
    const forRequest = await contributor.client.submission.create.mutate({
      requestId,
      manifest: GOOD_MANIFEST,
    });
    expect((await uploadFile(app.url, contributor.cookie, forRequest.versionId, GOOD_CSV)).status).toBe(200);
    expect(
      await codeOf(
        contributor.client.submission.offer.mutate({ versionId: forRequest.versionId, requestId }),
      ),
    ).toBe('BAD_REQUEST');

    // A closed request takes nothing.
    const closing = await createRequest(org.reviewer, org.organisationId, { title: 'Closing soon' });
    await org.reviewer.client.request.close.mutate({ id: closing.id });
    expect(
      await codeOf(
        contributor.client.submission.offer.mutate({
          versionId: unrequested.versionId,
          requestId: closing.id,
        }),
      ),
    ).toBe('CONFLICT');

    // Field errors for what is not an id.
    expect(await codeOf(contributor.client.submission.offer.mutate({ versionId: 'nope', requestId }))).toBe(
      'BAD_REQUEST',
    );

    expect(await count()).toBe(created + 1);
  });
});
