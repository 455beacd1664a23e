import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectsToRun } from './support/dialects.ts';
import {
  createOperator,
  createOrganisationWithReviewer,
  FIXTURE_PASSWORD,
  type OrganisationFixture,
} from './support/fixtures.ts';
import {
  codeOf,
  errorOf,
  fieldErrorsOf,
  type SignedInClient,
  startTestApp,
  type TestApp,
} from './support/test-server.ts';

const dialects = await dialectsToRun();

describe.each(dialects)('account suspension on %s', (dialect) => {
  let app: TestApp;
  let operator: SignedInClient;
  let org: OrganisationFixture;

  /** Signs in over better-auth's route as the sign-in page does, without throwing on a refusal. */
  async function attemptSignIn(email: string, password = FIXTURE_PASSWORD) {
    const response = await fetch(`${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.server.url },
      body: JSON.stringify({ email, password }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { message?: string; code?: string },
      setsSession: response.headers.getSetCookie().some((c) => c.includes('session_token=') && !/=;/.test(c)),
    };
  }

  const sessionsOf = (userId: string) =>
    app.services.db.selectFrom('session').selectAll().where('userId', '=', userId).execute();

  const suspensionOf = (userId: string) =>
    app.services.db
      .selectFrom('user')
      .select(['suspendedAt', 'suspensionReason'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();

  const eventsAbout = async (userId: string) => {
    const rows = await app.services.db
      .selectFrom('event')
      .select(['type', 'actor_id', 'props', 'at'])
      .where('type', 'in', ['user.suspended', 'user.reinstated'])
      .orderBy('id')
      .execute();
    return rows
      .map((row) => ({ ...row, props: JSON.parse(row.props) as Record<string, unknown> }))
      .filter((row) => row.props.userId === userId);
  };

  beforeAll(async () => {
    app = await startTestApp(dialect);
    operator = await createOperator(app);
    org = await createOrganisationWithReviewer(app, { operator, withAdmin: true });
  });
  afterAll(() => app?.stop());

  it('only operators may suspend or reinstate; a refused call changes nothing', async () => {
    const contributor = await app.signUp();
    const suspend = { userId: contributor.userId, reason: 'Spam' };
    const reinstate = { userId: contributor.userId };
    for (const caller of [org.reviewer, org.admin!, contributor]) {
      expect(await codeOf(caller.client.admin.user.suspend.mutate(suspend))).toBe('FORBIDDEN');
      expect(await codeOf(caller.client.admin.user.reinstate.mutate(reinstate))).toBe('FORBIDDEN');
    }
    expect(await codeOf(app.anonymous.admin.user.suspend.mutate(suspend))).toBe('UNAUTHORIZED');
    expect(await codeOf(app.anonymous.admin.user.reinstate.mutate(reinstate))).toBe('UNAUTHORIZED');
    expect(await suspensionOf(contributor.userId)).toEqual({ suspendedAt: null, suspensionReason: null });
    expect(await contributor.client.account.me.query()).toMatchObject({ id: contributor.userId });
    expect(await eventsAbout(contributor.userId)).toEqual([]);
  });

  it('signs a suspended contributor out at once and refuses their sign-in; reinstating lets them back', async () => {
    const contributor = await app.signUp();
    const elsewhere = await app.signIn(contributor.email, FIXTURE_PASSWORD);
    expect(await contributor.client.submission.list.query()).toEqual([]);
    expect(await sessionsOf(contributor.userId)).toHaveLength(2);

    const before = Date.now();
    const suspended = await operator.client.admin.user.suspend.mutate({
      userId: contributor.userId,
      reason: '  Uploads other people’s data  ',
    });
    expect(suspended).toEqual({
      userId: contributor.userId,
      suspendedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      suspensionReason: 'Uploads other people’s data',
    });
    expect(Date.parse(suspended.suspendedAt!)).toBeGreaterThanOrEqual(before - 1);

    // Every session is gone: the next call with either cookie is a signed-out one.
    expect(await sessionsOf(contributor.userId)).toEqual([]);
    expect(await contributor.client.account.me.query()).toBeNull();
    expect(await elsewhere.client.account.me.query()).toBeNull();
    expect(await codeOf(contributor.client.submission.list.query())).toBe('UNAUTHORIZED');

    // The right password does not open a session, and says why.
    const refused = await attemptSignIn(contributor.email);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ACCOUNT_SUSPENDED');
    expect(refused.body.message).toMatch(/^This account is suspended/);
    expect(refused.setsSession).toBe(false);
    expect(await sessionsOf(contributor.userId)).toEqual([]);
    // A wrong password is refused as for anyone, without telling that the account is suspended.
    const wrong = await attemptSignIn(contributor.email, 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.message ?? '').not.toMatch(/suspended/i);

    const listed = await operator.client.admin.user.list.query({ role: 'contributor', limit: 200 });
    expect(listed.find((u) => u.id === contributor.userId)).toMatchObject({
      suspendedAt: suspended.suspendedAt,
      suspensionReason: 'Uploads other people’s data',
    });

    expect(await operator.client.admin.user.reinstate.mutate({ userId: contributor.userId })).toEqual({
      userId: contributor.userId,
      suspendedAt: null,
      suspensionReason: null,
    });
    expect(await suspensionOf(contributor.userId)).toEqual({ suspendedAt: null, suspensionReason: null });
    const back = await attemptSignIn(contributor.email);
    expect(back.status).toBe(200);
    expect(back.setsSession).toBe(true);
    const again = await app.signIn(contributor.email, FIXTURE_PASSWORD);
    expect(await again.client.account.me.query()).toMatchObject({
      id: contributor.userId,
      role: 'contributor',
    });
    const relisted = await operator.client.admin.user.list.query({ role: 'contributor', limit: 200 });
    expect(relisted.find((u) => u.id === contributor.userId)).toMatchObject({
      suspendedAt: null,
      suspensionReason: null,
    });
  });

  it('records who suspended whom and why, and who reinstated them, in the event log', async () => {
    const contributor = await app.signUp();
    await operator.client.admin.user.suspend.mutate({ userId: contributor.userId, reason: 'Fake labels' });
    await operator.client.admin.user.reinstate.mutate({ userId: contributor.userId });
    const events = await eventsAbout(contributor.userId);
    expect(events.map((e) => [e.type, e.actor_id, e.props])).toEqual([
      ['user.suspended', operator.userId, { userId: contributor.userId, reason: 'Fake labels' }],
      ['user.reinstated', operator.userId, { userId: contributor.userId }],
    ]);
    const { suspendedAt } = await suspensionOf(contributor.userId);
    expect(suspendedAt).toBeNull();

    // The operators' Activity page names the account, not just its id.
    const [listed] = await operator.client.event.list.query({ type: 'user.suspended' });
    expect(listed).toMatchObject({
      type: 'user.suspended',
      actor: { email: operator.email, role: 'operator' },
      subject: { id: contributor.userId, email: contributor.email, role: 'contributor' },
      props: { userId: contributor.userId, reason: 'Fake labels' },
    });
    const [reinstated] = await operator.client.event.list.query({ type: 'user.reinstated' });
    expect(reinstated?.subject).toMatchObject({ email: contributor.email });
    // Only account events name one: a client's telemetry that writes an account's id into its props
    // does not make the log show that account.
    const forger = await app.signUp();
    await forger.client.event.record.mutate({
      events: [{ type: 'field.edited', at: new Date().toISOString(), props: { userId: operator.userId } }],
    });
    const [forged] = await operator.client.event.list.query({ type: 'field.edited' });
    expect(forged).toMatchObject({ props: { userId: operator.userId }, subject: null });
  });

  it('treats a suspended account as signed out even if a session of it still exists', async () => {
    const contributor = await app.signUp();
    const [session] = await sessionsOf(contributor.userId);
    await operator.client.admin.user.suspend.mutate({ userId: contributor.userId, reason: 'Abuse' });
    // A session written after the suspension deleted them (a sign-in racing it): put the old one back.
    await app.services.db.insertInto('session').values(session!).execute();
    expect(await sessionsOf(contributor.userId)).toHaveLength(1);
    expect(await contributor.client.account.me.query()).toBeNull();
    expect(await codeOf(contributor.client.submission.list.query())).toBe('UNAUTHORIZED');
    const upload = await fetch(`${app.url}/api/files/versions/${crypto.randomUUID()}`, {
      method: 'PUT',
      headers: { cookie: contributor.cookie, 'x-file-name': 'data.csv' },
      body: 'a,b\n1,2\n',
    });
    expect(upload.status).toBe(401);
  });

  it('a reviewer who is suspended is signed out too', async () => {
    const fixture = await createOrganisationWithReviewer(app, { operator });
    await operator.client.admin.user.suspend.mutate({
      userId: fixture.reviewer.userId,
      reason: 'Leaked data',
    });
    expect(await fixture.reviewer.client.account.me.query()).toBeNull();
    expect((await attemptSignIn(fixture.reviewer.email)).status).toBe(403);
  });

  it('a suspended reviewer cannot join another organisation by invitation; the invitation stays open', async () => {
    const fixture = await createOrganisationWithReviewer(app, { operator });
    const other = await createOrganisationWithReviewer(app, { operator });
    const { token } = await operator.client.admin.member.invite.mutate({
      organisationId: other.organisationId,
      email: fixture.reviewer.email,
      role: 'reviewer',
    });
    await operator.client.admin.user.suspend.mutate({
      userId: fixture.reviewer.userId,
      reason: 'Leaked data',
    });
    // An existing reviewer accepts signed in, and a suspended one has no session: their old one is
    // served as signed out, and sign-in refuses them. Nothing here says the account is suspended.
    for (const client of [fixture.reviewer.client, app.anonymous]) {
      const refused = await errorOf(client.account.acceptInvitation.mutate({ token }));
      expect(refused.code).toBe('UNAUTHORIZED');
      expect(refused.message).not.toMatch(/suspended/);
    }
    expect((await attemptSignIn(fixture.reviewer.email)).status).toBe(403);
    const members = await operator.client.admin.member.list.query({ organisationId: other.organisationId });
    expect(members.map((m) => m.userId)).not.toContain(fixture.reviewer.userId);
    expect((await app.anonymous.account.invitation.query({ token })).status).toBe('open');

    // Reinstated, they sign in and accept it.
    await operator.client.admin.user.reinstate.mutate({ userId: fixture.reviewer.userId });
    const reinstated = await app.signIn(fixture.reviewer.email, FIXTURE_PASSWORD);
    await reinstated.client.account.acceptInvitation.mutate({ token });
    const after = await operator.client.admin.member.list.query({ organisationId: other.organisationId });
    expect(after.map((m) => m.userId)).toContain(fixture.reviewer.userId);
  });

  it('an operator cannot suspend themselves; nothing changes', async () => {
    const refused = await errorOf(
      operator.client.admin.user.suspend.mutate({ userId: operator.userId, reason: 'Testing' }),
    );
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/your own account/);
    expect(await suspensionOf(operator.userId)).toEqual({ suspendedAt: null, suspensionReason: null });
    expect(await operator.client.account.me.query()).toMatchObject({ id: operator.userId });
    expect(await sessionsOf(operator.userId)).not.toEqual([]);
    expect(await eventsAbout(operator.userId)).toEqual([]);
  });

  it('an operator may suspend another operator', async () => {
    const second = await createOperator(app);
    await operator.client.admin.user.suspend.mutate({ userId: second.userId, reason: 'Account compromised' });
    expect(await second.client.account.me.query()).toBeNull();
    await operator.client.admin.user.reinstate.mutate({ userId: second.userId });
    expect((await attemptSignIn(second.email)).status).toBe(200);
  });

  it('suspending twice or reinstating an active account is a CONFLICT; an unknown account is NOT_FOUND', async () => {
    const contributor = await app.signUp();
    const notSuspended = await errorOf(
      operator.client.admin.user.reinstate.mutate({ userId: contributor.userId }),
    );
    expect(notSuspended).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/is not suspended/),
    });

    const first = await operator.client.admin.user.suspend.mutate({
      userId: contributor.userId,
      reason: 'One',
    });
    const twice = await errorOf(
      operator.client.admin.user.suspend.mutate({ userId: contributor.userId, reason: 'Two' }),
    );
    expect(twice).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already suspended/) });
    // The first suspension stands as it was.
    const stored = await suspensionOf(contributor.userId);
    expect(stored.suspensionReason).toBe('One');
    expect(new Date(Number(stored.suspendedAt)).toISOString()).toBe(first.suspendedAt);
    expect((await eventsAbout(contributor.userId)).map((e) => e.type)).toEqual(['user.suspended']);

    const unknown = crypto.randomUUID();
    const missing = await errorOf(
      operator.client.admin.user.suspend.mutate({ userId: unknown, reason: 'Spam' }),
    );
    expect(missing).toEqual({ code: 'NOT_FOUND', message: `No user with id '${unknown}'` });
    expect(await codeOf(operator.client.admin.user.reinstate.mutate({ userId: unknown }))).toBe('NOT_FOUND');
    expect(await eventsAbout(unknown)).toEqual([]);
  });

  it('bad input gets a field error and changes nothing', async () => {
    const contributor = await app.signUp();
    expect(
      await fieldErrorsOf(
        operator.client.admin.user.suspend.mutate({ userId: contributor.userId, reason: '   ' }),
      ),
    ).toEqual({ reason: [expect.stringMatching(/reason/i)] });
    expect(
      await fieldErrorsOf(
        operator.client.admin.user.suspend.mutate({ userId: contributor.userId, reason: ' x ' }),
      ),
    ).toEqual({ reason: [expect.stringMatching(/at least 3 characters/)] });
    expect(
      await fieldErrorsOf(
        operator.client.admin.user.suspend.mutate({ userId: contributor.userId, reason: 'x'.repeat(501) }),
      ),
    ).toEqual({ reason: [expect.stringMatching(/500/)] });
    expect(
      Object.keys(
        await fieldErrorsOf(
          operator.client.admin.user.suspend.mutate({ userId: 'not-an-id', reason: undefined as never }),
        ),
      ).sort(),
    ).toEqual(['reason', 'userId']);
    expect(
      await fieldErrorsOf(operator.client.admin.user.reinstate.mutate({ userId: 'not-an-id' })),
    ).toHaveProperty('userId');
    expect(await suspensionOf(contributor.userId)).toEqual({ suspendedAt: null, suspensionReason: null });
    expect(await contributor.client.account.me.query()).toMatchObject({ id: contributor.userId });
    expect(await eventsAbout(contributor.userId)).toEqual([]);
  });
});
