import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessServer, startInProcessServer } from '../src/simulator/in-process.ts';
import { GOOD_MANIFEST } from './support/datasets.ts';
import { createOrganisationWithReviewer, createRequest } from './support/fixtures.ts';
import { createClient, type SignedInClient, type TestApp, until } from './support/test-server.ts';

// The demo set its public URL to localhost, and signing in at http://127.0.0.1 failed with "Invalid origin".
describe('an in-process server (the demo, the simulator)', () => {
  let app: InProcessServer;
  beforeAll(async () => {
    app = await startInProcessServer({});
  });
  afterAll(async () => {
    await app?.stop();
  });

  const signInFrom = (origin: string) =>
    fetch(`${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(app.operator),
    }).then((response) => response.status);

  it('takes its operator from this machine by any loopback name, and no other origin', async () => {
    const { port } = new URL(app.url);
    expect(await signInFrom(`http://localhost:${port}`)).toBe(200);
    expect(await signInFrom(`http://127.0.0.1:${port}`)).toBe(200);
    expect(await signInFrom('http://evil.example')).toBe(403);
  });
});

/** The fixtures' view of an in-process server: its services, and accounts signed in at its origin. */
function asTestApp(app: InProcessServer): TestApp {
  const authenticate = async (path: string, body: Record<string, string>): Promise<SignedInClient> => {
    const response = await fetch(`${app.url}/api/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.origin },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} failed: ${response.status}`);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { user } = (await response.json()) as { user: { id: string } };
    return { client: createClient(app.url, cookie), cookie, userId: user.id, email: body.email! };
  };
  return {
    services: app.services,
    url: app.url,
    anonymous: createClient(app.url),
    signIn: (email, password) => authenticate('sign-in/email', { email, password }),
    signUp: (email = `drafting-${Date.now()}@example.com`, password = 'correct horse battery') =>
      authenticate('sign-up/email', { email, password, name: 'Drafting' }),
  } as TestApp;
}

// The demo's server never swept for deadlines, so nobody trying the demo was told of one.
describe('an in-process server started with its deadline notices (the demo)', () => {
  let app: InProcessServer;
  beforeAll(async () => {
    app = await startInProcessServer({});
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('tells a contributor drafting for a request that its deadline passed', async () => {
    const testApp = asTestApp(app);
    const org = await createOrganisationWithReviewer(testApp);
    const request = await createRequest(org.reviewer, org.organisationId, {
      title: 'Due a minute ago',
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
      rewardCents: 0,
      budgetCents: 0,
    });
    const drafting = await testApp.signUp();
    await drafting.client.submission.create.mutate({ requestId: request.id, manifest: GOOD_MANIFEST });
    // The deadline passes (a deadline in the past cannot be set through the API).
    await app.services.db
      .updateTable('data_request')
      .set({ deadline_at: Date.now() - 60_000 })
      .where('id', '=', request.id)
      .execute();
    const told = async () => {
      const { items } = await drafting.client.notification.list.query({});
      return items.some((n) => n.kind === 'deadline_passed' && n.request?.id === request.id);
    };
    expect(await told()).toBe(false);
    app.startDeadlineNotices(100);
    await until('the deadline notice is logged', told, 10);
  });
});
