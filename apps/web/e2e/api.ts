import { setTimeout as sleep } from 'node:timers/promises';
import type { DataRequestInput, DraftManifest } from '@assay/schema';
import type { AppRouter } from '@assay/server';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

/**
 * Set-up for browser tests through the real API, over HTTP, as the web app calls it: what a test needs
 * to exist before the browser part that it is about.
 */

export type Api = ReturnType<typeof apiClient>;

/** A tRPC client of the running server, holding `cookie` (empty for nobody signed in). */
export function apiClient(url: string, cookie: string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/api/trpc`, headers: () => ({ cookie }) })],
  });
}

/** Signs up or in over better-auth's HTTP routes: a client holding the session, and its cookie. */
export async function authenticate(
  url: string,
  path: 'sign-up/email' | 'sign-in/email',
  who: Record<string, string>,
): Promise<{ api: Api; cookie: string }> {
  const response = await fetch(`${url}/api/auth/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(who),
  });
  if (!response.ok) throw new Error(`${path} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { api: apiClient(url, cookie), cookie };
}

/** A data request for support tickets labeled by urgency (as `ticketsCsv` and GOOD_CSV hold); `overrides` set what a test is about. */
export function ticketsRequest(
  overrides: Partial<Omit<DataRequestInput, 'organisationId'>> = {},
): Omit<DataRequestInput, 'organisationId'> {
  return {
    title: 'Tickets by urgency',
    description: 'Customer support tickets with an urgency label.',
    task: 'classification',
    requiredColumns: [
      { name: 'text', type: 'string' },
      { name: 'urgency', type: 'category' },
    ],
    labelSet: ['high', 'low'],
    minRows: 5,
    acceptedLicenses: ['CC-BY-4.0'],
    requiredConsentBasis: [],
    requiresCommercialUse: true,
    minQualityScore: 50,
    rewardCents: 1000,
    budgetCents: 10_000,
    deadline: null,
    ...overrides,
  };
}

/**
 * An organisation with one reviewer (invited by the operator, who must exist), signed in, and a data
 * request of theirs made from `request`.
 */
export async function organisationWithRequest(
  url: string,
  operator: { email: string; password: string },
  reviewer: { name: string; email: string; password: string },
  request: Omit<DataRequestInput, 'organisationId'>,
): Promise<{ reviewer: Api; organisationId: string; requestId: string }> {
  const { api: ops } = await authenticate(url, 'sign-in/email', operator);
  const organisation = await ops.admin.organisation.create.mutate({ name: `${reviewer.name}'s company` });
  const { token } = await ops.admin.member.invite.mutate({
    organisationId: organisation.id,
    email: reviewer.email,
    role: 'reviewer',
  });
  await apiClient(url, '').account.acceptInvitation.mutate({
    token,
    name: reviewer.name,
    password: reviewer.password,
  });
  const { api } = await authenticate(url, 'sign-in/email', reviewer);
  const { id: requestId } = await api.request.create.mutate({ ...request, organisationId: organisation.id });
  return { reviewer: api, organisationId: organisation.id, requestId };
}

/** A new submission (for `requestId`, or none) whose draft holds `csv`, uploaded, not submitted. */
export async function draftCsv(
  url: string,
  contributor: { api: Api; cookie: string },
  input: { requestId?: string; manifest: DraftManifest; csv: string },
): Promise<{ submissionId: string; versionId: string }> {
  const { api, cookie } = contributor;
  const draft = await api.submission.create.mutate({
    ...(input.requestId ? { requestId: input.requestId } : {}),
    manifest: input.manifest,
  });
  const upload = await fetch(`${url}/api/files/versions/${draft.versionId}`, {
    method: 'PUT',
    headers: { 'x-file-name': 'tickets.csv', cookie },
    body: input.csv,
  });
  if (upload.status !== 200) throw new Error(`Upload failed: ${upload.status} ${await upload.text()}`);
  return draft;
}

/**
 * A new submission (for `requestId`, or none) with `csv`, submitted and scored: resolves once its
 * version reaches one of `states` (scoring is a job of its own; the worker polls every 250 ms).
 */
export async function submitCsv(
  url: string,
  contributor: { api: Api; cookie: string },
  input: { requestId?: string; manifest: DraftManifest; csv: string; states: string[] },
): Promise<{ submissionId: string; versionId: string }> {
  const { api } = contributor;
  const { submissionId, versionId } = await draftCsv(url, contributor, input);
  await api.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
  for (const deadline = Date.now() + 60_000; ; await sleep(250)) {
    const { versions } = await api.submission.byId.query({ id: submissionId });
    const state = versions.at(-1)?.state ?? 'missing';
    if (input.states.includes(state)) return { submissionId, versionId };
    if (Date.now() > deadline)
      throw new Error(`Version ${versionId} is ${state}, not ${input.states.join(' or ')}, after 60 s`);
  }
}
