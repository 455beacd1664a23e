import type { Manifest } from '@assay/schema';
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

type QueueInput = Parameters<OrganisationFixture['reviewer']['client']['review']['queue']['query']>[0];
type QueuePage = Awaited<ReturnType<OrganisationFixture['reviewer']['client']['review']['queue']['query']>>;
type QueueItem = QueuePage['items'][number];

/** Datasheets that score differently (less context, lower score), so the score order is not all ties. */
const MANIFESTS: Manifest[] = [
  GOOD_MANIFEST,
  { ...GOOD_MANIFEST, context: { ...GOOD_MANIFEST.context, limitations: null } },
  {
    ...GOOD_MANIFEST,
    context: { ...GOOD_MANIFEST.context, limitations: null, annotationProtocol: null, intendedUse: null },
  },
];

/** The queue's order, written out: the sort value in the asked direction, ties by version id ascending. */
function isInQueueOrder(items: QueueItem[], sort: 'score' | 'age', order: 'asc' | 'desc'): boolean {
  const sortValueOf = (item: QueueItem) =>
    sort === 'score' ? item.scores.overall! : Date.parse(item.submittedAt!);
  return items.every((item, index) => {
    const before = items[index - 1];
    if (!before) return true;
    const [a, b] = [sortValueOf(before), sortValueOf(item)];
    if (a !== b) return order === 'asc' ? a < b : a > b;
    return before.versionId < item.versionId;
  });
}

const reject = (versionId: string) => ({
  versionId,
  decision: 'reject' as const,
  reasonCodes: ['fit.not-requested' as const],
  comment: 'Not what this request asked for.',
  timeSpentMs: 1_000,
});

describe.each(dialects)('review queue pages on %s', (dialect) => {
  let app: TestApp;
  let org: OrganisationFixture;
  let contributor: SignedInClient;

  /** A new request of the organisation with `count` versions in review, the datasheets taking turns. */
  async function requestWithQueue(count: number): Promise<string> {
    const requestId = (await createRequest(org.reviewer, org.organisationId)).id;
    for (let index = 0; index < count; index++) {
      const { versionId } = await contributor.client.submission.create.mutate({
        requestId,
        manifest: MANIFESTS[index % MANIFESTS.length]!,
      });
      const csv = `${GOOD_CSV.trim()}\n"Ticket ${index} of ${requestId}",low,2025-03-15\n`;
      expect((await uploadFile(app.url, contributor.cookie, versionId, csv)).status).toBe(200);
      await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
      await waitForState(app, versionId, ['in_review']);
    }
    return requestId;
  }

  const queue = (input: QueueInput) => org.reviewer.client.review.queue.query(input);

  /** Every page of the queue, following each page's `nextCursor` until there is none. */
  async function allPages(input: QueueInput): Promise<QueuePage[]> {
    const pages: QueuePage[] = [];
    let cursor: string | undefined;
    do {
      const page = await queue({ ...input, ...(cursor ? { cursor } : {}) });
      pages.push(page);
      cursor = page.nextCursor ?? undefined;
      if (pages.length > 20) throw new Error('The queue does not end');
    } while (cursor);
    return pages;
  }

  beforeAll(async () => {
    app = await startTestApp(dialect);
    org = await createOrganisationWithReviewer(app);
    contributor = await app.signUp();
  });
  afterAll(() => app?.stop());

  it('pages cover every item exactly once, in the queue’s order, ties included', async () => {
    const requestId = await requestWithQueue(7);
    // Two versions submitted in the same millisecond (a tie on age, which only the version id breaks).
    const { items: byAge } = await queue({ requestId, limit: 200 });
    await app.services.db
      .updateTable('submission_version')
      .set({ submitted_at: Date.parse(byAge[2]!.submittedAt!) })
      .where('id', '=', byAge[3]!.versionId)
      .execute();

    for (const sort of ['score', 'age'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const whole = await queue({ requestId, sort, order, limit: 200 });
        expect(whole.total).toBe(7);
        expect(whole.nextCursor).toBeNull();
        expect(whole.items).toHaveLength(7);
        expect(isInQueueOrder(whole.items, sort, order)).toBe(true);

        const pages = await allPages({ requestId, sort, order, limit: 3 });
        expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
        expect(pages.map((page) => page.total)).toEqual([7, 7, 7]);
        expect(pages.flatMap((page) => page.items.map((item) => item.versionId))).toEqual(
          whole.items.map((item) => item.versionId),
        );
      }
    }
    // The ties this test is about are there: equal scores, and equal submission times.
    const { items } = await queue({ requestId, sort: 'score', limit: 200 });
    const scores = items.map((item) => item.scores.overall);
    expect(new Set(scores).size).toBeGreaterThan(1);
    expect(new Set(scores).size).toBeLessThan(scores.length);
    expect(new Set(items.map((item) => item.submittedAt)).size).toBe(6);
  });

  it('a page ending exactly at the last item says there is no next page', async () => {
    const requestId = await requestWithQueue(2);
    const first = await queue({ requestId, limit: 2 });
    expect(first).toMatchObject({ total: 2, nextCursor: null });
    expect(first.items).toHaveLength(2);
  });

  it('a decision between two pages does not make the next page skip anything', async () => {
    const requestId = await requestWithQueue(6);
    const input = { requestId, sort: 'score' as const, order: 'desc' as const, limit: 3 };
    const before = (await queue({ ...input, limit: 200 })).items.map((item) => item.versionId);
    const first = await queue(input);
    expect(first.items.map((item) => item.versionId)).toEqual(before.slice(0, 3));
    // Two of the first page are decided while the reviewer reads it, the cursor's own version among them.
    await org.reviewer.client.review.decide.mutate(reject(first.items[2]!.versionId));
    await org.reviewer.client.review.decide.mutate(reject(first.items[0]!.versionId));

    const second = await queue({ ...input, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.versionId)).toEqual(before.slice(3, 6));
    expect(second).toMatchObject({ total: 4, nextCursor: null });
  });

  it('counts what the filters let through, the caller’s organisations only', async () => {
    const requestId = await requestWithQueue(3);
    const { items } = await queue({ requestId, limit: 200 });
    const lowest = Math.min(...items.map((item) => item.scores.overall!));
    const passing = items.filter((item) => item.scores.overall! > lowest);
    const filtered = await allPages({ requestId, minScore: lowest + 0.01, limit: 1 });
    expect(filtered.map((page) => page.total)).toEqual(passing.map(() => passing.length));
    expect(filtered.flatMap((page) => page.items.map((item) => item.versionId)).sort()).toEqual(
      passing.map((item) => item.versionId).sort(),
    );

    // Every request of the organisation: this one's three among them.
    const everything = await queue({ limit: 1 });
    expect(everything.total).toBeGreaterThanOrEqual(3);
    expect(everything.items).toHaveLength(1);
    const stranger = await createOrganisationWithReviewer(app, { operator: org.operator });
    expect(await stranger.reviewer.client.review.queue.query({ requestId })).toEqual({
      items: [],
      total: 0,
      nextCursor: null,
    });
    // Operators read every organisation's queue.
    expect((await org.operator.client.review.queue.query({ requestId })).total).toBe(3);
  });

  it('refuses a cursor it did not give, or one given for another order, as a field error', async () => {
    const requestId = await requestWithQueue(2);
    const fieldErrorsOf = async (input: QueueInput) => {
      try {
        await queue(input);
      } catch (error) {
        const data = (
          error as { data: { code: string; zodError: { fieldErrors: Record<string, string[]> } } }
        ).data;
        expect(data.code).toBe('BAD_REQUEST');
        return data.zodError.fieldErrors;
      }
      throw new Error('Expected the query to fail');
    };
    for (const cursor of ['not a cursor', 'bm90IGpzb24', btoa('["score","asc","high","x"]'), '']) {
      expect(Object.keys(await fieldErrorsOf({ requestId, cursor }))).toEqual(['cursor']);
    }
    const { nextCursor } = await queue({ requestId, sort: 'score', order: 'desc', limit: 1 });
    expect(nextCursor).toEqual(expect.any(String));
    expect(await fieldErrorsOf({ requestId, sort: 'age', order: 'desc', cursor: nextCursor! })).toEqual({
      cursor: [expect.stringMatching(/another order/)],
    });
    expect(await fieldErrorsOf({ requestId, sort: 'score', order: 'asc', cursor: nextCursor! })).toEqual({
      cursor: [expect.stringMatching(/another order/)],
    });
    // In its own order it reads on.
    expect(
      (await queue({ requestId, sort: 'score', order: 'desc', cursor: nextCursor! })).items,
    ).toHaveLength(1);
    expect(await codeOf(queue({ requestId, cursor: 'x'.repeat(1000) }))).toBe('BAD_REQUEST');
  });
});
