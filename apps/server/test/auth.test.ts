import { ACCOUNT_NAME_MAX_LENGTH, ACCOUNT_NAME_TOO_LONG_MESSAGE } from '@assay/schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/logger.ts';
import { dialectsToRun } from './support/dialects.ts';
import { startTestApp, type TestApp } from './support/test-server.ts';

const dialects = await dialectsToRun();

describe.each(dialects)('accounts on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(dialect, { TRUST_PROXY: 'true' }, { signInPerMinute: 5 });
  });
  afterAll(() => app?.stop());

  it('signs a contributor up with a pseudonym, never another role, and stores no plain password', async () => {
    const response = await fetch(`${app.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.server.url },
      body: JSON.stringify({
        email: 'eve@example.com',
        password: 'a good long password',
        name: 'Eve',
        role: 'operator',
      }),
    });
    expect(response.status).toBe(200);
    const user = await app.services.db
      .selectFrom('user')
      .select(['id', 'role', 'pseudonym'])
      .where('email', '=', 'eve@example.com')
      .executeTakeFirstOrThrow();
    expect(user.role).toBe('contributor');
    expect(user.pseudonym).toMatch(/^contributor-[0-9a-f]{8}$/);
    const account = await app.services.db
      .selectFrom('account')
      .select('password')
      .where('userId', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(account.password).not.toContain('a good long password');
  });

  it(`refuses a name over ${ACCOUNT_NAME_MAX_LENGTH} characters at sign-up and on a change`, async () => {
    // An address of its own, so the sign-up rate limit (5 a minute here) counts these apart.
    const client = dialect === 'sqlite' ? '203.0.113.9' : '203.0.113.10';
    const signUp = (email: string, name: string) =>
      fetch(`${app.url}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.server.url, 'x-forwarded-for': client },
        body: JSON.stringify({ email, password: 'a good long password', name }),
      });
    const tooLong = await signUp('long-name@example.com', 'N'.repeat(ACCOUNT_NAME_MAX_LENGTH + 1));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({
      code: 'NAME_TOO_LONG',
      message: ACCOUNT_NAME_TOO_LONG_MESSAGE,
    });
    const users = () => app.services.db.selectFrom('user').select('name').where('email', 'like', '%-name@%');
    expect(await users().execute()).toEqual([]);

    const longest = await signUp('longest-name@example.com', 'N'.repeat(ACCOUNT_NAME_MAX_LENGTH));
    expect(longest.status).toBe(200);
    // better-auth's own /update-user is held to the same limit.
    const cookie = longest.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const renamed = await fetch(`${app.url}/api/auth/update-user`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: app.server.url,
        cookie,
        'x-forwarded-for': client,
      },
      body: JSON.stringify({ name: 'M'.repeat(ACCOUNT_NAME_MAX_LENGTH + 1) }),
    });
    expect(renamed.status).toBe(400);
    expect(await users().execute()).toEqual([{ name: 'N'.repeat(ACCOUNT_NAME_MAX_LENGTH) }]);
  });

  it('rate-limits sign-in attempts', async () => {
    const attempt = () =>
      fetch(`${app.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: app.server.url,
          'x-forwarded-for': dialect === 'sqlite' ? '203.0.113.7' : '203.0.113.8',
        },
        body: JSON.stringify({ email: 'eve@example.com', password: 'wrong password!' }),
      }).then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push(await attempt());
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('sign-in rate limit without a trusted proxy', () => {
  it('keys on the socket address, so an invented X-Forwarded-For does not dodge it', async () => {
    const app = await startTestApp('sqlite', {}, { signInPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${app.url}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: app.server.url,
            'x-forwarded-for': `198.51.100.${i}`,
          },
          body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong password!' }),
        });
        statuses.push(response.status);
      }
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await app.stop();
    }
  });
});

describe.each(dialects)('sign-up origins on %s', (dialect) => {
  const signUpFrom = (app: TestApp, origin: string, host?: string) =>
    fetch(`${app.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, ...(host ? { host } : {}) },
      body: JSON.stringify({
        email: `${crypto.randomUUID()}@origin.test`,
        password: 'a good long password',
        name: 'Olive Origin',
      }),
    }).then((response) => response.status);

  it('without a PUBLIC_URL, takes this machine by any of its loopback names, and no other origin', async () => {
    const app = await startTestApp(dialect);
    try {
      const { port } = new URL(app.url);
      expect(await signUpFrom(app, `http://localhost:${port}`)).toBe(200);
      expect(await signUpFrom(app, `http://127.0.0.1:${port}`)).toBe(200);
      expect(await signUpFrom(app, `http://[::1]:${port}`)).toBe(200);
      expect(await signUpFrom(app, `http://127.0.0.1:${Number(port) + 1}`)).toBe(403);
      expect(await signUpFrom(app, 'http://evil.example')).toBe(403);
      // A page whose own name resolves to this machine still comes from its name.
      expect(await signUpFrom(app, `http://evil.example:${port}`, `evil.example:${port}`)).toBe(403);
    } finally {
      await app.stop();
    }
  });

  it('with a PUBLIC_URL, takes that origin only', async () => {
    const app = await startTestApp(dialect, { PUBLIC_URL: 'https://assay.example' });
    try {
      expect(await signUpFrom(app, 'https://assay.example')).toBe(200);
      expect(await signUpFrom(app, `http://127.0.0.1:${new URL(app.url).port}`)).toBe(403);
    } finally {
      await app.stop();
    }
  });
});

// better-auth printed its own lines, coloured text on stdout and stderr, between the server's JSON lines.
describe.each(dialects)("better-auth's log on %s", (dialect) => {
  let app: TestApp;
  const lines: Record<string, unknown>[] = [];
  const printed: string[] = [];
  beforeAll(async () => {
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    for (const method of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    }
    app = await startTestApp(dialect, {}, { logger });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await app?.stop();
  });
  const fromAuth = () => lines.filter((line) => line.component === 'better-auth');

  it('arrives as JSON lines through our logger, at its own level, and prints nothing of its own', async () => {
    const { email } = await app.signUp();
    lines.length = 0;
    const wrongPassword = await fetch(`${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.server.url },
      body: JSON.stringify({ email, password: 'not the password' }),
    });
    expect(wrongPassword.status).toBe(401);
    const otherOrigin = await fetch(`${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ email, password: 'not the password' }),
    });
    expect(otherOrigin.status).toBe(403);
    expect(fromAuth()).toEqual([
      expect.objectContaining({ level: 40, service: 'assay', msg: 'Invalid password' }),
      expect.objectContaining({ level: 50, service: 'assay', msg: 'Invalid origin: http://evil.example' }),
    ]);
    expect(printed.filter((line) => line.includes('Better Auth'))).toEqual([]);
  });
});
