import { rename } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import { expect } from 'vitest';
import { parseEnv } from '../../src/env.ts';
import { LocalFileStore } from '../../src/files/local-file-store.ts';
import { type RunningServer, startServer } from '../../src/http/server.ts';
import type { Logger } from '../../src/logger.ts';
import type { AppRouter } from '../../src/routers/app.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, type TestDatabase, type TestDialect } from './dialects.ts';

export interface TestApp {
  dialect: TestDialect;
  services: Services;
  server: RunningServer;
  url: string;
  database: TestDatabase;
  /** A client with no session. */
  anonymous: Client;
  /** Signs up a new contributor and returns a client holding their session cookie. */
  signUp(email?: string, password?: string): Promise<SignedInClient>;
  /** Signs in an existing account. */
  signIn(email: string, password: string): Promise<SignedInClient>;
  stop(): Promise<void>;
}

export type Client = ReturnType<typeof createClient>;
export interface SignedInClient {
  client: Client;
  cookie: string;
  userId: string;
  email: string;
}

export function createClient(url: string, cookie?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // Server-sent events, with the session cookie (Node 20 has no EventSource of its own).
        true: httpSubscriptionLink({
          url: `${url}/api/trpc`,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input: string | URL | Request, init?: RequestInit) =>
              fetch(input, {
                ...init,
                headers: { ...(init?.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
              }),
          }),
        }),
        false: httpBatchLink({
          url: `${url}/api/trpc`,
          headers: () => (cookie ? { cookie } : {}),
        }),
      }),
    ],
  });
}

let counter = 0;

/** A real server on an ephemeral port over a fresh database of the dialect. */
export async function startTestApp(
  dialect: TestDialect,
  env: Record<string, string> = {},
  options: { worker?: boolean; signInPerMinute?: number; logger?: Logger } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const parsed = parseEnv({
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.databaseUrl,
    LOG_LEVEL: 'silent',
    PORT: '0',
    NODE_ENV: 'test',
    ...env,
  });
  const services = await createServices(parsed, {
    signInPerMinute: options.signInPerMinute ?? 1000,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const server = await startServer(services, { port: 0, host: '127.0.0.1' });
  if (options.worker !== false) await services.scoring.startWorker();
  const url = server.url.replace('localhost', '127.0.0.1');

  const authenticate = async (path: string, body: Record<string, string>): Promise<SignedInClient> => {
    const response = await fetch(`${url}/api/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const json = (await response.json()) as { user: { id: string } };
    return { client: createClient(url, cookie), cookie, userId: json.user.id, email: body.email! };
  };

  return {
    dialect,
    services,
    server,
    url,
    database,
    anonymous: createClient(url),
    signUp: (email = `user${++counter}-${Date.now()}@example.com`, password = 'correct horse battery') =>
      authenticate('sign-up/email', { email, password, name: email.split('@')[0]! }),
    signIn: (email, password) => authenticate('sign-in/email', { email, password }),
    stop: async () => {
      await server.close();
      await services.close();
      await database.drop();
    },
  };
}

/** The tRPC error code of a failed call, for `expect(await codeOf(...)).toBe('NOT_FOUND')`. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await errorOf(promise)).code;
}

/** Polls `read` every `everyMs` until it returns true; fails naming `what` after `seconds`. */
export async function until(
  what: string,
  read: () => Promise<boolean> | boolean,
  seconds = 30,
  everyMs = 50,
): Promise<void> {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; await sleep(everyMs)) {
    if (await read()) return;
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** The tRPC error code and message of a failed call. */
export async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      return { code: (error.data as { code: string }).code, message: error.message };
    }
    throw error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/** The flattened zod field errors of a call that must fail with BAD_REQUEST. */
export async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { code: string; zodError: { fieldErrors: Record<string, string[]> } | null };
      expect(data.code).toBe('BAD_REQUEST');
      return data.zodError?.fieldErrors ?? {};
    }
    throw error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/**
 * Moves a version's file out of the local file store, as a store that lost it: every read of it fails
 * until the returned function puts it back.
 */
export async function hideStoredFile(app: TestApp, versionId: string): Promise<() => Promise<void>> {
  const { sha256 } = await app.services.db
    .selectFrom('submission_version')
    .select('file_sha256 as sha256')
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
  if (!(app.services.files instanceof LocalFileStore) || sha256 === null) {
    throw new Error('hideStoredFile needs a version with a file in the local file store');
  }
  const stored = app.services.files.pathOf(sha256);
  await rename(stored, `${stored}.away`);
  return () => rename(`${stored}.away`, stored);
}

/** Uploads bytes to a draft over the plain HTTP route, as the web app does. */
export async function uploadFile(
  url: string,
  cookie: string | undefined,
  versionId: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/api/files/versions/${versionId}`, {
    method: 'PUT',
    headers: { 'x-file-name': 'data.csv', ...(cookie ? { cookie } : {}), ...headers },
    body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Waits until the version leaves scoring (the in-process worker polls every 250 ms). */
export async function waitForState(app: TestApp, versionId: string, states: string[]) {
  for (let i = 0; i < 200; i++) {
    const row = await app.services.db
      .selectFrom('submission_version')
      .select('state')
      .where('id', '=', versionId)
      .executeTakeFirst();
    if (row && states.includes(row.state)) return row.state;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`version ${versionId} never reached ${states.join('/')}`);
}
