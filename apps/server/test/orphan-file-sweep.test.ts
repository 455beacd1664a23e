import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { FileStore } from '../src/files/file-store.ts';
import { LocalFileStore } from '../src/files/local-file-store.ts';
import { removeOrphanFiles, startOrphanFileSweep } from '../src/files/orphan-file-sweep.ts';
import { createLogger } from '../src/logger.ts';
import { attachFile } from '../src/submission/attach-file.ts';
import { GOOD_MANIFEST } from './support/datasets.ts';
import { createTestDatabase, dialectsToRun } from './support/dialects.ts';
import { spawnServer } from './support/spawned-server.ts';
import { type SignedInClient, startTestApp, type TestApp, until, uploadFile } from './support/test-server.ts';

const dialects = await dialectsToRun();

const HOUR_MS = 60 * 60 * 1000;
const GRACE_MS = 24 * HOUR_MS;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A small CSV of its own per test: files are shared by hash, so tests must not share bytes by accident. */
const csvOf = (tag: string) => `label,text\nspam,${tag} one\nham,${tag} two\n`;

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe.each(dialects)('the orphan file sweep on %s', (dialect) => {
  let app: TestApp;
  let store: LocalFileStore;
  let alice: SignedInClient;
  let bob: SignedInClient;
  beforeAll(async () => {
    app = await startTestApp(dialect, {}, { worker: false });
    store = app.services.files as LocalFileStore;
    alice = await app.signUp();
    bob = await app.signUp();
  });
  afterAll(() => app?.stop());

  async function draft(who: SignedInClient): Promise<string> {
    return (await who.client.submission.create.mutate({ manifest: GOOD_MANIFEST })).versionId;
  }

  async function upload(who: SignedInClient, versionId: string, csv: string) {
    const result = await uploadFile(app.url, who.cookie, versionId, csv, { 'x-content-sha256': sha256(csv) });
    expect(result.status).toBe(200);
  }

  /** Whether the file's row and its bytes are both there (or neither: the one without the other fails). */
  async function isStored(csv: string): Promise<boolean> {
    const row = await app.services.db
      .selectFrom('stored_file')
      .select('sha256')
      .where('sha256', '=', sha256(csv))
      .executeTakeFirst();
    const hasBytes = existsSync(store.pathOf(sha256(csv)));
    expect(hasBytes).toBe(row !== undefined);
    return hasBytes;
  }

  async function lastUsedAt(csv: string): Promise<number> {
    const row = await app.services.db
      .selectFrom('stored_file')
      .select('last_used_at')
      .where('sha256', '=', sha256(csv))
      .executeTakeFirstOrThrow();
    return row.last_used_at;
  }

  /** Makes the file look let go of `ageMs` ago, as the wall clock sees it. */
  async function age(csv: string, ageMs: number): Promise<void> {
    await app.services.db
      .updateTable('stored_file')
      .set({ last_used_at: Date.now() - ageMs })
      .where('sha256', '=', sha256(csv))
      .execute();
  }

  /** The draft's file as its contributor downloads it, checked against the hash the server sends. */
  async function download(who: SignedInClient, versionId: string): Promise<string> {
    const response = await fetch(`${app.url}/api/files/versions/${versionId}/data`, {
      headers: { cookie: who.cookie },
    });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(sha256(body)).toBe(response.headers.get('x-content-sha256'));
    return body;
  }

  // First in the file: no other test's orphan is in the database yet, so the counts are this test's own.
  it("removes a replaced draft file's row and bytes once the grace has passed, not before; the draft keeps its new file", async () => {
    const versionId = await draft(alice);
    const first = csvOf('replaced');
    const second = csvOf('replacement');
    await upload(alice, versionId, first);
    await upload(alice, versionId, second);
    const letGoAt = await lastUsedAt(first);

    const early = await removeOrphanFiles(app.services.db, app.services.files, {
      now: letGoAt + GRACE_MS - 60_000,
      graceMs: GRACE_MS,
    });
    expect(early).toEqual({ files: 0, bytes: 0 });
    expect(await isStored(first)).toBe(true);

    const late = await removeOrphanFiles(app.services.db, app.services.files, {
      now: letGoAt + GRACE_MS + 60_000,
      graceMs: GRACE_MS,
    });
    expect(late).toEqual({ files: 1, bytes: Buffer.byteLength(first) });
    expect(await isStored(first)).toBe(false);
    expect(await isStored(second)).toBe(true);
    expect(await download(alice, versionId)).toBe(second);
  });

  it('counts the grace from when a draft let the file go, not from when it was stored', async () => {
    const versionId = await draft(alice);
    const old = csvOf('stored long ago');
    await upload(alice, versionId, old);
    await age(old, 3 * GRACE_MS);
    await upload(alice, versionId, csvOf('replacing an old file'));
    await removeOrphanFiles(app.services.db, app.services.files, { now: Date.now(), graceMs: GRACE_MS });
    expect(await isStored(old)).toBe(true);
  });

  it('keeps a file another draft still names (files are shared by hash), and a discarded draft keeps its file', async () => {
    const shared = csvOf('shared');
    const aliceDraft = await draft(alice);
    const bobDraft = await draft(bob);
    await upload(alice, aliceDraft, shared);
    await upload(bob, bobDraft, shared);
    await upload(alice, aliceDraft, csvOf('alice moves on'));
    const discarded = csvOf('discarded');
    const discardedDraft = await draft(alice);
    await upload(alice, discardedDraft, discarded);
    await alice.client.submission.withdraw.mutate({ versionId: discardedDraft });

    await removeOrphanFiles(app.services.db, app.services.files, {
      now: Date.now() + 10 * GRACE_MS,
      graceMs: GRACE_MS,
    });
    expect(await isStored(shared)).toBe(true);
    expect(await download(bob, bobDraft)).toBe(shared);
    expect(await download(alice, aliceDraft)).toBe(csvOf('alice moves on'));
    expect(await download(alice, discardedDraft)).toBe(discarded);
  });

  it('stores the bytes again for an upload that arrives as the sweep removes its file', async () => {
    const bytes = csvOf('removed mid-upload');
    const aliceDraft = await draft(alice);
    await upload(alice, aliceDraft, bytes);
    await upload(alice, aliceDraft, csvOf('alice replaces it'));
    await age(bytes, GRACE_MS + HOUR_MS);

    // Bob's upload of the same bytes is under way (half sent) when the sweep removes the file.
    const bobDraft = await draft(bob);
    const body = new PassThrough();
    const attached = attachFile(app.services, {
      contributorId: bob.userId,
      versionId: bobDraft,
      fileName: 'same.csv',
      expectedSha256: sha256(bytes),
      body,
    });
    body.write(bytes.slice(0, 10));
    const swept = await removeOrphanFiles(app.services.db, app.services.files, {
      now: Date.now(),
      graceMs: GRACE_MS,
    });
    expect(swept.files).toBeGreaterThanOrEqual(1);
    expect(await isStored(bytes)).toBe(false);
    body.end(bytes.slice(10));

    expect(await attached).toMatchObject({ sha256: sha256(bytes), size: Buffer.byteLength(bytes) });
    expect(await isStored(bytes)).toBe(true);
    expect(await download(bob, bobDraft)).toBe(bytes);
  });

  it('keeps the bytes an upload found stored, though the sweep runs before its draft names them', async () => {
    const bytes = csvOf('found stored');
    const aliceDraft = await draft(alice);
    await upload(alice, aliceDraft, bytes);
    await upload(alice, aliceDraft, csvOf('alice replaces it again'));
    await age(bytes, GRACE_MS + HOUR_MS);

    // Bob's upload of the same bytes: the store has found them there, and the draft does not name them yet.
    const stored = signal();
    const goOn = signal();
    const pausing: FileStore = Object.assign(Object.create(app.services.files) as FileStore, {
      put: async (...args: Parameters<FileStore['put']>) => {
        const blob = await app.services.files.put(...args);
        stored.resolve();
        await goOn.promise;
        return blob;
      },
    });
    const bobDraft = await draft(bob);
    const attached = attachFile(
      { ...app.services, files: pausing },
      {
        contributorId: bob.userId,
        versionId: bobDraft,
        fileName: 'same.csv',
        expectedSha256: sha256(bytes),
        body: Readable.from([bytes]),
      },
    );
    await stored.promise;
    await removeOrphanFiles(app.services.db, app.services.files, { now: Date.now(), graceMs: GRACE_MS });
    expect(await isStored(bytes)).toBe(true);
    goOn.resolve();

    await attached;
    expect(await download(bob, bobDraft)).toBe(bytes);
  });

  it('makes an upload that claims a file the sweep is removing wait, then store the bytes again', async () => {
    const bytes = csvOf('claimed while removed');
    const aliceDraft = await draft(alice);
    await upload(alice, aliceDraft, bytes);
    await upload(alice, aliceDraft, csvOf('alice replaces it once more'));
    await age(bytes, GRACE_MS + HOUR_MS);

    // The sweep has deleted the row (not committed yet) and is removing the bytes when Bob's upload of the
    // same bytes claims the file.
    const removing = signal();
    const goOn = signal();
    const slow: FileStore = Object.assign(Object.create(app.services.files) as FileStore, {
      remove: async (hash: string) => {
        removing.resolve();
        await goOn.promise;
        await app.services.files.remove(hash);
      },
    });
    const bobDraft = await draft(bob);
    const swept = removeOrphanFiles(app.services.db, slow, { now: Date.now(), graceMs: GRACE_MS });
    await removing.promise;
    const claiming = signal();
    const watched: FileStore = Object.assign(Object.create(app.services.files) as FileStore, {
      put: (source: Parameters<FileStore['put']>[0], options: Parameters<FileStore['put']>[1]) =>
        app.services.files.put(source, {
          ...options,
          beforeStore: async (blob) => {
            claiming.resolve();
            await options.beforeStore?.(blob);
          },
        }),
    });
    const attached = attachFile(
      { ...app.services, files: watched },
      {
        contributorId: bob.userId,
        versionId: bobDraft,
        fileName: 'same.csv',
        expectedSha256: sha256(bytes),
        body: Readable.from([bytes]),
      },
    );
    // On PostgreSQL the claim waits for the sweep's lock on the row. On SQLite the upload waits (before it
    // reads its draft) for the one connection, which the sweep's transaction holds until it is done.
    if (dialect === 'postgres') {
      await claiming.promise;
      await until(
        'the claim to wait for the lock on the file',
        async () => {
          const { rows } = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(app.services.db);
          return rows[0]!.n > 0;
        },
        10,
      );
    }
    goOn.resolve();
    expect((await swept).files).toBeGreaterThanOrEqual(1);

    await attached;
    expect(await isStored(bytes)).toBe(true);
    expect(await download(bob, bobDraft)).toBe(bytes);
  });

  it('runs on start-up, logging how many files and bytes it removed, until stopped', async () => {
    const versionId = await draft(alice);
    const gone = csvOf('swept by the server');
    await upload(alice, versionId, gone);
    await upload(alice, versionId, csvOf('kept by the server'));
    await age(gone, GRACE_MS + HOUR_MS);
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });

    // The first sweep runs at once; stopping waits for it. The next would come in an hour.
    const stop = startOrphanFileSweep(app.services.db, app.services.files, logger, {
      everyMs: HOUR_MS,
      graceMs: GRACE_MS,
    });
    await stop();

    expect(await isStored(gone)).toBe(false);
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        msg: 'orphaned files removed',
        orphanFiles: expect.any(Number),
        orphanBytes: expect.any(Number),
      }),
    );
    const removed = logged.find((line) => line.msg === 'orphaned files removed')!;
    expect(removed.orphanFiles).toBeGreaterThanOrEqual(1);
    expect(removed.orphanBytes).toBeGreaterThanOrEqual(Buffer.byteLength(gone));
  });
});

describe('the running server', () => {
  it('sweeps orphaned files at start-up, logs what went, and stops on SIGTERM', async () => {
    const database = await createTestDatabase('sqlite');
    const orphan = csvOf('orphaned before the server started');
    const blob = new LocalFileStore(path.join(database.dataDir, 'files')).pathOf(sha256(orphan));
    const handle = openDatabase({ dataDir: database.dataDir });
    try {
      await migrateToLatest(handle.db);
      await handle.db
        .insertInto('stored_file')
        .values({
          sha256: sha256(orphan),
          size: Buffer.byteLength(orphan),
          created_at: Date.now() - 3 * GRACE_MS,
          last_used_at: Date.now() - GRACE_MS - HOUR_MS,
        })
        .execute();
    } finally {
      await handle.db.destroy();
    }
    mkdirSync(path.dirname(blob), { recursive: true });
    writeFileSync(blob, orphan);

    const server = await spawnServer(database);
    try {
      await until('the running server to log the removal', () =>
        server
          .output()
          .includes(
            `"orphanFiles":1,"orphanBytes":${Buffer.byteLength(orphan)},"msg":"orphaned files removed"`,
          ),
      );
      expect(existsSync(blob)).toBe(false);
    } finally {
      await server.stop();
      await database.drop();
    }
    expect(server.output()).toContain('"msg":"stopped"');
  });
});
