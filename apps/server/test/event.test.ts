import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CLIENT_LAG_MS, RateLimiter } from '../src/events/record-client-events.ts';
import { EVENT_BATCHES_PER_WINDOW } from '../src/routers/event.ts';
import { GOOD_CSV } from './support/datasets.ts';
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
} from './support/test-server.ts';

const dialects = await dialectsToRun();

describe('RateLimiter', () => {
  it('allows a burst of capacity, then refills at capacity per window', () => {
    let now = 0;
    const limiter = new RateLimiter(20, 10_000, () => now);
    for (let i = 0; i < 20; i++) expect(limiter.tryTake('u')).toBe(true);
    expect(limiter.tryTake('u')).toBe(false);
    expect(limiter.tryTake('other')).toBe(true);
    now += 500; // 20 per 10 s = one token per 500 ms
    expect(limiter.tryTake('u')).toBe(true);
    expect(limiter.tryTake('u')).toBe(false);
    now += 60_000;
    for (let i = 0; i < 20; i++) expect(limiter.tryTake('u')).toBe(true);
    expect(limiter.tryTake('u')).toBe(false);
  });
});

describe.each(dialects)('event ingestion on %s', (dialect) => {
  let app: TestApp;
  let contributor: SignedInClient;
  let submissionId: string;

  const eventsOf = (actorId: string) =>
    app.services.db
      .selectFrom('event')
      .select(['type', 'actor_id', 'submission_id', 'request_id', 'props', 'at'])
      .where('actor_id', '=', actorId)
      .where('type', 'not in', ['submission.created'])
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    app = await startTestApp(dialect);
    contributor = await app.signUp();
    ({ submissionId } = await contributor.client.submission.create.mutate({}));
  });
  afterAll(() => app?.stop());

  it('records a batch of client events, stamped with the caller, in one go', async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    const result = await contributor.client.event.record.mutate({
      events: [
        { type: 'draft.started', at, submissionId },
        { type: 'field.edited', at, submissionId, props: { field: 'context.population' } },
        { type: 'prescore.seen', at, props: { overall: 71.5 } },
      ],
    });
    expect(result).toEqual({ recorded: 3 });
    const rows = await eventsOf(contributor.userId);
    expect(rows.map((r) => [r.type, r.submission_id, JSON.parse(r.props)])).toEqual([
      ['draft.started', submissionId, {}],
      ['field.edited', submissionId, { field: 'context.population' }],
      ['prescore.seen', null, { overall: 71.5 }],
    ]);
    expect(Number(rows[0]?.at)).toBe(Date.parse(at));
  });

  it('clamps client times: never in the future, never more than a day back', async () => {
    const user = await app.signUp();
    const before = Date.now();
    await user.client.event.record.mutate({
      events: [
        { type: 'draft.started', at: new Date(before + 3_600_000).toISOString() },
        { type: 'draft.abandoned', at: '2001-01-01T00:00:00Z' },
      ],
    });
    const after = Date.now();
    const [future, past] = await eventsOf(user.userId);
    expect(Number(future?.at)).toBeGreaterThanOrEqual(before);
    expect(Number(future?.at)).toBeLessThanOrEqual(after);
    expect(Number(past?.at)).toBeGreaterThanOrEqual(before - MAX_CLIENT_LAG_MS);
  });

  it('rejects an unknown or server-only event type with a clear zod error, recording nothing', async () => {
    const user = await app.signUp();
    for (const type of ['draft.exploded', 'version.decided']) {
      try {
        await user.client.event.record.mutate({
          events: [
            { type: 'draft.started', at: new Date().toISOString() },
            { type: type as 'draft.started', at: new Date().toISOString() },
          ],
        });
        expect.unreachable();
      } catch (error) {
        const data = (
          error as { data: { code: string; zodError: { fieldErrors: Record<string, string[]> } } }
        ).data;
        expect(data.code).toBe('BAD_REQUEST');
        expect(data.zodError.fieldErrors.events?.join(' ')).toMatch(/expected one of .*draft\.started/);
      }
    }
    expect(await eventsOf(user.userId)).toEqual([]);
  });

  it('bounds a batch: none, or more than 100, is refused', async () => {
    const event = { type: 'field.edited' as const, at: new Date().toISOString() };
    expect(await codeOf(contributor.client.event.record.mutate({ events: [] }))).toBe('BAD_REQUEST');
    expect(await codeOf(contributor.client.event.record.mutate({ events: new Array(101).fill(event) }))).toBe(
      'BAD_REQUEST',
    );
    const user = await app.signUp();
    await expect(user.client.event.record.mutate({ events: new Array(100).fill(event) })).resolves.toEqual({
      recorded: 100,
    });
  });

  it("refuses events about someone else's submission (NOT_FOUND) and writes none of the batch", async () => {
    const stranger = await app.signUp();
    const at = new Date().toISOString();
    expect(
      await codeOf(
        stranger.client.event.record.mutate({
          events: [
            { type: 'draft.started', at },
            { type: 'file.attached', at, submissionId },
          ],
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(
        stranger.client.event.record.mutate({
          events: [{ type: 'file.attached', at, submissionId: crypto.randomUUID() }],
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(await eventsOf(stranger.userId)).toEqual([]);
  });

  it('needs a signed-in user', async () => {
    expect(
      await codeOf(
        app.anonymous.event.record.mutate({
          events: [{ type: 'draft.started', at: new Date().toISOString() }],
        }),
      ),
    ).toBe('UNAUTHORIZED');
  });

  it(`rate-limits each user to ${EVENT_BATCHES_PER_WINDOW} batches per 10 s (TOO_MANY_REQUESTS), others unaffected`, async () => {
    const user = await app.signUp();
    const batch = { events: [{ type: 'field.edited' as const, at: new Date().toISOString() }] };
    // Sent at once (one HTTP batch), so the bucket has no time to refill between them.
    const results = await Promise.all(
      Array.from({ length: EVENT_BATCHES_PER_WINDOW + 5 }, () =>
        codeOf(user.client.event.record.mutate(batch)).catch(() => 'OK'),
      ),
    );
    expect(results.filter((r) => r === 'OK')).toHaveLength(EVENT_BATCHES_PER_WINDOW);
    expect(results.filter((r) => r === 'TOO_MANY_REQUESTS')).toHaveLength(5);
    const other = await app.signUp();
    await expect(other.client.event.record.mutate(batch)).resolves.toEqual({ recorded: 1 });
  });

  it('is append-only: no procedure updates or deletes an event', async () => {
    const { appRouter } = await import('../src/routers/app.ts');
    // The log's own router writes only by appending (record); its other procedures only read.
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const eventProcedures = Object.entries(procedures).filter(([path]) => path.startsWith('event.'));
    expect(eventProcedures.filter(([, p]) => p._def.type === 'mutation').map(([path]) => path)).toEqual([
      'event.record',
    ]);
    expect(eventProcedures.map(([path]) => path).sort()).toEqual(['event.list', 'event.record']);
    const sources = await import('node:fs').then((fs) =>
      fs.readdirSync(new URL('../src', import.meta.url), { recursive: true, encoding: 'utf8' }),
    );
    const fs = await import('node:fs');
    for (const file of sources.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const text = fs.readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
      expect(text, file).not.toMatch(/(updateTable|deleteFrom)\(\s*['"]event['"]/);
    }
  });
});

describe.each(dialects)('the event log for operators on %s', (dialect) => {
  let app: TestApp;
  let org: OrganisationFixture;
  let contributor: SignedInClient;
  let requestId: string;
  let submissionId: string;

  beforeAll(async () => {
    app = await startTestApp(dialect);
    org = await createOrganisationWithReviewer(app);
    contributor = await app.signUp();
    requestId = (await createRequest(org.reviewer, org.organisationId, { title: 'Logged request' })).id;
    ({ submissionId } = await contributor.client.submission.create.mutate({ requestId }));
    await contributor.client.event.record.mutate({
      events: [
        { type: 'field.edited', at: new Date().toISOString(), submissionId, props: { field: 'title' } },
      ],
    });
  });
  afterAll(() => app?.stop());

  it('lists events newest first, with who acted and the request by title', async () => {
    const events = await org.operator.client.event.list.query({});
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(events[0]).toMatchObject({
      type: 'field.edited',
      actor: { email: contributor.email, role: 'contributor' },
      submissionId,
      // A client event about a submission is filed under its request.
      request: { id: requestId, title: 'Logged request' },
      props: { field: 'title' },
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(events.find((e) => e.type === 'request.created')).toMatchObject({
      actor: { role: 'reviewer' },
      request: { id: requestId, title: 'Logged request' },
      version: null,
    });
  });

  it('filters by type and by request, and pages by id without overlap', async () => {
    const created = await org.operator.client.event.list.query({ type: 'submission.created' });
    expect(created.map((e) => e.submissionId)).toEqual([submissionId]);
    const ofRequest = await org.operator.client.event.list.query({ requestId });
    expect(ofRequest.length).toBeGreaterThan(0);
    expect(ofRequest.every((e) => e.request?.id === requestId)).toBe(true);

    const all = await org.operator.client.event.list.query({ limit: 200 });
    const first = await org.operator.client.event.list.query({ limit: 2 });
    const second = await org.operator.client.event.list.query({ limit: 2, beforeId: first.at(-1)!.id });
    expect([...first, ...second].map((e) => e.id)).toEqual(all.slice(0, 4).map((e) => e.id));
  });

  it("records a request's changes and a submission's new version, with who made them", async () => {
    const before = await org.reviewer.client.request.byId.query({ id: requestId });
    await org.reviewer.client.request.update.mutate({
      id: requestId,
      title: 'Logged request, renamed',
      budgetCents: before.budgetCents + 500,
    });
    const [updated] = await org.operator.client.event.list.query({ type: 'request.updated', requestId });
    expect(updated).toMatchObject({
      actor: { role: 'reviewer' },
      request: { id: requestId, title: 'Logged request, renamed' },
      props: { fields: 'title, budgetCents', budgetChangeCents: 500 },
    });

    const { id: draftId } = (await contributor.client.submission.byId.query({ id: submissionId }))
      .versions[0]!;
    await contributor.client.submission.withdraw.mutate({ versionId: draftId });
    // The log names the version withdrawn by its number and its dataset's title (an untitled draft here).
    const [withdrawn] = await org.operator.client.event.list.query({ type: 'version.withdrawn' });
    expect(withdrawn).toMatchObject({ versionId: draftId, version: { number: 1, title: null } });
    const { versionId } = await contributor.client.submission.version.create.mutate({ submissionId });
    const [created] = await org.operator.client.event.list.query({ type: 'version.created' });
    expect(created).toMatchObject({
      actor: { email: contributor.email },
      submissionId,
      versionId,
      version: { number: 2, title: null },
      props: { number: 2, from: 1, supersedes: false },
    });
  });

  it('names only the fields a request update changed, though the editor sends the whole form', async () => {
    const { id, budgetLeftCents, organisationId, organisationName, status, createdAt, ...form } =
      await org.reviewer.client.request.byId.query({ id: requestId });
    const updates = () => org.operator.client.event.list.query({ type: 'request.updated', requestId });
    const before = (await updates()).length;
    await org.reviewer.client.request.update.mutate({
      id,
      ...form,
      rewardCents: form.rewardCents + 100,
      budgetCents: form.budgetCents + 1000,
    });
    const [updated] = await updates();
    expect(updated?.props).toEqual({ fields: 'rewardCents, budgetCents', budgetChangeCents: 1000 });

    // The same form again changes nothing: nothing is written, nothing logged.
    const unchanged = await org.reviewer.client.request.byId.query({ id: requestId });
    await org.reviewer.client.request.update.mutate({
      id,
      ...form,
      rewardCents: form.rewardCents + 100,
      budgetCents: form.budgetCents + 1000,
    });
    expect(await org.reviewer.client.request.byId.query({ id: requestId })).toEqual(unchanged);
    expect(await updates()).toHaveLength(before + 1);

    // A list compares as stored, in order; a deadline as an instant, whatever its offset.
    const deadline = new Date(Date.now() + 86_400_000);
    await org.reviewer.client.request.update.mutate({
      id,
      labelSet: ['urgent', 'normal'],
      deadline: deadline.toISOString(),
    });
    const sameInstant = deadline.toISOString().replace('Z', '+00:00');
    await org.reviewer.client.request.update.mutate({
      id,
      labelSet: ['normal', 'urgent'],
      deadline: sameInstant,
      minRows: form.minRows,
    });
    expect((await updates())[0]?.props).toEqual({ fields: 'labelSet', budgetChangeCents: 0 });
  });

  it('is for operators only; a bad filter is a field error', async () => {
    expect(await codeOf(org.reviewer.client.event.list.query({}))).toBe('FORBIDDEN');
    expect(await codeOf(contributor.client.event.list.query({}))).toBe('FORBIDDEN');
    expect(await codeOf(app.anonymous.event.list.query({}))).toBe('UNAUTHORIZED');
    const error = await org.operator.client.event.list
      .query({ type: 'no.such' as 'draft.started', limit: 500 })
      .catch((e: unknown) => e);
    expect(
      (error as { data?: { zodError?: { fieldErrors: Record<string, string[]> } } }).data?.zodError
        ?.fieldErrors,
    ).toMatchObject({ type: [expect.any(String)], limit: [expect.any(String)] });
  });

  it("files a file's upload under its submission's request, as the browser's report of it", async () => {
    const { versionId } = await contributor.client.submission.create.mutate({ requestId });
    expect((await uploadFile(app.url, contributor.cookie, versionId, GOOD_CSV)).status).toBe(200);
    const [attached] = await org.operator.client.event.list.query({ type: 'file.attached', requestId });
    expect(attached).toMatchObject({
      versionId,
      request: { id: requestId },
      props: { source: 'server', format: 'csv' },
    });
  });
});
