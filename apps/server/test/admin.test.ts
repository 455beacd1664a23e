import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { MEMBERSHIP_EVENT_TYPES } from '@assay/schema';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/admin/organisations.ts';
import { suspendUser } from '../src/admin/suspension.ts';
import { openDatabase } from '../src/db/connect.ts';
import { parseEnv } from '../src/env.ts';
import { createServices } from '../src/services.ts';
import { createTestDatabase, dialectsToRun } from './support/dialects.ts';
import {
  createOperator,
  createOrganisationWithReviewer,
  createRequest,
  FIXTURE_PASSWORD,
  inviteAndSignIn,
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

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const dialects = await dialectsToRun();

async function formErrorsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      return (error.data as { zodError: { formErrors: string[] } | null }).zodError?.formErrors ?? [];
    }
    throw error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

describe.each(dialects)('admin on %s', (dialect) => {
  let app: TestApp;
  let operator: SignedInClient;
  let contributor: SignedInClient;
  let org: OrganisationFixture;
  let other: OrganisationFixture;

  beforeAll(async () => {
    app = await startTestApp(dialect);
    operator = await createOperator(app);
    contributor = await app.signUp();
    org = await createOrganisationWithReviewer(app, { operator, withAdmin: true });
    other = await createOrganisationWithReviewer(app, { operator, withAdmin: true });
  });
  afterAll(() => app?.stop());

  describe('admin.organisation', () => {
    it('create: an operator creates one; names are unique', async () => {
      const created = await operator.client.admin.organisation.create.mutate({ name: `Acme ${dialect}` });
      expect(created).toEqual({
        id: expect.any(String),
        name: `Acme ${dialect}`,
        createdAt: expect.any(String),
        memberCount: 0,
      });
      expect(
        await codeOf(operator.client.admin.organisation.create.mutate({ name: `Acme ${dialect}` })),
      ).toBe('CONFLICT');
      // Another case is the same name to a person reading the list.
      expect(
        await codeOf(
          operator.client.admin.organisation.create.mutate({ name: `ACME ${dialect}`.toLowerCase() }),
        ),
      ).toBe('CONFLICT');
      // So are letters beyond ASCII in another case (SQLite's lower() leaves them as they are), the same
      // letter written as two code points (A and a combining diaeresis) and doubled spaces.
      await operator.client.admin.organisation.create.mutate({ name: `Äpfel ${dialect}` });
      for (const name of [`äPFEL ${dialect}`, `A\u0308pfel ${dialect}`, `Äpfel  ${dialect}`]) {
        expect(await codeOf(operator.client.admin.organisation.create.mutate({ name }))).toBe('CONFLICT');
      }
    });

    it('create: two creates of one name at the same moment make one organisation', async () => {
      // Called on the domain function, not over HTTP, so that on PostgreSQL the four transactions run at
      // once on the pool's connections and all pass the name check: the unique index decides.
      const name = `Race ${dialect}`;
      const results = await Promise.allSettled(
        [name, name.toUpperCase(), name, name.toLowerCase()].map((n) =>
          createOrganisation(app.services.db, { name: n }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') {
          expect(result.reason).toMatchObject({
            code: 'conflict',
            message: expect.stringMatching(/already exists/),
          });
        }
      }
      const listed = await operator.client.admin.organisation.list.query();
      expect(listed.filter((o) => o.name.toLowerCase() === name.toLowerCase())).toHaveLength(1);
    });

    it('create: reviewers, contributors and anonymous callers are refused', async () => {
      expect(await codeOf(org.reviewer.client.admin.organisation.create.mutate({ name: 'Nope' }))).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(org.admin!.client.admin.organisation.create.mutate({ name: 'Nope' }))).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(contributor.client.admin.organisation.create.mutate({ name: 'Nope' }))).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(app.anonymous.admin.organisation.create.mutate({ name: 'Nope' }))).toBe(
        'UNAUTHORIZED',
      );
      const names = (await operator.client.admin.organisation.list.query()).map((o) => o.name);
      expect(names).not.toContain('Nope');
    });

    it('create: bad input gets field errors; a __proto__ key is refused', async () => {
      expect(
        await fieldErrorsOf(operator.client.admin.organisation.create.mutate({ name: ' ' })),
      ).toHaveProperty('name');
      const polluted = JSON.parse('{"name":"Polluter","__proto__":{"isAdmin":true}}');
      const errors = await formErrorsOf(operator.client.admin.organisation.create.mutate(polluted));
      expect(errors.join(' ')).toMatch(/__proto__/);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });

    it('list: operators see every organisation with member counts; others are refused', async () => {
      const list = await operator.client.admin.organisation.list.query();
      expect(list.find((o) => o.id === org.organisationId)).toMatchObject({ memberCount: 2 });
      expect(await codeOf(org.reviewer.client.admin.organisation.list.query())).toBe('FORBIDDEN');
      expect(await codeOf(contributor.client.admin.organisation.list.query())).toBe('FORBIDDEN');
    });
  });

  describe('admin.member.invite', () => {
    it('an operator invites: the token is returned once and only its SHA-256 is stored', async () => {
      const email = `Invitee-${dialect}@Example.com`;
      const invitation = await operator.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email,
      });
      expect(invitation).toMatchObject({
        email: email.toLowerCase(),
        role: 'reviewer',
        organisationId: org.organisationId,
        invitePath: `/invite/${invitation.token}`,
        inviteUrl: null,
      });
      const stored = await app.services.db
        .selectFrom('invitation')
        .select(['token_hash'])
        .where('id', '=', invitation.id)
        .executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(createHash('sha256').update(invitation.token).digest('hex'));
      expect(stored.token_hash).not.toContain(invitation.token);
    });

    it("an organisation's admin invites to their own organisation, not to another", async () => {
      const invitation = await org.admin!.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email: `by-admin-${dialect}@example.com`,
      });
      expect(invitation.organisationId).toBe(org.organisationId);
      expect(
        await codeOf(
          org.admin!.client.admin.member.invite.mutate({
            organisationId: other.organisationId,
            email: `sneaky-${dialect}@example.com`,
          }),
        ),
      ).toBe('NOT_FOUND');
    });

    it('plain reviewers, contributors and anonymous callers cannot invite', async () => {
      const input = { organisationId: org.organisationId, email: 'x@example.com' };
      expect(await codeOf(org.reviewer.client.admin.member.invite.mutate(input))).toBe('FORBIDDEN');
      expect(await codeOf(contributor.client.admin.member.invite.mutate(input))).toBe('FORBIDDEN');
      expect(await codeOf(app.anonymous.admin.member.invite.mutate(input))).toBe('UNAUTHORIZED');
    });

    it('refuses a bad email, an unknown role, and an address that has a contributor account', async () => {
      const errors = await fieldErrorsOf(
        operator.client.admin.member.invite.mutate({
          organisationId: org.organisationId,
          email: 'not-an-email',
          role: 'owner' as never,
        }),
      );
      expect(Object.keys(errors).sort()).toEqual(['email', 'role']);
      expect(
        await codeOf(
          operator.client.admin.member.invite.mutate({
            organisationId: org.organisationId,
            email: contributor.email,
          }),
        ),
      ).toBe('CONFLICT');
      expect(
        await codeOf(
          operator.client.admin.member.invite.mutate({
            organisationId: crypto.randomUUID(),
            email: 'y@example.com',
          }),
        ),
      ).toBe('NOT_FOUND');
    });
  });

  describe('account.invitation', () => {
    it('shows the holder of a link the organisation, the address and what accepting will ask for', async () => {
      const email = `viewer-${dialect}@example.com`;
      const { token } = await operator.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email,
      });
      const view = await app.anonymous.account.invitation.query({ token });
      expect(view).toEqual({
        organisationName: org.organisationName,
        email,
        role: 'reviewer',
        expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        status: 'open',
        account: 'none',
      });
      expect(Date.parse(view.expiresAt)).toBeGreaterThan(Date.now());
      await app.anonymous.account.acceptInvitation.mutate({
        token,
        name: 'Viewer',
        password: FIXTURE_PASSWORD,
      });
      expect(await app.anonymous.account.invitation.query({ token })).toMatchObject({
        status: 'used',
        account: 'reviewer',
      });
    });

    it('says when a link has expired, or belongs to an account that cannot become a reviewer', async () => {
      const { id, token } = await operator.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email: `expired-view-${dialect}@example.com`,
      });
      await app.services.db
        .updateTable('invitation')
        .set({ expires_at: Date.now() - 1000 })
        .where('id', '=', id)
        .execute();
      expect(await app.anonymous.account.invitation.query({ token })).toMatchObject({
        status: 'expired',
        account: 'none',
      });
      const email = `contributor-view-${dialect}@example.com`;
      const invited = await operator.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email,
      });
      await app.signUp(email);
      expect(await app.anonymous.account.invitation.query({ token: invited.token })).toMatchObject({
        status: 'open',
        account: 'other',
      });
    });

    it('an unknown token is NOT_FOUND, a malformed one a field error; each says to check the link', async () => {
      expect(await errorOf(app.anonymous.account.invitation.query({ token: 'x'.repeat(43) }))).toEqual({
        code: 'NOT_FOUND',
        message: 'No invitation matches this link; check it was copied whole',
      });
      // A link cut short when copied: the same words, not "This is not an invitation token".
      expect(await fieldErrorsOf(app.anonymous.account.invitation.query({ token: 'abc123-cut' }))).toEqual({
        token: ['No invitation matches this link; check it was copied whole'],
      });
    });
  });

  describe('account.acceptInvitation', () => {
    it('creates a reviewer with the membership; the token then is used up', async () => {
      const email = `new-reviewer-${dialect}@example.com`;
      const { token } = await operator.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email,
      });
      const accepted = await app.anonymous.account.acceptInvitation.mutate({
        token,
        name: 'New Reviewer',
        password: FIXTURE_PASSWORD,
      });
      expect(accepted).toMatchObject({
        organisationId: org.organisationId,
        email,
        role: 'reviewer',
        isNewAccount: true,
      });
      const reviewer = await app.signIn(email, FIXTURE_PASSWORD);
      expect(await reviewer.client.account.me.query()).toMatchObject({
        email,
        role: 'reviewer',
        name: 'New Reviewer',
      });
      expect(
        await codeOf(
          app.anonymous.account.acceptInvitation.mutate({ token, name: 'Again', password: FIXTURE_PASSWORD }),
        ),
      ).toBe('CONFLICT');
    });

    it('refuses an expired token, and an unknown one, clearly', async () => {
      const { id, token } = await operator.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email: `late-${dialect}@example.com`,
      });
      await app.services.db
        .updateTable('invitation')
        .set({ expires_at: Date.now() - 1000 })
        .where('id', '=', id)
        .execute();
      await expect(
        app.anonymous.account.acceptInvitation.mutate({ token, name: 'Late', password: FIXTURE_PASSWORD }),
      ).rejects.toThrow(/expired/);
      expect(
        await codeOf(
          app.anonymous.account.acceptInvitation.mutate({
            token: 'x'.repeat(43),
            name: 'Who',
            password: FIXTURE_PASSWORD,
          }),
        ),
      ).toBe('NOT_FOUND');
      const users = await app.services.db
        .selectFrom('user')
        .select('id')
        .where('email', '=', `late-${dialect}@example.com`)
        .execute();
      expect(users).toEqual([]);
    });

    it('a new account without a password is a field error and creates nothing', async () => {
      const email = `passwordless-${dialect}@example.com`;
      const { token } = await operator.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email,
      });
      expect(
        await fieldErrorsOf(app.anonymous.account.acceptInvitation.mutate({ token, name: 'P' })),
      ).toEqual({
        password: ['Choose a password'],
      });
      expect(
        await app.services.db.selectFrom('user').select('id').where('email', '=', email).execute(),
      ).toEqual([]);
      expect((await app.anonymous.account.invitation.query({ token })).status).toBe('open');
    });

    it('a new account without a name is a field error and creates nothing', async () => {
      const email = `nameless-${dialect}@example.com`;
      const { token } = await operator.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email,
      });
      for (const name of [undefined, '  ']) {
        const input =
          name === undefined
            ? { token, password: FIXTURE_PASSWORD }
            : { token, name, password: FIXTURE_PASSWORD };
        expect(await fieldErrorsOf(app.anonymous.account.acceptInvitation.mutate(input))).toEqual({
          name: ['Enter your name'],
        });
      }
      const users = await app.services.db
        .selectFrom('user')
        .select('id')
        .where('email', '=', email)
        .execute();
      expect(users).toEqual([]);
      expect(await app.anonymous.account.invitation.query({ token })).toMatchObject({ status: 'open' });
    });

    it('a short password is a field error and creates nothing', async () => {
      const { token } = await operator.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email: `short-${dialect}@example.com`,
      });
      expect(
        await fieldErrorsOf(
          app.anonymous.account.acceptInvitation.mutate({ token, name: 'S', password: 'short' }),
        ),
      ).toHaveProperty('password');
    });

    it('a contributor account never becomes a reviewer silently', async () => {
      const email = `switcher-${dialect}@example.com`;
      const { token } = await operator.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email,
      });
      // The address signs up as a contributor after being invited.
      const switcher = await app.signUp(email);
      await expect(
        app.anonymous.account.acceptInvitation.mutate({
          token,
          name: 'Switcher',
          password: FIXTURE_PASSWORD,
        }),
      ).rejects.toThrow(/contributor account, which cannot become a reviewer/);
      expect(await switcher.client.account.me.query()).toMatchObject({ role: 'contributor' });
      const membership = await app.services.db
        .selectFrom('member')
        .select('user_id')
        .where('user_id', '=', switcher.userId)
        .execute();
      expect(membership).toEqual([]);
    });

    // The link's holder was asked for the account's password, on a public procedure without the sign-in's
    // rate limit: an admin who invited someone else's reviewer address could guess it without end.
    it('an existing reviewer joins a second organisation signed in as it; no password is checked here', async () => {
      const { token } = await operator.client.admin.member.invite.mutate({
        organisationId: other.organisationId,
        email: org.reviewer.email,
      });
      for (const password of ['wrong password', FIXTURE_PASSWORD, undefined]) {
        const refused = await errorOf(app.anonymous.account.acceptInvitation.mutate({ token, password }));
        expect(refused).toEqual({
          code: 'UNAUTHORIZED',
          message: expect.stringMatching(/: sign in with it, then open this link again to join/),
        });
      }
      // Signed in as another account, it is not theirs to accept.
      expect(await codeOf(operator.client.account.acceptInvitation.mutate({ token }))).toBe('UNAUTHORIZED');
      expect((await app.anonymous.account.invitation.query({ token })).status).toBe('open');
      // No name and no password: the account has them, and its session proves it.
      const accepted = await org.reviewer.client.account.acceptInvitation.mutate({ token });
      expect(accepted).toMatchObject({ userId: org.reviewer.userId, isNewAccount: false });
      // Now in two organisations: creating a request must name one.
      expect(
        await codeOf(
          org.reviewer.client.request.create.mutate({
            title: 'Which org?',
            task: 'other',
            rewardCents: 0,
            budgetCents: 0,
          }),
        ),
      ).toBe('BAD_REQUEST');
      const request = await createRequest(org.reviewer, other.organisationId, {
        budgetCents: 0,
        rewardCents: 0,
      });
      expect(request.organisationId).toBe(other.organisationId);
    });
  });

  // Only suspensions were logged: an admin could promote, remove and invite without a trace.
  it('logs who created an organisation, invited, revoked, joined, changed a role and removed, with whom', async () => {
    const organisation = await operator.client.admin.organisation.create.mutate({
      name: `Audited ${dialect}`,
    });
    const organisationId = organisation.id;
    const email = `audited-${dialect}@example.com`;
    const { token, id: invitationId } = await operator.client.admin.member.invite.mutate({
      organisationId,
      email,
    });
    const revoked = await operator.client.admin.member.invite.mutate({
      organisationId,
      email: `revoked-${dialect}@example.com`,
      role: 'admin',
    });
    await operator.client.admin.member.revokeInvitation.mutate({ organisationId, invitationId: revoked.id });
    const { userId } = await app.anonymous.account.acceptInvitation.mutate({
      token,
      name: 'Audited',
      password: FIXTURE_PASSWORD,
    });
    await operator.client.admin.member.setRole.mutate({ organisationId, userId, role: 'admin' });
    await operator.client.admin.member.remove.mutate({ organisationId, userId });
    // A refused change logs nothing.
    await expect(operator.client.admin.member.remove.mutate({ organisationId, userId })).rejects.toThrow();

    const logged = [];
    for (const type of MEMBERSHIP_EVENT_TYPES) {
      const events = await operator.client.event.list.query({ type });
      logged.push(
        ...events
          .filter((event) => event.props.organisationId === organisationId)
          .map((event) => [
            event.type,
            event.actor?.email ?? null,
            event.props,
            event.subject?.email ?? null,
            event.organisation?.name ?? null,
            event.invitation?.email ?? null,
          ]),
      );
    }
    const named = { organisationId, organisationName: organisation.name };
    const revokedEmail = `revoked-${dialect}@example.com`;
    const org = organisation.name;
    expect(logged).toEqual([
      ['organisation.created', operator.email, named, null, org, null],
      [
        'member.invited',
        operator.email,
        { ...named, invitationId: revoked.id, email: revokedEmail, role: 'admin' },
        null,
        org,
        revokedEmail,
      ],
      [
        'member.invited',
        operator.email,
        { ...named, invitationId, email, role: 'reviewer' },
        null,
        org,
        email,
      ],
      // The revocation's record holds ids alone; the log names the invitation by whom it was for.
      [
        'invitation.revoked',
        operator.email,
        { organisationId, invitationId: revoked.id },
        null,
        org,
        revokedEmail,
      ],
      ['member.joined', email, { ...named, invitationId, userId, role: 'reviewer' }, email, org, email],
      ['member.role_changed', operator.email, { organisationId, userId, role: 'admin' }, email, org, null],
      ['member.removed', operator.email, { organisationId, userId }, email, org, null],
    ]);
  });

  describe('admin.member.invitations and revokeInvitation', () => {
    it('lists invitations not accepted, open or expired; an accepted one leaves the list', async () => {
      const open = await org.admin!.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email: `pending-${dialect}@example.com`,
      });
      const accepted = await org.admin!.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email: `joining-${dialect}@example.com`,
      });
      await app.anonymous.account.acceptInvitation.mutate({
        token: accepted.token,
        name: 'Joiner',
        password: FIXTURE_PASSWORD,
      });
      const list = await org.admin!.client.admin.member.invitations.query({
        organisationId: org.organisationId,
      });
      expect(list.find((i) => i.id === open.id)).toEqual({
        id: open.id,
        email: `pending-${dialect}@example.com`,
        role: 'reviewer',
        invitedAt: expect.any(String),
        expiresAt: open.expiresAt,
        status: 'open',
      });
      expect(list.map((i) => i.id)).not.toContain(accepted.id);
      // Nothing of the token is listed: the link cannot be shown again.
      expect(JSON.stringify(list)).not.toContain(open.token);
      const operatorList = await operator.client.admin.member.invitations.query({
        organisationId: org.organisationId,
      });
      expect(operatorList.map((i) => i.id)).toContain(open.id);
    });

    it('revoking ends the link at once; only an open invitation of that organisation can be revoked', async () => {
      const email = `revoked-${dialect}@example.com`;
      const { id, token } = await org.admin!.client.admin.member.invite.mutate({
        organisationId: org.organisationId,
        email,
      });
      // Another organisation's admin does not see this one (NOT_FOUND), nor can they revoke it through theirs.
      expect(
        await codeOf(
          other.admin!.client.admin.member.revokeInvitation.mutate({
            organisationId: org.organisationId,
            invitationId: id,
          }),
        ),
      ).toBe('NOT_FOUND');
      expect(
        await codeOf(
          other.admin!.client.admin.member.revokeInvitation.mutate({
            organisationId: other.organisationId,
            invitationId: id,
          }),
        ),
      ).toBe('NOT_FOUND');
      await org.admin!.client.admin.member.revokeInvitation.mutate({
        organisationId: org.organisationId,
        invitationId: id,
      });
      expect(await app.anonymous.account.invitation.query({ token })).toMatchObject({ status: 'expired' });
      await expect(
        app.anonymous.account.acceptInvitation.mutate({
          token,
          name: 'Too late',
          password: FIXTURE_PASSWORD,
        }),
      ).rejects.toThrow(/expired/);
      const listed = await org.admin!.client.admin.member.invitations.query({
        organisationId: org.organisationId,
      });
      expect(listed.find((i) => i.id === id)?.status).toBe('expired');
      expect(
        await codeOf(
          org.admin!.client.admin.member.revokeInvitation.mutate({
            organisationId: org.organisationId,
            invitationId: id,
          }),
        ),
      ).toBe('NOT_FOUND');
      expect(
        await codeOf(
          org.reviewer.client.admin.member.invitations.query({ organisationId: org.organisationId }),
        ),
      ).toBe('FORBIDDEN');
      const users = await app.services.db
        .selectFrom('user')
        .select('id')
        .where('email', '=', email)
        .execute();
      expect(users).toEqual([]);
    });
  });

  describe('admin.member.list and remove', () => {
    it('operators and the organisation admin list members; others cannot', async () => {
      const members = await org.admin!.client.admin.member.list.query({ organisationId: org.organisationId });
      expect(members.map((m) => m.userId)).toEqual(
        expect.arrayContaining([org.reviewer.userId, org.admin!.userId]),
      );
      expect(members.find((m) => m.userId === org.admin!.userId)).toMatchObject({ role: 'admin' });
      expect(
        await operator.client.admin.member.list.query({ organisationId: org.organisationId }),
      ).toHaveLength(members.length);
      expect(
        await codeOf(org.reviewer.client.admin.member.list.query({ organisationId: org.organisationId })),
      ).toBe('FORBIDDEN');
      expect(
        await codeOf(other.admin!.client.admin.member.list.query({ organisationId: org.organisationId })),
      ).toBe('NOT_FOUND');
      expect(
        await codeOf(contributor.client.admin.member.list.query({ organisationId: org.organisationId })),
      ).toBe('FORBIDDEN');
    });

    it('the admin removes a reviewer, who then can no longer post requests for it', async () => {
      const fixture = await createOrganisationWithReviewer(app, { operator, withAdmin: true });
      const input = { organisationId: fixture.organisationId, userId: fixture.reviewer.userId };
      expect(await codeOf(fixture.reviewer.client.admin.member.remove.mutate(input))).toBe('FORBIDDEN');
      expect(await codeOf(other.admin!.client.admin.member.remove.mutate(input))).toBe('NOT_FOUND');
      expect(await codeOf(contributor.client.admin.member.remove.mutate(input))).toBe('FORBIDDEN');
      expect(
        await codeOf(
          fixture.admin!.client.admin.member.remove.mutate({
            organisationId: fixture.organisationId,
            userId: fixture.admin!.userId,
          }),
        ),
      ).toBe('CONFLICT');
      expect(await fixture.admin!.client.admin.member.remove.mutate(input)).toMatchObject({ removed: true });
      expect(await codeOf(fixture.admin!.client.admin.member.remove.mutate(input))).toBe('NOT_FOUND');
      expect(await codeOf(createRequest(fixture.reviewer, fixture.organisationId))).toBe('NOT_FOUND');
    });
  });

  describe('admin.member.setRole', () => {
    it('an operator makes a reviewer an admin, who can then manage members; made a reviewer again, cannot', async () => {
      const fixture = await createOrganisationWithReviewer(app, { operator });
      const ref = { organisationId: fixture.organisationId };
      expect(await codeOf(fixture.reviewer.client.admin.member.list.query(ref))).toBe('FORBIDDEN');
      expect(
        await operator.client.admin.member.setRole.mutate({
          ...ref,
          userId: fixture.reviewer.userId,
          role: 'admin',
        }),
      ).toEqual({ ...ref, userId: fixture.reviewer.userId, role: 'admin' });
      const members = await fixture.reviewer.client.admin.member.list.query(ref);
      expect(members.find((m) => m.userId === fixture.reviewer.userId)).toMatchObject({ role: 'admin' });
      await operator.client.admin.member.setRole.mutate({
        ...ref,
        userId: fixture.reviewer.userId,
        role: 'reviewer',
      });
      expect(await codeOf(fixture.reviewer.client.admin.member.list.query(ref))).toBe('FORBIDDEN');
    });

    it("the organisation's admin changes others' roles, not their own; nobody else changes any", async () => {
      const fixture = await createOrganisationWithReviewer(app, { operator, withAdmin: true });
      const ref = { organisationId: fixture.organisationId };
      const promote = { ...ref, userId: fixture.reviewer.userId, role: 'admin' as const };
      expect(await codeOf(fixture.reviewer.client.admin.member.setRole.mutate(promote))).toBe('FORBIDDEN');
      expect(await codeOf(other.admin!.client.admin.member.setRole.mutate(promote))).toBe('NOT_FOUND');
      expect(await codeOf(contributor.client.admin.member.setRole.mutate(promote))).toBe('FORBIDDEN');
      expect(
        await codeOf(
          fixture.admin!.client.admin.member.setRole.mutate({
            ...ref,
            userId: fixture.admin!.userId,
            role: 'reviewer',
          }),
        ),
      ).toBe('CONFLICT');
      // None of the refusals changed anything.
      const before = await operator.client.admin.member.list.query(ref);
      expect(before.find((m) => m.userId === fixture.reviewer.userId)).toMatchObject({ role: 'reviewer' });
      expect(before.find((m) => m.userId === fixture.admin!.userId)).toMatchObject({ role: 'admin' });

      await fixture.admin!.client.admin.member.setRole.mutate(promote);
      const after = await operator.client.admin.member.list.query(ref);
      expect(after.find((m) => m.userId === fixture.reviewer.userId)).toMatchObject({ role: 'admin' });
      // A member of another organisation is not one of this organisation's members.
      expect(
        await codeOf(
          fixture.admin!.client.admin.member.setRole.mutate({
            ...ref,
            userId: other.reviewer.userId,
            role: 'admin',
          }),
        ),
      ).toBe('NOT_FOUND');
      expect(
        await fieldErrorsOf(
          fixture.admin!.client.admin.member.setRole.mutate({ ...promote, role: 'owner' as never }),
        ),
      ).toHaveProperty('role');
    });
  });

  describe('admin.user.list', () => {
    it('operators see users with emails, roles and organisations', async () => {
      const users = await operator.client.admin.user.list.query({
        role: 'reviewer',
        sort: 'email',
        limit: 200,
      });
      expect(users.every((u) => u.role === 'reviewer')).toBe(true);
      const emails = users.map((u) => u.email);
      expect(emails).toEqual([...emails].sort());
      expect(users.find((u) => u.id === org.reviewer.userId)).toMatchObject({
        email: org.reviewer.email,
        organisations: expect.arrayContaining([
          { id: org.organisationId, name: org.organisationName, role: 'reviewer' },
        ]),
      });
    });

    it('lists the newest accounts first by default, as the Users page says ("Newest first")', async () => {
      const older = await app.signUp();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const newer = await app.signUp();
      const users = await operator.client.admin.user.list.query({ role: 'contributor', limit: 200 });
      const joined = users.map((u) => u.createdAt);
      expect(joined).toEqual([...joined].sort().reverse());
      const ids = users.map((u) => u.id);
      expect(ids.indexOf(newer.userId)).toBeLessThan(ids.indexOf(older.userId));
      expect(ids[0]).toBe(newer.userId);
    });

    it('reviewers, contributors and anonymous callers cannot list users', async () => {
      expect(await codeOf(org.admin!.client.admin.user.list.query())).toBe('FORBIDDEN');
      expect(await codeOf(contributor.client.admin.user.list.query())).toBe('FORBIDDEN');
      expect(await codeOf(app.anonymous.admin.user.list.query())).toBe('UNAUTHORIZED');
    });

    it('refuses a sort field outside the allowlist', async () => {
      expect(
        await fieldErrorsOf(operator.client.admin.user.list.query({ sort: 'password' as never })),
      ).toHaveProperty('sort');
    });
  });

  it('inviteAndSignIn makes an admin who can invite in turn', async () => {
    const admin2 = await inviteAndSignIn(app, org.admin!, org.organisationId, { role: 'admin' });
    const reviewer = await inviteAndSignIn(app, admin2, org.organisationId);
    expect(await reviewer.client.account.me.query()).toMatchObject({ role: 'reviewer' });
  });
});

describe('npm run admin -- create-operator and reinstate', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/admin-cli.ts', ...args], {
      cwd: serverDir,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('creates an operator with a generated password printed once, and refuses a second run', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const env = { DATA_DIR: database.dataDir, ASSAY_OPERATOR_PASSWORD: '' };
      const first = run(['create-operator', 'Root@Example.com'], env);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      const password = /Password \(shown once[^)]*\): (\S+)/.exec(first.stdout)?.[1];
      expect(password).toMatch(/^[\w-]{20,}$/);

      const again = run(['create-operator', 'root@example.com'], env);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('already exists');

      const services = await createServices(parseEnv({ DATA_DIR: database.dataDir, LOG_LEVEL: 'silent' }));
      try {
        const user = await services.db
          .selectFrom('user')
          .select(['id', 'role'])
          .where('email', '=', 'root@example.com')
          .executeTakeFirstOrThrow();
        expect(user.role).toBe('operator');
        const signedIn = await services.auth.api.signInEmail({
          body: { email: 'root@example.com', password: password! },
        });
        expect(signedIn.user.id).toBe(user.id);
      } finally {
        await services.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('takes the password from ASSAY_OPERATOR_PASSWORD and never prints it', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const secret = 'a long operator secret';
      const result = run(['create-operator', 'ops@example.com'], {
        DATA_DIR: database.dataDir,
        ASSAY_OPERATOR_PASSWORD: secret,
      });
      expect(result.status).toBe(0);
      expect(result.stdout).not.toContain(secret);
      const handle = openDatabase({ dataDir: database.dataDir });
      try {
        const user = await handle.db.selectFrom('user').select('role').executeTakeFirstOrThrow();
        expect(user.role).toBe('operator');
      } finally {
        await handle.db.destroy();
      }
    } finally {
      await database.drop();
    }
  });

  it('reinstate lifts a suspension, the way back when no operator can sign in', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const env = { DATA_DIR: database.dataDir, ASSAY_OPERATOR_PASSWORD: 'a long operator secret' };
      expect(run(['create-operator', 'only@example.com'], env).status).toBe(0);
      const open = () => createServices(parseEnv({ DATA_DIR: database.dataDir, LOG_LEVEL: 'silent' }));
      let services = await open();
      const { id } = await services.db
        .selectFrom('user')
        .select('id')
        .where('email', '=', 'only@example.com')
        .executeTakeFirstOrThrow();
      // The only operator, suspended (by one since gone): nobody can sign in to reinstate them.
      await suspendUser(services.db, { id: crypto.randomUUID() }, { userId: id, reason: 'Locked out' });
      await services.close();

      const reinstated = run(['reinstate', 'Only@Example.com'], env);
      expect(reinstated.stderr).toBe('');
      expect(reinstated.stdout).toContain('Reinstated only@example.com');
      expect(reinstated.status).toBe(0);
      const again = run(['reinstate', 'only@example.com'], env);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('is not suspended');
      const unknown = run(['reinstate', 'nobody@example.com'], env);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('No account has the address nobody@example.com');

      services = await open();
      try {
        const user = await services.db
          .selectFrom('user')
          .select('suspendedAt')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(user.suspendedAt).toBeNull();
        const events = await services.db
          .selectFrom('event')
          .select(['actor_id', 'props'])
          .where('type', '=', 'user.reinstated')
          .execute();
        expect(events.map((e) => ({ actor: e.actor_id, props: JSON.parse(e.props) }))).toEqual([
          { actor: null, props: { userId: id, via: 'command line' } },
        ]);
        const signedIn = await services.auth.api.signInEmail({
          body: { email: 'only@example.com', password: 'a long operator secret' },
        });
        expect(signedIn.user.id).toBe(id);
      } finally {
        await services.close();
      }
    } finally {
      await database.drop();
    }
  });

  it.each([
    [['reinstate'], /exactly one email/],
    [['create-operator'], /exactly one email/],
    [['create-operator', 'not-an-email'], /exactly one email/],
    [['make-me-admin'], /Unknown command/],
  ])('exits 1 with usage for %j', (args, message) => {
    const result = run(args, { DATA_DIR: '/tmp/assay-never-used' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it('refuses a too-short ASSAY_OPERATOR_PASSWORD', () => {
    const result = run(['create-operator', 'a@example.com'], {
      DATA_DIR: '/tmp/assay-never-used',
      ASSAY_OPERATOR_PASSWORD: 'short',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ASSAY_OPERATOR_PASSWORD');
  });
});
