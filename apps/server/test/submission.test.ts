import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from './support/datasets.ts';
import { dialectsToRun } from './support/dialects.ts';
import {
  codeOf,
  type SignedInClient,
  startTestApp,
  type TestApp,
  uploadFile,
} from './support/test-server.ts';

const dialects = await dialectsToRun();

async function draftWithFile(app: TestApp, who: SignedInClient, csv = GOOD_CSV, manifest = GOOD_MANIFEST) {
  const { submissionId, versionId } = await who.client.submission.create.mutate({ manifest });
  const upload = await uploadFile(app.url, who.cookie, versionId, csv);
  expect(upload.status).toBe(200);
  return { submissionId, versionId };
}

/** Follows the scoring subscription to its end and returns every update. */
async function followScoring(who: SignedInClient, versionId: string) {
  const updates: { state: string; version: unknown }[] = [];
  await new Promise<void>((resolve, reject) => {
    const sub = who.client.submission.scoring.subscribe(
      { versionId },
      {
        onData: (update) => {
          updates.push(update as never);
          if (update.version) {
            sub.unsubscribe();
            resolve();
          }
        },
        onError: reject,
      },
    );
  });
  return updates;
}

describe.each(dialects)('submission lifecycle on %s', (dialect) => {
  let app: TestApp;
  let alice: SignedInClient;
  let bob: SignedInClient;
  beforeAll(async () => {
    app = await startTestApp(dialect, { UPLOAD_LIMIT_BYTES: '20000' });
    alice = await app.signUp();
    bob = await app.signUp();
  });
  afterAll(() => app?.stop());

  it('stores an upload by its SHA-256, never by its name', async () => {
    const { versionId, submissionId } = await alice.client.submission.create.mutate({
      manifest: GOOD_MANIFEST,
    });
    const upload = await uploadFile(app.url, alice.cookie, versionId, GOOD_CSV, {
      'x-file-name': '..%2F..%2Fevil.csv',
    });
    const sha256 = createHash('sha256').update(GOOD_CSV).digest('hex');
    const { updatedAt } = (await alice.client.submission.byId.query({ id: submissionId })).versions[0]!;
    expect(upload).toEqual({
      status: 200,
      // updatedAt is the draft's, as the wizard's next save must expect it.
      json: { sha256, size: Buffer.byteLength(GOOD_CSV), format: 'csv', name: '../../evil.csv', updatedAt },
    });
    expect(existsSync(path.join(app.database.dataDir, 'files', sha256.slice(0, 2), sha256))).toBe(true);
    expect(existsSync(path.join(app.database.dataDir, 'evil.csv'))).toBe(false);
    // The draft says its file's size, so a page opened later can show it beside the name.
    const { file } = (await alice.client.submission.byId.query({ id: submissionId })).versions[0]!;
    expect(file).toEqual({
      sha256,
      name: '../../evil.csv',
      format: 'csv',
      rows: null,
      size: Buffer.byteLength(GOOD_CSV),
    });
  });

  // Both were 500s; on PostgreSQL the NUL reached the database.
  it('refuses a file name that does not decode, or holds a control character, as bad input; keeps no file', async () => {
    const { versionId, submissionId } = await alice.client.submission.create.mutate({
      manifest: GOOD_MANIFEST,
    });
    for (const [name, message] of [
      ['%E0%A4%A', 'The x-file-name header is not URI-encoded text (encodeURIComponent)'],
      ['a%00b.csv', 'A file name cannot hold control characters'],
    ] as const) {
      expect(await uploadFile(app.url, alice.cookie, versionId, GOOD_CSV, { 'x-file-name': name })).toEqual({
        status: 400,
        json: { error: { code: 'invalid_input', message } },
      });
    }
    expect((await alice.client.submission.byId.query({ id: submissionId })).versions[0]!.file).toBeNull();
  });

  // It answered INTERNAL_SERVER_ERROR, and logged a server fault each time.
  it("refuses to follow someone else's scoring with NOT_FOUND", async () => {
    const { versionId } = await alice.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    const error = await new Promise<unknown>((resolve) => {
      const sub = bob.client.submission.scoring.subscribe(
        { versionId },
        {
          onData: () => resolve(new Error('bob was sent an update')),
          onError: (cause) => {
            sub.unsubscribe();
            resolve(cause);
          },
        },
      );
    });
    expect((error as { data?: { code?: string } }).data?.code).toBe('NOT_FOUND');
  });

  it('refuses an upload to someone else’s draft (NOT_FOUND), and anonymous uploads', async () => {
    const { versionId } = await alice.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    expect((await uploadFile(app.url, bob.cookie, versionId, GOOD_CSV)).status).toBe(404);
    expect((await uploadFile(app.url, undefined, versionId, GOOD_CSV)).status).toBe(401);
    const { versions } = await alice.client.submission.byId.query({
      id: (await alice.client.submission.list.query())[0]!.id,
    });
    expect(versions[0]!.file).toBeNull();
  });

  it('refuses an upload over the limit, keeps nothing, and says what the limit is', async () => {
    const { submissionId, versionId } = await alice.client.submission.create.mutate({
      manifest: GOOD_MANIFEST,
    });
    const big = 'x'.repeat(25_000);
    const upload = await uploadFile(app.url, alice.cookie, versionId, big);
    expect(upload.status).toBe(413);
    expect(upload.json).toMatchObject({
      error: { code: 'payload_too_large', message: expect.stringContaining('20000') },
    });
    const detail = await alice.client.submission.byId.query({ id: submissionId });
    expect(detail.versions[0]!.file).toBeNull();
    expect(readdirSync(path.join(app.database.dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('refuses bytes that do not match the declared hash', async () => {
    const { versionId } = await alice.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    const upload = await uploadFile(app.url, alice.cookie, versionId, GOOD_CSV, {
      'x-content-sha256': '0'.repeat(64),
    });
    expect(upload.status).toBe(400);
    expect(readdirSync(path.join(app.database.dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('cleans up a partial upload when the client aborts', async () => {
    const { versionId } = await alice.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    const target = new URL(`${app.url}/api/files/versions/${versionId}`);
    await new Promise<void>((resolve) => {
      const req = http.request(target, {
        method: 'PUT',
        headers: { cookie: alice.cookie, 'content-length': '15000', 'x-file-name': 'a.csv' },
      });
      req.on('error', () => resolve());
      req.write('a,b\n'.repeat(1000));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(readdirSync(path.join(app.database.dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('submits, scores in the queue, and streams progress to the end', async () => {
    const { submissionId, versionId } = await draftWithFile(app, alice);
    const result = await alice.client.submission.submit.mutate({
      versionId,
      idempotencyKey: `key-${versionId}`,
    });
    expect(result).toEqual({ versionId, state: 'submitted', replayed: false });
    const updates = await followScoring(alice, versionId);
    const last = updates.at(-1) as {
      state: string;
      version: { report: { scores: { overall: number } }; score: number };
    };
    expect(last.state).toBe('scored');
    expect(last.version.report.scores.overall).toBe(last.version.score);
    expect(last.version.score).toBeGreaterThan(50);
    const detail = await alice.client.submission.byId.query({ id: submissionId });
    expect(detail.versions[0]).toMatchObject({ state: 'scored', file: { rows: 60 } });
  });

  it('makes a retried submit with the same idempotency key a no-op', async () => {
    const { versionId } = await draftWithFile(app, alice);
    const key = `retry-${versionId}`;
    const [first, second] = await Promise.all([
      alice.client.submission.submit.mutate({ versionId, idempotencyKey: key }).catch((e) => e),
      alice.client.submission.submit.mutate({ versionId, idempotencyKey: key }).catch((e) => e),
    ]);
    const third = await alice.client.submission.submit.mutate({ versionId, idempotencyKey: key });
    expect(third.replayed).toBe(true);
    expect([first, second].filter((r) => r.versionId === versionId).length).toBeGreaterThanOrEqual(1);
    const events = await app.services.db
      .selectFrom('event')
      .select('id')
      .where('type', '=', 'version.submitted')
      .where('version_id', '=', versionId)
      .execute();
    expect(events).toHaveLength(1);
  });

  it('refuses a second submit with another key, and a key reused for another version', async () => {
    const { versionId } = await draftWithFile(app, alice);
    await alice.client.submission.submit.mutate({ versionId, idempotencyKey: `a-${versionId}` });
    expect(
      await codeOf(alice.client.submission.submit.mutate({ versionId, idempotencyKey: `b-${versionId}` })),
    ).toBe('CONFLICT');
    const other = await draftWithFile(app, alice);
    expect(
      await codeOf(
        alice.client.submission.submit.mutate({
          versionId: other.versionId,
          idempotencyKey: `a-${versionId}`,
        }),
      ),
    ).toBe('CONFLICT');
  });

  it('refuses to submit without a file, or with an incomplete manifest (a field error each)', async () => {
    const bare = await alice.client.submission.create.mutate({ manifest: GOOD_MANIFEST });
    expect(
      await codeOf(
        alice.client.submission.submit.mutate({ versionId: bare.versionId, idempotencyKey: 'no-file-1' }),
      ),
    ).toBe('BAD_REQUEST');
    const { versionId } = await draftWithFile(app, alice, GOOD_CSV, {
      ...GOOD_MANIFEST,
      title: '',
      columns: [],
    } as never);
    try {
      await alice.client.submission.submit.mutate({ versionId, idempotencyKey: 'incomplete-1' });
      expect.unreachable();
    } catch (error) {
      const data = (error as { data: { zodError: { fieldErrors: Record<string, string[]> } } }).data;
      expect(Object.keys(data.zodError.fieldErrors).sort()).toEqual(['columns', 'title']);
    }
    const row = await app.services.db
      .selectFrom('submission_version')
      .select('state')
      .where('id', '=', versionId)
      .executeTakeFirst();
    expect(row?.state).toBe('draft');
  });

  it('withdraws before a decision, once', async () => {
    const { versionId } = await draftWithFile(app, alice);
    expect(await alice.client.submission.withdraw.mutate({ versionId })).toEqual({ state: 'withdrawn' });
    expect(await codeOf(alice.client.submission.withdraw.mutate({ versionId }))).toBe('CONFLICT');
    expect(await codeOf(bob.client.submission.withdraw.mutate({ versionId }))).toBe('NOT_FOUND');
  });

  it('lists a submission by its last version that is not a discarded draft, and logs a discard as one', async () => {
    const { submissionId, versionId } = await draftWithFile(app, alice);
    await alice.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
    await alice.client.submission.withdraw.mutate({ versionId });
    const next = await alice.client.submission.version.create.mutate({ submissionId });
    const listed = async () =>
      (await alice.client.submission.list.query()).find((s) => s.id === submissionId)!.latest;
    expect([(await listed()).number, (await listed()).state]).toEqual([2, 'draft']);
    await alice.client.submission.saveManifest.mutate({
      versionId: next.versionId,
      manifest: { ...GOOD_MANIFEST, title: 'Edits thrown away' },
    });
    // Discarding version 2 lists the submission by version 1 again, as it was before the draft, and a new
    // version starts from version 1, not from the edits thrown away.
    await alice.client.submission.withdraw.mutate({ versionId: next.versionId });
    const shown = await listed();
    expect([shown.number, shown.state, shown.submittedAt === null]).toEqual([1, 'withdrawn', false]);
    const third = await alice.client.submission.version.create.mutate({ submissionId });
    const detail = await alice.client.submission.byId.query({ id: submissionId });
    expect(third.number).toBe(3);
    expect(detail.versions[2]!.manifest.title).toBe(detail.versions[0]!.manifest.title);
    expect(detail.versions[2]!.manifest.title).not.toBe('Edits thrown away');
    // A submission whose only version was discarded is listed by it.
    const lone = await draftWithFile(app, alice);
    await alice.client.submission.withdraw.mutate({ versionId: lone.versionId });
    const loneListed = (await alice.client.submission.list.query()).find((s) => s.id === lone.submissionId)!;
    expect([loneListed.latest.number, loneListed.latest.state, loneListed.latest.submittedAt]).toEqual([
      1,
      'withdrawn',
      null,
    ]);
    const events = await app.services.db
      .selectFrom('event')
      .select(['version_id', 'props'])
      .where('type', '=', 'version.withdrawn')
      .where('version_id', 'in', [versionId, next.versionId])
      .execute();
    const fromState = new Map(events.map((e) => [e.version_id, JSON.parse(e.props).fromState]));
    expect(fromState.get(next.versionId)).toBe('draft');
    expect(fromState.get(versionId)).not.toBe('draft');
  });

  it('starts a new version from the latest one, keeping its manifest and file', async () => {
    const { submissionId, versionId } = await draftWithFile(app, alice);
    expect(await codeOf(alice.client.submission.version.create.mutate({ submissionId }))).toBe('CONFLICT');
    await alice.client.submission.withdraw.mutate({ versionId });
    const next = await alice.client.submission.version.create.mutate({ submissionId });
    expect(next.number).toBe(2);
    const detail = await alice.client.submission.byId.query({ id: submissionId });
    expect(detail.versions.map((v) => [v.number, v.state])).toEqual([
      [1, 'withdrawn'],
      [2, 'draft'],
    ]);
    expect(detail.versions[1]!.file?.sha256).toBe(detail.versions[0]!.file?.sha256);
    expect(detail.versions[1]!.manifest).toEqual(detail.versions[0]!.manifest);
  });

  it('hides one contributor’s drafts from another (NOT_FOUND)', async () => {
    const { submissionId, versionId } = await alice.client.submission.create.mutate({
      manifest: GOOD_MANIFEST,
    });
    expect(await codeOf(bob.client.submission.byId.query({ id: submissionId }))).toBe('NOT_FOUND');
    expect(
      await codeOf(bob.client.submission.saveManifest.mutate({ versionId, manifest: { title: 'mine now' } })),
    ).toBe('NOT_FOUND');
    expect((await bob.client.submission.list.query()).map((s) => s.id)).not.toContain(submissionId);
  });

  it('autosaves a draft, and refuses a stale save', async () => {
    const { versionId } = await alice.client.submission.create.mutate({ manifest: { title: 'one' } });
    const first = await alice.client.submission.saveManifest.mutate({
      versionId,
      manifest: { title: 'two' },
    });
    await alice.client.submission.saveManifest.mutate({
      versionId,
      manifest: { title: 'three' },
      expectedUpdatedAt: first.updatedAt,
    });
    expect(
      await codeOf(
        alice.client.submission.saveManifest.mutate({
          versionId,
          manifest: { title: 'stale' },
          expectedUpdatedAt: first.updatedAt,
        }),
      ),
    ).toBe('CONFLICT');
  });

  it('refuses a title over 200 characters, saying so, and keeps the draft as it was', async () => {
    const { submissionId, versionId } = await alice.client.submission.create.mutate({
      manifest: { title: 'one' },
    });
    const save = alice.client.submission.saveManifest.mutate({
      versionId,
      manifest: { title: 'x'.repeat(201) },
    });
    expect(await codeOf(save)).toBe('BAD_REQUEST');
    await expect(save).rejects.toThrow('Keep the title to at most 200 characters');
    const detail = await alice.client.submission.byId.query({ id: submissionId });
    expect(detail.versions[0]!.manifest.title).toBe('one');
    await alice.client.submission.saveManifest.mutate({ versionId, manifest: { title: 'x'.repeat(200) } });
    const saved = await alice.client.submission.byId.query({ id: submissionId });
    expect(saved.versions[0]!.manifest.title).toHaveLength(200);
  });

  it('drops __proto__ keys from a manifest', async () => {
    const manifest = JSON.parse('{"title":"x","__proto__":{"polluted":true}}');
    const { submissionId } = await alice.client.submission.create.mutate({ manifest });
    const detail = await alice.client.submission.byId.query({ id: submissionId });
    expect(Object.hasOwn(detail.versions[0]!.manifest, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lets only contributors draft (anonymous UNAUTHORIZED, other roles FORBIDDEN)', async () => {
    expect(await codeOf(app.anonymous.submission.list.query())).toBe('UNAUTHORIZED');
    const carol = await app.signUp();
    await app.services.db
      .updateTable('user')
      .set({ role: 'reviewer' })
      .where('id', '=', carol.userId)
      .execute();
    expect(await codeOf(carol.client.submission.create.mutate({ manifest: {} }))).toBe('FORBIDDEN');
    await app.services.db
      .updateTable('user')
      .set({ role: 'operator' })
      .where('id', '=', carol.userId)
      .execute();
    expect(await codeOf(carol.client.submission.list.query())).toBe('FORBIDDEN');
  });
});
