import type { DataRequest, DataRequestInput } from '@assay/schema';
import { createOperator as createOperatorAccount } from '../../src/admin/create-operator.ts';
import type { SignedInClient, TestApp } from './test-server.ts';

/**
 * Shared set-up for API tests, always through the real API where one exists: an operator (made as the
 * CLI makes one, then signed in over HTTP), an organisation with an invited reviewer, a data request.
 */

export const FIXTURE_PASSWORD = 'correct horse battery';

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}-${Date.now().toString(36)}`;

/** A signed-in operator. */
export async function createOperator(app: TestApp, email = `${unique('operator')}@example.com`) {
  await createOperatorAccount(app.services, { email, password: FIXTURE_PASSWORD });
  return app.signIn(email, FIXTURE_PASSWORD);
}

/** Invites `email` to the organisation (as `inviter`), accepts, and signs the new member in. */
export async function inviteAndSignIn(
  app: TestApp,
  inviter: SignedInClient,
  organisationId: string,
  options: { email?: string; role?: 'reviewer' | 'admin' } = {},
): Promise<SignedInClient> {
  const email = options.email ?? `${unique(options.role ?? 'reviewer')}@example.com`;
  const { token } = await inviter.client.admin.member.invite.mutate({
    organisationId,
    email,
    role: options.role ?? 'reviewer',
  });
  await app.anonymous.account.acceptInvitation.mutate({
    token,
    name: email.split('@')[0]!,
    password: FIXTURE_PASSWORD,
  });
  return app.signIn(email, FIXTURE_PASSWORD);
}

export interface OrganisationFixture {
  organisationId: string;
  organisationName: string;
  /** A signed-in reviewer of the organisation. */
  reviewer: SignedInClient;
  /** A signed-in admin of the organisation, when asked for with `withAdmin`. */
  admin?: SignedInClient;
  operator: SignedInClient;
}

/** An organisation (created by an operator) with one signed-in reviewer, and optionally an admin. */
export async function createOrganisationWithReviewer(
  app: TestApp,
  options: { operator?: SignedInClient; name?: string; withAdmin?: boolean } = {},
): Promise<OrganisationFixture> {
  const operator = options.operator ?? (await createOperator(app));
  const organisation = await operator.client.admin.organisation.create.mutate({
    name: options.name ?? unique('Org '),
  });
  const reviewer = await inviteAndSignIn(app, operator, organisation.id);
  const admin = options.withAdmin
    ? await inviteAndSignIn(app, operator, organisation.id, { role: 'admin' })
    : undefined;
  return {
    organisationId: organisation.id,
    organisationName: organisation.name,
    reviewer,
    ...(admin ? { admin } : {}),
    operator,
  };
}

/** A valid data request input: classification of support tickets, 10 € reward, 100 € budget. */
export function requestInput(overrides: Partial<DataRequestInput> = {}) {
  return {
    title: 'Support tickets labeled by urgency',
    description: 'Customer support tickets with an urgency label.',
    task: 'classification' as const,
    requiredColumns: [
      { name: 'text', type: 'string' as const },
      { name: 'urgency', type: 'category' as const },
    ],
    labelSet: ['high', 'low'],
    minRows: 10,
    acceptedLicenses: ['CC-BY-4.0', 'CC0-1.0'],
    requiredConsentBasis: [],
    requiresCommercialUse: true,
    minQualityScore: 0,
    rewardCents: 1000,
    budgetCents: 10_000,
    deadline: null,
    ...overrides,
  };
}

/** Posts a data request as the reviewer (see {@link requestInput} for the defaults). */
export function createRequest(
  reviewer: SignedInClient,
  organisationId: string,
  overrides: Partial<DataRequestInput> = {},
): Promise<DataRequest> {
  return reviewer.client.request.create.mutate({ ...requestInput(overrides), organisationId });
}
