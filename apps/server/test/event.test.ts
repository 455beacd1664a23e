import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CLIENT_LAG_MS, RateLimiter } from '../src/events/record-client-events.ts';
import { EVENT_BATCHES_PER_WINDOW } from '../src/routers/event.ts';
import { dialectsToRun } from './support/dialects.ts';
import { codeOf, type SignedInClient, startTestApp, type TestApp } from './support/test-server.ts';

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
    const paths = Object.keys(appRouter._def.procedures);
    expect(paths.filter((p) => p.startsWith('event.'))).toEqual(['event.record']);
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
