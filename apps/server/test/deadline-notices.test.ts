import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import {
  DEADLINE_PASSED_WINDOW_MS,
  DEADLINE_SOON_MS,
  logDeadlineNotices,
  startDeadlineNotices,
} from '../src/request/deadline-notices.ts';
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
  until,
  uploadFile,
  waitForState,
} from './support/test-server.ts';

const dialects = await dialectsToRun();
const HOUR = 60 * 60 * 1000;

describe.each(dialects)('deadline notices on %s', (dialect) => {
  let app: TestApp;
  let org: OrganisationFixture;
  beforeAll(async () => {
    app = await startTestApp(dialect);
    org = await createOrganisationWithReviewer(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** A request whose deadline is `daysAhead` days from now, as an ISO string and in ms. */
  async function requestDue(title: string, daysAhead: number) {
    const deadline = new Date(Date.now() + daysAhead * 24 * HOUR).toISOString();
    const request = await createRequest(org.reviewer, org.organisationId, {
      title,
      deadline,
      rewardCents: 0,
      budgetCents: 0,
    });
    return { id: request.id, deadline, at: Date.parse(deadline) };
  }

  const draftFor = (who: SignedInClient, requestId: string) =>
    who.client.submission.create.mutate({ requestId, manifest: GOOD_MANIFEST });

  async function submitted(who: SignedInClient, requestId: string) {
    const draft = await draftFor(who, requestId);
    expect((await uploadFile(app.url, who.cookie, draft.versionId, GOOD_CSV)).status).toBe(200);
    await who.client.submission.submit.mutate({
      versionId: draft.versionId,
      idempotencyKey: `k-${draft.versionId}`,
    });
    await waitForState(app, draft.versionId, ['in_review', 'scored']);
    return draft;
  }

  /** The kind, version and deadline of a contributor's deadline notifications, newest first. */
  async function deadlineNews(who: SignedInClient) {
    const { items } = await who.client.notification.list.query({});
    return items
      .filter((n) => n.kind === 'deadline_soon' || n.kind === 'deadline_passed')
      .map((n) => ({ kind: n.kind, versionId: n.versionId, deadline: n.deadline, request: n.request?.id }));
  }

  it('tells a drafting contributor a day ahead and as the deadline passes, each once', async () => {
    const request = await requestDue('Due in three days', 3);
    const drafting = await app.signUp();
    const draft = await draftFor(drafting, request.id);

    // More than a day ahead: nothing yet.
    await logDeadlineNotices(app.services.db, request.at - DEADLINE_SOON_MS - HOUR);
    expect(await deadlineNews(drafting)).toEqual([]);

    await logDeadlineNotices(app.services.db, request.at - DEADLINE_SOON_MS + HOUR);
    await logDeadlineNotices(app.services.db, request.at - HOUR);
    const soon = {
      kind: 'deadline_soon',
      versionId: draft.versionId,
      deadline: request.deadline,
      request: request.id,
    };
    expect(await deadlineNews(drafting)).toEqual([soon]);

    await logDeadlineNotices(app.services.db, request.at);
    await logDeadlineNotices(app.services.db, request.at + HOUR);
    expect(await deadlineNews(drafting)).toEqual([{ ...soon, kind: 'deadline_passed' }, soon]);
    const { items, unread } = await drafting.client.notification.list.query({});
    expect(unread).toBe(2);
    expect(items[0]).toMatchObject({ versionState: 'draft', request: { title: 'Due in three days' } });
  });

  it('tells no one whose submission went in, was withdrawn, answers a reviewer, or whose request closed', async () => {
    const request = await requestDue('Due in two days', 2);
    const inReview = await app.signUp();
    await submitted(inReview, request.id);
    const withdrawing = await app.signUp();
    const gone = await draftFor(withdrawing, request.id);
    await withdrawing.client.submission.withdraw.mutate({ versionId: gone.versionId });
    // A follow-up to changes asked for is still taken after the deadline: its new draft is not told.
    const revising = await app.signUp();
    const asked = await submitted(revising, request.id);
    await org.reviewer.client.review.decide.mutate({
      versionId: asked.versionId,
      decision: 'request_changes',
      reasonCodes: ['fit.not-requested'],
      comment: 'Please add the rows from March.',
      timeSpentMs: 5_000,
    });
    await revising.client.submission.version.create.mutate({ submissionId: asked.submissionId });
    const closed = await requestDue('Closed before its deadline', 2);
    const cutOff = await app.signUp();
    await draftFor(cutOff, closed.id);
    await org.reviewer.client.request.close.mutate({ id: closed.id });

    for (const at of [request.at - HOUR, request.at + HOUR, closed.at - HOUR, closed.at + HOUR]) {
      await logDeadlineNotices(app.services.db, at);
    }
    for (const who of [inReview, withdrawing, revising, cutOff]) expect(await deadlineNews(who)).toEqual([]);
  });

  it('tells again of a deadline moved later, not of one long past', async () => {
    const request = await requestDue('Deadline moves', 2);
    const drafting = await app.signUp();
    await draftFor(drafting, request.id);
    await logDeadlineNotices(app.services.db, request.at - HOUR);
    expect((await deadlineNews(drafting)).map((n) => n.kind)).toEqual(['deadline_soon']);

    const later = new Date(request.at + 5 * 24 * HOUR).toISOString();
    await org.reviewer.client.request.update.mutate({ id: request.id, deadline: later });
    await logDeadlineNotices(app.services.db, request.at + HOUR);
    expect((await deadlineNews(drafting)).map((n) => n.kind)).toEqual(['deadline_soon']);
    await logDeadlineNotices(app.services.db, Date.parse(later) - HOUR);
    expect(await deadlineNews(drafting)).toMatchObject([
      { kind: 'deadline_soon', deadline: later },
      { kind: 'deadline_soon', deadline: request.deadline },
    ]);

    // Swept for the first time over a week after the deadline: that news is stale, and not told.
    await logDeadlineNotices(app.services.db, Date.parse(later) + DEADLINE_PASSED_WINDOW_MS + HOUR);
    expect((await deadlineNews(drafting)).map((n) => n.kind)).toEqual(['deadline_soon', 'deadline_soon']);
  });

  it('logs each notice once when sweeps run at the same time', async () => {
    const request = await requestDue('Swept twice at once', 2);
    const drafters = await Promise.all([app.signUp(), app.signUp(), app.signUp()]);
    for (const who of drafters) await draftFor(who, request.id);
    // Eight at once, as eight processes' timers might: without the sweep lock, PostgreSQL logged some twice.
    const sweeps = await Promise.all(
      Array.from({ length: 8 }, () => logDeadlineNotices(app.services.db, request.at - HOUR)),
    );
    expect(sweeps.reduce((sum, { soon }) => sum + soon, 0)).toBe(3);
    for (const who of drafters) expect(await deadlineNews(who)).toHaveLength(1);
  });

  it('sweeps on a timer from the start until stopped', async () => {
    const request = await requestDue('Swept by the timer', 0.5);
    const drafting = await app.signUp();
    const draft = await draftFor(drafting, request.id);
    const stop = startDeadlineNotices(app.services.db, createLogger('silent'), 50);
    try {
      await until('the timer to log the notice', async () => (await deadlineNews(drafting)).length === 1);
    } finally {
      await stop();
    }
    expect(await deadlineNews(drafting)).toEqual([
      { kind: 'deadline_soon', versionId: draft.versionId, deadline: request.deadline, request: request.id },
    ]);
  });
});
