import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/routers/app.ts';
import { dialectsToRun } from './support/dialects.ts';
import { createOrganisationWithReviewer } from './support/fixtures.ts';
import { type Client, startTestApp, type TestApp } from './support/test-server.ts';

const dialects = await dialectsToRun();

type Role = 'anonymous' | 'contributor' | 'reviewer' | 'operator';
const ALL: Role[] = ['anonymous', 'contributor', 'reviewer', 'operator'];
const SIGNED_IN: Role[] = ['contributor', 'reviewer', 'operator'];

/**
 * Who may call what: every procedure of the app router, with the roles allowed through its role gate.
 * A procedure added without a line here fails the first test.
 */
const ROLES: Record<string, Role[]> = {
  'account.me': ALL,
  'account.invitation': ALL,
  'account.acceptInvitation': ALL,
  'health.get': ALL,
  'notification.list': SIGNED_IN,
  'notification.markRead': SIGNED_IN,
  'submission.create': ['contributor'],
  'submission.offer': ['contributor'],
  'submission.saveManifest': ['contributor'],
  'submission.submit': ['contributor'],
  'submission.withdraw': ['contributor'],
  'submission.scoring': ['contributor'],
  'submission.list': ['contributor'],
  'submission.byId': ['contributor'],
  'submission.record': ['contributor'],
  'submission.comparesWithAcceptedData': ['contributor'],
  'submission.version.create': ['contributor'],
  'request.create': ['reviewer'],
  'request.update': ['reviewer'],
  'request.close': ['reviewer'],
  'request.pending': ['reviewer'],
  'request.list': SIGNED_IN,
  'request.byId': SIGNED_IN,
  'review.queue': ['reviewer', 'operator'],
  'review.byId': ['reviewer', 'operator'],
  'review.findingRows': ['reviewer', 'operator'],
  'submission.version.findingRows': ['contributor'],
  'review.decide': ['reviewer'],
  'review.accepted': ['reviewer'],
  'ledger.balance': ['contributor'],
  'ledger.requestBudget': ['reviewer', 'operator'],
  'ledger.audit': ['operator'],
  'admin.organisation.create': ['operator'],
  'admin.organisation.list': ['operator'],
  'admin.member.invite': ['reviewer', 'operator'],
  'admin.member.list': ['reviewer', 'operator'],
  'admin.member.remove': ['reviewer', 'operator'],
  'admin.member.setRole': ['reviewer', 'operator'],
  'admin.member.invitations': ['reviewer', 'operator'],
  'admin.member.revokeInvitation': ['reviewer', 'operator'],
  'admin.user.list': ['operator'],
  'admin.user.suspend': ['operator'],
  'admin.user.reinstate': ['operator'],
  'event.record': SIGNED_IN,
  'event.list': ['operator'],
  'analytics.funnel': ['operator'],
  'analytics.friction': ['operator'],
  'analytics.acceptanceCurve': ['operator'],
  'analytics.supplyDemand': ['operator'],
  'analytics.rebuild': ['operator'],
  'settings.scoring': SIGNED_IN,
  'settings.threshold': ['operator'],
  'settings.setThreshold': ['operator'],
  // On a server without SIMULATED_CLOCK (as here) operators get NOT_FOUND, as if the procedures were absent.
  'simulation.clock.get': ['operator'],
  'simulation.clock.set': ['operator'],
};

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: 'query' | 'mutation' | 'subscription' } }
>;

/** Calls a procedure by path with an empty input; resolves to the error code, or 'OK'. */
async function call(client: Client, path: string): Promise<string> {
  const type = procedures[path]!._def.type;
  const target = path.split('.').reduce<any>((node, key) => node[key], client);
  try {
    if (type === 'subscription') {
      return await new Promise<string>((resolve) => {
        const sub = target.subscribe(
          {},
          {
            onData: () => {
              sub.unsubscribe();
              resolve('OK');
            },
            onError: (error: unknown) => resolve(codeOfError(error)),
          },
        );
      });
    }
    await (type === 'query' ? target.query({}) : target.mutate({}));
    return 'OK';
  } catch (error) {
    return codeOfError(error);
  }
}

const codeOfError = (error: unknown) =>
  error instanceof TRPCClientError ? String((error.data as { code?: string } | undefined)?.code) : 'THROWN';

describe('the role table', () => {
  it('declares every procedure of the app router, and nothing else', () => {
    const present = Object.keys(procedures).sort();
    expect(present.filter((path) => !(path in ROLES))).toEqual([]);
    expect(Object.keys(ROLES).filter((path) => present.includes(path)).length).toBe(present.length);
  });
});

describe.each(dialects)('role gates on %s', (dialect) => {
  let app: TestApp;
  const clients = {} as Record<Role, Client>;
  beforeAll(async () => {
    app = await startTestApp(dialect);
    const org = await createOrganisationWithReviewer(app);
    clients.anonymous = app.anonymous;
    clients.contributor = (await app.signUp()).client;
    clients.reviewer = org.reviewer.client;
    clients.operator = org.operator.client;
  });
  afterAll(() => app?.stop());

  const cases = Object.keys(procedures)
    .filter((path) => path in ROLES)
    .flatMap((path) => ALL.map((role) => [path, role, ROLES[path]!.includes(role)] as const));

  it.each(cases)('%s as %s: allowed=%s', async (path, role, allowed) => {
    const code = await call(clients[role], path);
    if (allowed) expect(['UNAUTHORIZED', 'FORBIDDEN']).not.toContain(code);
    else expect(code).toBe(role === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN');
  });
});
