import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_GRACE_MS, openDatabase } from '../src/db/connect.ts';
import { MIGRATIONS, migrateToLatest, SchemaTooNewError } from '../src/db/migrate.ts';
import { isUniqueViolation } from '../src/db/unique-violation.ts';
import { EnvError, parseEnv } from '../src/env.ts';
import { checkHealth } from '../src/http/health.ts';
import { CONTENT_SECURITY_POLICY } from '../src/http/security-headers.ts';
import {
  API_BODY_LIMIT_BYTES,
  createRequestListener,
  PortInUseError,
  startServer,
} from '../src/http/server.ts';
import { createServices } from '../src/services.ts';
import { INTERNAL_ERROR_MESSAGE } from '../src/trpc.ts';
import { VERSION } from '../src/version.ts';
import { createTestDatabase, dialectsToRun } from './support/dialects.ts';
import { errorOf, startTestApp, type TestApp } from './support/test-server.ts';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const dialects = await dialectsToRun();

describe('configuration', () => {
  it('applies defaults', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe(path.resolve('.assay'));
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATABASE_STATEMENT_TIMEOUT_SECONDS).toBe(30);
    expect(env.ORPHAN_FILE_GRACE_HOURS).toBe(24);
    expect(env.ORPHAN_FILE_SWEEP_SECONDS).toBe(3600);
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a postgres:\/\//],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    // Under an hour, an upload's claim on its file could run out before its draft names the file.
    ['ORPHAN_FILE_GRACE_HOURS', '0', /ORPHAN_FILE_GRACE_HOURS/],
    ['ORPHAN_FILE_GRACE_HOURS', 'a day', /ORPHAN_FILE_GRACE_HOURS/],
    ['ORPHAN_FILE_SWEEP_SECONDS', '0', /ORPHAN_FILE_SWEEP_SECONDS/],
    // Said as an operator reads it, not as zod does ("expected int, received number").
    ['ORPHAN_FILE_GRACE_HOURS', '1.5', /^ {2}ORPHAN_FILE_GRACE_HOURS: must be a whole number, not "1.5"$/m],
    ['ORPHAN_FILE_GRACE_HOURS', 'abc', /^ {2}ORPHAN_FILE_GRACE_HOURS: must be a number, not "abc"$/m],
    ['ORPHAN_FILE_GRACE_HOURS', '0', /^ {2}ORPHAN_FILE_GRACE_HOURS: must be at least 1, not "0"$/m],
    ['ORPHAN_FILE_GRACE_HOURS', '9000', /^ {2}ORPHAN_FILE_GRACE_HOURS: must be at most 8760, not "9000"$/m],
    [
      'LOG_LEVEL',
      'loud',
      /^ {2}LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, not "loud"$/m,
    ],
    ['TRUST_PROXY', 'maybe', /^ {2}TRUST_PROXY: must be true or false, not "maybe"$/m],
    // A schema's own message stays, and a secret is not quoted back.
    [
      'BETTER_AUTH_SECRET',
      'short',
      /^ {2}BETTER_AUTH_SECRET: BETTER_AUTH_SECRET must be at least 32 characters$/m,
    ],
  ])('names the bad variable %s=%s', (name, value, message) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(message);
  });

  it('turns the simulated clock on only outside production and with scoring in process', () => {
    expect(parseEnv({}).SIMULATED_CLOCK).toBe(false);
    expect(parseEnv({ SIMULATED_CLOCK: 'true', NODE_ENV: 'test' }).SIMULATED_CLOCK).toBe(true);
    expect(() => parseEnv({ SIMULATED_CLOCK: 'true', NODE_ENV: 'production' })).toThrow(
      /SIMULATED_CLOCK must not be on with NODE_ENV=production/,
    );
    expect(() => parseEnv({ SIMULATED_CLOCK: 'true', SCORING_IN_PROCESS: 'false' })).toThrow(
      /SIMULATED_CLOCK needs SCORING_IN_PROCESS=true/,
    );
    expect(() => parseEnv({ SIMULATED_CLOCK: 'sometimes' })).toThrow(/SIMULATED_CLOCK/);
  });

  it('takes an S3 bucket for files only with its credentials, none in the URL, and uploads S3 can take', () => {
    const keys = { S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' };
    const env = parseEnv({ S3_URL: 'https://assay.s3.eu-west-1.amazonaws.com/files', ...keys });
    expect(env).toMatchObject({
      S3_URL: 'https://assay.s3.eu-west-1.amazonaws.com/files',
      S3_REGION: 'us-east-1',
    });
    expect(parseEnv({}).S3_URL).toBeUndefined();
    expect(() => parseEnv({ S3_URL: 'http://minio:9000/assay' })).toThrow(
      /S3_ACCESS_KEY_ID is required with S3_URL\n.*S3_SECRET_ACCESS_KEY is required with S3_URL/,
    );
    expect(() => parseEnv({ S3_URL: 'http://id:secret@minio:9000/assay', ...keys })).toThrow(
      /S3_URL must not hold credentials/,
    );
    expect(() => parseEnv({ S3_URL: 's3://assay/files', ...keys })).toThrow(
      /S3_URL must be an http\(s\):\/\/ URL/,
    );
    // Not a URL at all: the same EnvError, not a TypeError from the checks on a URL.
    expect(() => parseEnv({ S3_URL: 'not-a-url', ...keys })).toThrow(EnvError);
    expect(() => parseEnv({ S3_URL: 'not-a-url', ...keys })).toThrow(/S3_URL must be an http\(s\):\/\/ URL/);
    expect(() =>
      parseEnv({ S3_URL: 'http://minio:9000/assay', ...keys, UPLOAD_LIMIT_BYTES: String(6 * 1024 ** 3) }),
    ).toThrow(/UPLOAD_LIMIT_BYTES must be at most 5368709120/);
  });

  it('refuses to start a production server on a simulated clock', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: {
        ...process.env,
        SIMULATED_CLOCK: 'true',
        NODE_ENV: 'production',
        DATA_DIR: '/tmp/assay-never-used',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SIMULATED_CLOCK must not be on with NODE_ENV=production');
  });

  it('stops start-up with exit code 1 when the database cannot be used, naming the setting and the database', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: {
        ...process.env,
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
        PORT: '0',
        DATA_DIR: '/tmp/assay-never-used',
        BETTER_AUTH_SECRET: 'x'.repeat(32),
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'DATABASE_URL: the database postgres://127.0.0.1:1/nowhere cannot be used',
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('stops start-up with exit code 1 and a message naming the variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: { ...process.env, PORT: 'not-a-port', DATA_DIR: '/tmp/assay-never-used' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT');
  });
});

describe.each(dialects)('data layer on %s', (dialect) => {
  it('migrates a fresh database, then re-runs as a no-op', async () => {
    const database = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    try {
      expect((await migrateToLatest(handle.db)).applied).toEqual([
        '0001-initial',
        '0003-analytics-rollups',
        '0004-analytics-facts',
        '0005-analytics-rank-validation',
        '0006-analytics-cells',
        '0007-settings',
        '0008-scoring-failure',
        '0009-sample-rows',
        '0010-notifications',
        '0011-account-suspension',
        '0012-organisation-name-key',
        '0013-stored-file-last-used',
        '0014-member-notifications-start',
      ]);
      expect((await migrateToLatest(handle.db)).applied).toEqual([]);
      const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
      for (const table of [
        'user',
        'submission',
        'submission_version',
        'event',
        'ledger_entry',
        'review',
        'setting',
        'notification_read',
      ]) {
        expect(tables).toContain(table);
      }
    } finally {
      await handle.db.destroy();
      await database.drop();
    }
  });

  it('0012 keeps the oldest of names that read alike and numbers the others', async () => {
    const database = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    try {
      const before = Object.fromEntries(
        Object.entries(MIGRATIONS).filter(([name]) => name < '0012-organisation-name-key'),
      );
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => before } });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      // As made before names were compared by key. 'acme (2)' is taken already, so 'acme' becomes
      // 'acme (3)' and 'ACME' 'ACME (4)'.
      const made = [
        ['b', 'acme', 2],
        ['a', 'Acme', 1],
        ['c', 'ACME', 3],
        ['d', 'acme (2)', 4],
        ['e', 'Other', 5],
      ] as const;
      for (const [id, name, createdAt] of made) {
        await handle.db
          .insertInto('organisation' as never)
          .values({ id, name, created_at: createdAt } as never)
          .execute();
      }
      // The first of those after it: later migrations come along.
      expect((await migrateToLatest(handle.db)).applied[0]).toBe('0012-organisation-name-key');
      const rows = await handle.db
        .selectFrom('organisation')
        .select(['id', 'name', 'name_key'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: 'a', name: 'Acme', name_key: 'acme' },
        { id: 'b', name: 'acme (3)', name_key: 'acme (3)' },
        { id: 'c', name: 'ACME (4)', name_key: 'acme (4)' },
        { id: 'd', name: 'acme (2)', name_key: 'acme (2)' },
        { id: 'e', name: 'Other', name_key: 'other' },
      ]);
      await expect(
        handle.db
          .insertInto('organisation')
          .values({ id: 'f', name: 'OTHER', name_key: 'other', created_at: 6 })
          .execute(),
      ).rejects.toSatisfy(isUniqueViolation);
    } finally {
      await handle.db.destroy();
      await database.drop();
    }
  });

  it('0013 gives files stored before it its own time as when they were last used', async () => {
    const database = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    try {
      const before = Object.fromEntries(
        Object.entries(MIGRATIONS).filter(([name]) => name < '0013-stored-file-last-used'),
      );
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => before } });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      // Stored a week before the upgrade: when it was let go of is not known, so its grace starts now.
      await handle.db
        .insertInto('stored_file' as never)
        .values({ sha256: 'a'.repeat(64), size: 10, created_at: Date.now() - 7 * 86_400_000 } as never)
        .execute();
      const migratedFrom = Date.now();
      // The first of those after it: later migrations come along.
      expect((await migrateToLatest(handle.db)).applied[0]).toBe('0013-stored-file-last-used');
      const row = await handle.db
        .selectFrom('stored_file')
        .select(['size', 'last_used_at'])
        .executeTakeFirstOrThrow();
      expect(row.size).toBe(10);
      expect(row.last_used_at).toBeGreaterThanOrEqual(migratedFrom);
      expect(row.last_used_at).toBeLessThanOrEqual(Date.now());
    } finally {
      await handle.db.destroy();
      await database.drop();
    }
  });

  it('0014 starts the notifications of members from before it where they joined', async () => {
    const database = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    try {
      const before = Object.fromEntries(
        Object.entries(MIGRATIONS).filter(([name]) => name < '0014-member-notifications-start'),
      );
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => before } });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const db = handle.db;
      await sql`insert into organisation (id, name, name_key, created_at) values ('o', 'Org', 'org', 1)`.execute(
        db,
      );
      // Joined before anything reached the queue, between two arrivals, and after the last one.
      const joined = { first: 10, between: 150, last: 350 } as const;
      for (const [id, createdAt] of Object.entries(joined)) {
        await sql`insert into "user" (id, name, email, "emailVerified", "createdAt", "updatedAt", role, pseudonym)
          values (${id}, ${id}, ${`${id}@example.com`}, false, ${'2025-01-01T00:00:00Z'}, ${'2025-01-01T00:00:00Z'}, 'reviewer', ${id})`.execute(
          db,
        );
        await sql`insert into member (organisation_id, user_id, role, created_at) values ('o', ${id}, 'reviewer', ${createdAt})`.execute(
          db,
        );
      }
      const ids: number[] = [];
      for (const [type, at] of [
        ['version.in_review', 100],
        ['version.in_review', 200],
        ['member.joined', 300],
        ['version.in_review', 400],
      ] as const) {
        await sql`insert into event (type, props, at) values (${type}, '{}', ${at})`.execute(db);
        ids.push(
          Number(
            (
              await db
                .selectFrom('event')
                .select((eb) => eb.fn.max('id').as('id'))
                .executeTakeFirstOrThrow()
            ).id,
          ),
        );
      }
      expect((await migrateToLatest(db)).applied).toEqual(['0014-member-notifications-start']);
      const rows = await db
        .selectFrom('member')
        .select(['user_id', 'notify_after_event_id'])
        .orderBy('created_at')
        .execute();
      expect(rows.map((row) => [row.user_id, Number(row.notify_after_event_id)])).toEqual([
        ['first', 0],
        ['between', ids[0]],
        ['last', ids[1]],
      ]);
    } finally {
      await handle.db.destroy();
      await database.drop();
    }
  });

  it('refuses a database whose schema is newer than the code', async () => {
    const database = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    try {
      await migrateToLatest(handle.db);
      await handle.db
        .insertInto('kysely_migration' as never)
        .values({ name: '9999-from-the-future', timestamp: new Date().toISOString() } as never)
        .execute();
      await expect(migrateToLatest(handle.db)).rejects.toThrow(SchemaTooNewError);
      await expect(migrateToLatest(handle.db)).rejects.toThrow(
        /newer than this version of Assay.*9999-from-the-future/,
      );
    } finally {
      await handle.db.destroy();
      await database.drop();
    }
  });
});

// A fixed "ok" kept load balancers sending requests to a server whose database was away.
describe('health without a database', () => {
  it('is unavailable, in 2 s, when the database takes connections and never answers', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const handle = openDatabase({
      databaseUrl: `postgres://postgres@127.0.0.1:${port}/none`,
      dataDir: '/tmp',
    });
    try {
      const health = await checkHealth(handle);
      expect(health).toEqual({
        status: 'unavailable',
        version: VERSION,
        reason: 'Database unreachable: the database did not answer within 2 s',
      });
    } finally {
      silent.close();
      void handle.db.destroy().catch(() => {});
    }
  });

  it('is unavailable, with the reason, when nothing listens', async () => {
    const handle = openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', dataDir: '/tmp' });
    try {
      const health = await checkHealth(handle);
      expect(health).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/ECONNREFUSED/) });
    } finally {
      await handle.db.destroy();
    }
  });
});

describe.each(dialects.filter((dialect) => dialect === 'postgres'))('connections on %s', (dialect) => {
  // A PostgreSQL restart or failover ends connections that requests hold: the 'error' event of one lent
  // out had no listener, and ended the process.
  it('outlives a connection the server ends while a request holds it; the next query reconnects', async () => {
    const database = await createTestDatabase(dialect);
    const errors: Error[] = [];
    const handle = openDatabase({
      databaseUrl: database.databaseUrl,
      dataDir: database.dataDir,
      onConnectionError: (error) => errors.push(error),
    });
    try {
      await expect(
        handle.db.connection().execute(async (connection) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(connection);
          await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(handle.db);
          await new Promise((resolve) => setTimeout(resolve, 300));
          await sql`select 1`.execute(connection);
        }),
      ).rejects.toThrow();
      expect(errors.length).toBeGreaterThan(0);
      expect((await sql<{ one: number }>`select 1 as one`.execute(handle.db)).rows).toEqual([{ one: 1 }]);
      expect(await checkHealth(handle)).toEqual({ status: 'ok', version: VERSION });
    } finally {
      await handle.db.destroy();
      await database.drop();
    }
  });

  // Request queries had no limit: a statement stuck behind a lock, or a server that stopped answering,
  // held its request (and its pooled connection) for ever, while /health said 503 in 2 s.
  it('cancels a statement that runs past the statement timeout; the pool serves the next query', async () => {
    const database = await createTestDatabase(dialect);
    const handle = openDatabase({
      databaseUrl: database.databaseUrl,
      dataDir: database.dataDir,
      statementTimeoutMs: 500,
    });
    try {
      const start = performance.now();
      await expect(sql`select pg_sleep(5)`.execute(handle.db)).rejects.toThrow(
        'canceling statement due to statement timeout',
      );
      expect(performance.now() - start).toBeLessThan(3_000);
      // Every connection of the pool still works (ten at once take all ten).
      const ones = await Promise.all(
        Array.from({ length: 10 }, () => sql<{ one: number }>`select 1 as one`.execute(handle.db)),
      );
      expect(ones.map((result) => result.rows)).toEqual(Array(10).fill([{ one: 1 }]));
      expect(await checkHealth(handle)).toEqual({ status: 'ok', version: VERSION });
    } finally {
      await handle.db.destroy();
      await database.drop();
    }
  });

  it('gives up a connection that stops answering, and serves the next query on a new one', async () => {
    const database = await createTestDatabase(dialect);
    const proxy = await startFreezableProxy(new URL(database.databaseUrl!));
    const url = new URL(database.databaseUrl!);
    url.host = `127.0.0.1:${proxy.port}`;
    const handle = openDatabase({
      databaseUrl: url.toString(),
      dataDir: database.dataDir,
      statementTimeoutMs: 500,
    });
    try {
      await sql`select 1`.execute(handle.db);
      proxy.freezeOpenConnections();
      const start = performance.now();
      await expect(sql`select 1`.execute(handle.db)).rejects.toThrow(
        `PostgreSQL did not answer within ${(500 + ANSWER_GRACE_MS) / 1000} s (statement timeout 0.5 s); the connection is dropped`,
      );
      expect(performance.now() - start).toBeLessThan(500 + ANSWER_GRACE_MS + 2_000);
      // Lent again, the frozen connection held this query too, behind the first.
      expect((await sql<{ one: number }>`select 1 as one`.execute(handle.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await handle.db.destroy();
      proxy.close();
      await database.drop();
    }
  });

  it('answers a request whose query passes the statement timeout with the masked internal error, in time', async () => {
    const app = await startTestApp(dialect, { DATABASE_STATEMENT_TIMEOUT_SECONDS: '1' });
    const locker = new pg.Client({ connectionString: app.database.databaseUrl });
    await locker.connect();
    try {
      const { client } = await app.signUp();
      await locker.query('begin');
      await locker.query('lock table data_request in access exclusive mode');
      const start = performance.now();
      expect(await errorOf(client.request.list.query({}))).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        message: INTERNAL_ERROR_MESSAGE,
      });
      expect(performance.now() - start).toBeLessThan(4_000);
      await locker.query('rollback');
      expect(await client.request.list.query({})).toEqual([]);
    } finally {
      await locker.end();
      await app.stop();
    }
  });

  it('migrates without the statement timeout: start-up waits for another process migrating', async () => {
    const database = await createTestDatabase(dialect);
    const locker = new pg.Client({ connectionString: database.databaseUrl });
    await locker.connect();
    // Kysely's migration lock (its PostgresAdapter), held as a process migrating would, for 2 s.
    await locker.query(`select pg_advisory_lock(${KYSELY_MIGRATION_LOCK_ID})`);
    const unlocked = new Promise((resolve) => setTimeout(resolve, 2_000)).then(() =>
      locker.query(`select pg_advisory_unlock(${KYSELY_MIGRATION_LOCK_ID})`),
    );
    try {
      const services = await createServices(
        parseEnv({
          DATA_DIR: database.dataDir,
          DATABASE_URL: database.databaseUrl,
          LOG_LEVEL: 'silent',
          DATABASE_STATEMENT_TIMEOUT_SECONDS: '1',
        }),
      );
      await services.close();
    } finally {
      await unlocked;
      await locker.end();
      await database.drop();
    }
  });
});

/** Kysely's PostgreSQL migration lock (`LOCK_ID` in its postgres-adapter). */
const KYSELY_MIGRATION_LOCK_ID = '3853314791062309107';

/**
 * A TCP proxy to PostgreSQL whose open connections can be made to stop answering (their bytes are no
 * longer passed on either way), as a server that hangs or a network that drops them; new ones pass.
 */
async function startFreezableProxy(target: URL) {
  const open = new Set<{ frozen: boolean; sockets: net.Socket[] }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const link = { frozen: false, sockets: [client, upstream] };
    open.add(link);
    client.on('data', (chunk) => link.frozen || upstream.write(chunk));
    upstream.on('data', (chunk) => link.frozen || client.write(chunk));
    for (const socket of link.sockets) {
      socket.on('error', () => {});
      socket.on('close', () => {
        for (const other of link.sockets) other.destroy();
        open.delete(link);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    freezeOpenConnections() {
      for (const link of open) link.frozen = true;
    },
    close() {
      for (const link of open) for (const socket of link.sockets) socket.destroy();
      server.close();
    },
  };
}

describe('server start-up', () => {
  // Through npm too: `npm start` ran the server under `sh -c`, which did not pass the signal on, so a
  // process manager's SIGTERM ended npm and left the server serving (the scripts now `exec`).
  it.each([
    ['node', [process.execPath, '--import', 'tsx', 'src/main.ts']],
    ['npm run start', ['npm', 'run', 'start', '--silent']],
  ])('serves, then shuts down gracefully on SIGTERM (exit code 0), run by %s', async (_, command) => {
    const database = await createTestDatabase('sqlite');
    const [program, ...args] = command as [string, ...string[]];
    const child = spawn(program, args, {
      cwd: serverDir,
      env: { ...process.env, PORT: '0', DATA_DIR: database.dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up line in: ${output}`)), 30_000);
        child.stdout.on('data', () => {
          const match = /"url":"(http:\/\/localhost:\d+)"/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      expect((await fetch(`${url}/health`)).status).toBe(200);
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number];
      expect(code).toBe(0);
      expect(output).toContain('"msg":"stopped"');
      // On SQLite the server is its own scoring worker.
      expect(output).toContain('"msg":"scoring worker started"');
    } finally {
      child.kill('SIGKILL');
      await database.drop();
    }
  });

  it('says so when the port is already in use', async () => {
    const blocker = http.createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as AddressInfo;
    const database = await createTestDatabase('sqlite');
    const services = await createServices(parseEnv({ DATA_DIR: database.dataDir, LOG_LEVEL: 'silent' }));
    try {
      const attempt = startServer(services, { port, host: '127.0.0.1' });
      await expect(attempt).rejects.toThrow(PortInUseError);
      await expect(startServer(services, { port, host: '127.0.0.1' })).rejects.toThrow(
        `Port ${port} is already in use`,
      );
    } finally {
      blocker.close();
      await services.close();
      await database.drop();
    }
  });
});

describe.each(dialects)('API on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('GET /health answers ok with the version', async () => {
    const response = await fetch(`${app.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', version: VERSION });
    expect(await app.anonymous.health.get.query()).toEqual({
      status: 'ok',
      version: VERSION,
      database: dialect,
    });
  });

  // A form posted from another origin on the same site carries the session cookie without a preflight;
  // tRPC read it, and `submission.create` (no input needed) made a draft for the signed-in contributor.
  it('refuses a mutation sent as a form, or as anything but JSON, and changes nothing', async () => {
    const contributor = await app.signUp();
    for (const body of [new FormData(), 'x=1']) {
      const response = await fetch(`${app.url}/api/trpc/submission.create`, {
        method: 'POST',
        headers: { cookie: contributor.cookie, origin: 'http://localhost:9' },
        body,
      });
      expect(response.status).toBe(415);
    }
    expect(await contributor.client.submission.list.query()).toEqual([]);
    // A body over the API's limit is refused before it is read whole.
    const huge = await errorOf(
      contributor.client.submission.create.mutate({
        manifest: { description: 'x'.repeat(API_BODY_LIMIT_BYTES) },
      }),
    );
    expect(huge.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await contributor.client.submission.list.query()).toEqual([]);
    // The app's own client, sending JSON, is served.
    await contributor.client.submission.create.mutate({});
    expect(await contributor.client.submission.list.query()).toHaveLength(1);
  });

  it('sends the security headers with the web app, its client-side routes and the API', async () => {
    const webDir = mkdtempSync(path.join(tmpdir(), 'assay-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Assay</title>');
    const server = http.createServer(createRequestListener(app.services, webDir));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const route of ['/', '/invite/some-token', '/health', '/api/trpc/health.get', '/api/nothing']) {
        const response = await fetch(`${base}${route}`);
        expect(response.headers.get('content-security-policy'), route).toBe(CONTENT_SECURITY_POLICY);
        expect(response.headers.get('x-frame-options'), route).toBe('DENY');
        expect(response.headers.get('referrer-policy'), route).toBe('no-referrer');
        expect(response.headers.get('x-content-type-options'), route).toBe('nosniff');
        // The API's answers are private and may change at one address, as the health does; the app's
        // pages are revalidated.
        expect(response.headers.get('cache-control'), route).toBe(
          route.startsWith('/api/') || route === '/health' ? 'no-store' : 'no-cache',
        );
      }
      expect((await fetch(`${base}/api/auth/get-session`)).headers.get('cache-control')).toBe('no-store');
      // Scripts from this origin only, and no framing.
      expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
      expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
      expect(await (await fetch(`${base}/invite/some-token`)).text()).toContain('<title>Assay</title>');
    } finally {
      server.close();
      rmSync(webDir, { recursive: true, force: true });
    }
  });

  it('serves the web app as it is on disk: a rebuild replaces it without a restart, and never crashes it', async () => {
    const webDir = mkdtempSync(path.join(tmpdir(), 'assay-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), '<script src="/assets/app-old.js"></script>');
    writeFileSync(path.join(webDir, 'assets', 'app-old.js'), 'old();');
    const server = http.createServer(createRequestListener(app.services, webDir));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const asset = await fetch(`${base}/assets/app-old.js`);
      expect(await asset.text()).toBe('old();');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const index = await fetch(`${base}/review`);
      expect(index.headers.get('cache-control')).toBe('no-cache');

      // A rebuild: the old bundle is deleted, a new one and a new index.html written.
      rmSync(path.join(webDir, 'assets', 'app-old.js'));
      writeFileSync(path.join(webDir, 'assets', 'app-new.js'), 'new();');
      writeFileSync(path.join(webDir, 'index.html'), '<script src="/assets/app-new.js"></script>');

      expect((await fetch(`${base}/assets/app-old.js`)).status).toBe(404);
      // Dotfiles are never served, whatever the folder holds.
      writeFileSync(path.join(webDir, '.env'), 'SECRET=1');
      const dotfile = await fetch(`${base}/.env`);
      expect(dotfile.status).toBe(404);
      expect(await dotfile.text()).not.toContain('SECRET');
      expect(await (await fetch(`${base}/`)).text()).toBe('<script src="/assets/app-new.js"></script>');
      expect(await (await fetch(`${base}/assets/app-new.js`)).text()).toBe('new();');
    } finally {
      server.close();
      rmSync(webDir, { recursive: true, force: true });
    }
  });

  it('health.get names the dialect in use', async () => {
    expect(await app.anonymous.health.get.query()).toEqual({
      status: 'ok',
      version: VERSION,
      database: dialect,
    });
  });

  it('creates a draft with a manifest and lists it back', async () => {
    const { client } = await app.signUp();
    const manifest = {
      title: 'Support tickets',
      task: 'classification' as const,
      columns: [{ name: 'text', type: 'string' as const }],
    };
    const { submissionId, versionId } = await client.submission.create.mutate({ manifest });
    const list = await client.submission.list.query();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: submissionId,
      latest: { id: versionId, number: 1, state: 'draft', manifest },
    });
  });

  it('returns a flattened zod error per field for bad input, and changes nothing', async () => {
    const { client } = await app.signUp();
    try {
      await client.submission.create.mutate({ manifest: { task: 'clustering' } as never });
      expect.unreachable();
    } catch (error) {
      const data = (error as { data: { code: string; zodError: { fieldErrors: Record<string, string[]> } } })
        .data;
      expect(data.code).toBe('BAD_REQUEST');
      expect(Object.keys(data.zodError.fieldErrors)).toEqual(['manifest']);
    }
    expect(await client.submission.list.query()).toEqual([]);
  });

  it('sends no stack trace with an error (only NODE_ENV=development does)', async () => {
    const { cookie } = await app.signUp();
    const input = encodeURIComponent(JSON.stringify({ id: '00000000-0000-4000-8000-000000000000' }));
    const response = await fetch(`${app.url}/api/trpc/submission.byId?input=${input}`, {
      headers: { cookie },
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { data: Record<string, unknown> } };
    expect(body.error.data.code).toBe('NOT_FOUND');
    expect(body.error.data).not.toHaveProperty('stack');
    expect(JSON.stringify(body)).not.toMatch(/\.ts:\d+|node_modules/);
  });
});
