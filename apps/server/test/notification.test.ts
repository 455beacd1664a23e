import type { Notification } from '@assay/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from './support/datasets.ts';
import { dialectsToRun } from './support/dialects.ts';
import {
  createOperator,
  createOrganisationWithReviewer,
  createRequest,
  inviteAndSignIn,
  type OrganisationFixture,
} from './support/fixtures.ts';
import {
  codeOf,
  hideStoredFile,
  type SignedInClient,
  startTestApp,
  type TestApp,
  until,
  uploadFile,
  waitForState,
} from './support/test-server.ts';

const dialects = await dialectsToRun();

/** A version with GOOD_CSV submitted to `requestId` (or to none) and scored. */
async function submitted(app: TestApp, contributor: SignedInClient, requestId?: string) {
  const { submissionId, versionId } = await contributor.client.submission.create.mutate({
    ...(requestId ? { requestId } : {}),
    manifest: GOOD_MANIFEST,
  });
  expect((await uploadFile(app.url, contributor.cookie, versionId, GOOD_CSV)).status).toBe(200);
  await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
  await waitForState(app, versionId, ['in_review', 'scored']);
  return { submissionId, versionId };
}

const list = async (who: SignedInClient, input: { limit?: number; cursor?: number } = {}) =>
  who.client.notification.list.query(input);

/** The kinds and version ids of a page, newest first: what a person is told, and about what. */
const summary = (items: Notification[]) => items.map((n) => `${n.kind}:${n.versionId}`);

describe.each(dialects)('notifications on %s', (dialect) => {
  let app: TestApp;
  let org: OrganisationFixture;
  let otherOrg: OrganisationFixture;
  let contributor: SignedInClient;
  let otherContributor: SignedInClient;
  let requestId: string;
  let accepted: { submissionId: string; versionId: string };
  let rejected: { submissionId: string; versionId: string };
  beforeAll(async () => {
    // Failed scoring is retried without waiting, so a version's last attempt comes fast.
    app = await startTestApp(dialect, { SCORING_RETRY_SECONDS: '0' });
    org = await createOrganisationWithReviewer(app);
    otherOrg = await createOrganisationWithReviewer(app, { operator: org.operator });
    contributor = await app.signUp();
    otherContributor = await app.signUp();
    requestId = (
      await createRequest(org.reviewer, org.organisationId, {
        title: 'Support tickets by urgency',
        rewardCents: 1200,
        budgetCents: 5000,
      })
    ).id;
    accepted = await submitted(app, contributor, requestId);
    await org.reviewer.client.review.decide.mutate({
      versionId: accepted.versionId,
      decision: 'accept',
      reasonCodes: ['accept.meets-requirements'],
      comment: 'Clean and documented.',
      timeSpentMs: 30_000,
    });
    rejected = await submitted(app, otherContributor, requestId);
    await org.reviewer.client.review.decide.mutate({
      versionId: rejected.versionId,
      decision: 'reject',
      reasonCodes: ['fit.not-requested'],
      comment: 'Not what this request asked for.',
      timeSpentMs: 5_000,
    });
  });
  afterAll(() => app?.stop());

  it('tells a contributor of their own scores and decisions, newest first, with what acceptance paid', async () => {
    const { items, unread } = await list(contributor);
    expect(summary(items)).toEqual([`decided:${accepted.versionId}`, `scored:${accepted.versionId}`]);
    expect(unread).toBe(2);
    const [decided, scored] = items as [Notification, Notification];
    expect(decided).toMatchObject({
      decision: 'accept',
      rewardCents: 1200,
      submissionId: accepted.submissionId,
      versionNumber: 1,
      title: GOOD_MANIFEST.title,
      request: { id: requestId, title: 'Support tickets by urgency' },
      isUnread: true,
    });
    const version = (await contributor.client.submission.byId.query({ id: accepted.submissionId }))
      .versions[0]!;
    expect(scored).toMatchObject({
      score: version.report!.scores.overall,
      isEnterpriseGrade: version.report!.enterpriseGrade,
      decision: null,
      rewardCents: null,
    });

    const other = await list(otherContributor);
    expect(summary(other.items)).toEqual([`decided:${rejected.versionId}`, `scored:${rejected.versionId}`]);
    expect(other.items[0]).toMatchObject({ decision: 'reject', rewardCents: null });
  });

  it("tells reviewers of submissions arriving in their organisations' queues, and no one else", async () => {
    const { items, unread } = await list(org.reviewer);
    expect(summary(items)).toEqual([`arrived:${rejected.versionId}`, `arrived:${accepted.versionId}`]);
    expect(unread).toBe(2);
    expect(items[1]).toMatchObject({ request: { id: requestId }, versionNumber: 1 });
    // Each says what became of the version since it arrived.
    expect(items.map((n) => n.versionState)).toEqual(['rejected', 'accepted']);
    expect(items[1]!.score).toBeGreaterThan(0);

    expect(await list(otherOrg.reviewer)).toEqual({ items: [], unread: 0, nextCursor: null });
    expect(await list(org.operator)).toEqual({ items: [], unread: 0, nextCursor: null });
    const newcomer = await app.signUp();
    expect(await list(newcomer)).toEqual({ items: [], unread: 0, nextCursor: null });
  });

  // A reviewer invited to an organisation with a history was told all of it as new: "43 New" on their
  // first sign-in, every submission that had ever reached its queue.
  it('a newly invited reviewer is told of submissions from when they joined, not of the organisation’s history', async () => {
    const newcomer = await inviteAndSignIn(app, org.operator, org.organisationId);
    expect(await list(newcomer)).toEqual({ items: [], unread: 0, nextCursor: null });

    const arriving = await submitted(app, await app.signUp(), requestId);
    const { items, unread } = await list(newcomer);
    expect(summary(items)).toEqual([`arrived:${arriving.versionId}`]);
    expect(unread).toBe(1);
    // A reviewer there before is told of it too, above what they were told already.
    expect(summary((await list(org.reviewer)).items)).toEqual([
      `arrived:${arriving.versionId}`,
      `arrived:${rejected.versionId}`,
      `arrived:${accepted.versionId}`,
    ]);
  });

  it('a reviewer who leaves the organisation stops hearing of its queue', async () => {
    const leaving = await inviteAndSignIn(app, org.operator, org.organisationId);
    const arriving = await submitted(app, await app.signUp(), requestId);
    expect(summary((await list(leaving)).items)).toEqual([`arrived:${arriving.versionId}`]);
    await org.operator.client.admin.member.remove.mutate({
      organisationId: org.organisationId,
      userId: leaving.userId,
    });
    expect(await list(leaving)).toEqual({ items: [], unread: 0, nextCursor: null });
  });

  it('pages newest first without overlap', async () => {
    const all = (await list(contributor)).items;
    const first = await list(contributor, { limit: 1 });
    expect(first.nextCursor).toBe(first.items[0]!.id);
    const second = await list(contributor, { limit: 1, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((n) => n.id)).toEqual(all.map((n) => n.id));
    // The last page says so: no cursor, rather than an empty page after it.
    expect(second.nextCursor).toBeNull();
    expect((await list(contributor, { limit: 2 })).nextCursor).toBeNull();
    // The unread count is of all notifications, whatever the page.
    expect(first.unread).toBe(2);
  });

  it('marks read up to a notification, only forward, and only one of the caller’s own', async () => {
    const reader = await app.signUp();
    const first = await submitted(app, reader);
    const [scoredFirst] = (await list(reader)).items;
    expect(scoredFirst).toMatchObject({ kind: 'scored', versionId: first.versionId, request: null });

    // Another person's notification, or one that does not exist: NOT_FOUND, and nothing is marked.
    const othersId = (await list(contributor)).items[0]!.id;
    expect(await codeOf(reader.client.notification.markRead.mutate({ upToId: othersId }))).toBe('NOT_FOUND');
    expect(await codeOf(reader.client.notification.markRead.mutate({ upToId: 2 ** 31 - 1 }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(reader.client.notification.markRead.mutate({ upToId: 0 }))).toBe('BAD_REQUEST');
    expect((await list(reader)).unread).toBe(1);

    expect(await reader.client.notification.markRead.mutate({ upToId: scoredFirst!.id })).toEqual({
      seenId: scoredFirst!.id,
    });
    const read = await list(reader);
    expect(read.unread).toBe(0);
    expect(read.items.map((n) => n.isUnread)).toEqual([false]);

    // A newer notification is unread; marking the older one again (a stale page) does not move the mark back.
    const second = await submitted(app, reader);
    const after = await list(reader);
    expect(summary(after.items)).toEqual([`scored:${second.versionId}`, `scored:${first.versionId}`]);
    expect(after.items.map((n) => n.isUnread)).toEqual([true, false]);
    expect(await reader.client.notification.markRead.mutate({ upToId: after.items[0]!.id })).toEqual({
      seenId: after.items[0]!.id,
    });
    expect(await reader.client.notification.markRead.mutate({ upToId: scoredFirst!.id })).toEqual({
      seenId: after.items[0]!.id,
    });
    expect((await list(reader)).unread).toBe(0);
  });

  it('tells the contributor and the operators when scoring fails for good', async () => {
    const failing = await app.signUp();
    const { versionId } = await failing.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    expect((await uploadFile(app.url, failing.cookie, versionId, GOOD_CSV)).status).toBe(200);
    const putBack = await hideStoredFile(app, versionId);
    try {
      await failing.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
      await until('scoring gave up', async () => (await list(failing)).items.length > 0);
    } finally {
      await putBack();
    }
    expect(summary((await list(failing)).items)).toEqual([`scoring_failed:${versionId}`]);
    const operator = await list(org.operator);
    expect(summary(operator.items)).toEqual([`scoring_failed:${versionId}`]);
    expect(operator.unread).toBe(1);
    // Each operator reads for themselves.
    await org.operator.client.notification.markRead.mutate({ upToId: operator.items[0]!.id });
    expect((await list(org.operator)).unread).toBe(0);
    // An operator who joins later sees the failure, but not as news.
    const later = await createOperator(app);
    const theirs = await list(later);
    expect(summary(theirs.items)).toEqual([`scoring_failed:${versionId}`]);
    expect(theirs.items.map((n) => n.isUnread)).toEqual([false]);
    expect(theirs.unread).toBe(0);
  });

  it('tells contributors when a request closes on their draft or on changes asked of them, and no one else', async () => {
    const closing = (
      await createRequest(org.reviewer, org.organisationId, {
        title: 'Closing soon',
        rewardCents: 0,
        budgetCents: 0,
      })
    ).id;
    const drafting = await app.signUp();
    const draft = await drafting.client.submission.create.mutate({
      requestId: closing,
      manifest: GOOD_MANIFEST,
    });
    const revising = await app.signUp();
    const asked = await submitted(app, revising, closing);
    const decided = await app.signUp();
    const done = await submitted(app, decided, closing);
    for (const [versionId, decision] of [
      [asked.versionId, 'request_changes'],
      [done.versionId, 'reject'],
    ] as const) {
      await org.reviewer.client.review.decide.mutate({
        versionId,
        decision,
        reasonCodes: ['fit.not-requested'],
        comment: 'Not quite what this request asked for.',
        timeSpentMs: 5_000,
      });
    }
    const withdrawing = await app.signUp();
    const gone = await withdrawing.client.submission.create.mutate({
      requestId: closing,
      manifest: GOOD_MANIFEST,
    });
    await withdrawing.client.submission.withdraw.mutate({ versionId: gone.versionId });
    const before = {
      decided: summary((await list(decided)).items),
      reviewer: summary((await list(org.reviewer)).items),
    };

    await org.reviewer.client.request.close.mutate({ id: closing });

    const [draftNews] = (await list(drafting)).items;
    expect(draftNews).toMatchObject({
      kind: 'request_closed',
      submissionId: draft.submissionId,
      versionId: draft.versionId,
      versionState: 'draft',
      request: { id: closing, title: 'Closing soon' },
      isUnread: true,
    });
    const revisingNews = await list(revising);
    expect(summary(revisingNews.items)[0]).toBe(`request_closed:${asked.versionId}`);
    expect(revisingNews.items[0]!.versionState).toBe('changes_requested');
    // A decided or withdrawn submission lost nothing, and reviewers closed it themselves.
    expect(summary((await list(decided)).items)).toEqual(before.decided);
    expect((await list(withdrawing)).items).toEqual([]);
    expect(summary((await list(org.reviewer)).items)).toEqual(before.reviewer);
  });

  it('refuses unknown fields and bad limits, field by field', async () => {
    expect(await codeOf(contributor.client.notification.list.query({ limit: 0 }))).toBe('BAD_REQUEST');
    expect(await codeOf(contributor.client.notification.list.query({ limit: 101 }))).toBe('BAD_REQUEST');
    expect(
      await codeOf(
        contributor.client.notification.list.query({ cursor: 1, extra: true } as unknown as {
          cursor: number;
        }),
      ),
    ).toBe('BAD_REQUEST');
  });
});
