import { acceptancesLeft } from '@assay/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payForAcceptance } from '../src/ledger/post-transaction.ts';
import { GOOD_CSV, GOOD_MANIFEST } from './support/datasets.ts';
import { dialectsToRun } from './support/dialects.ts';
import {
  createOperator,
  createOrganisationWithReviewer,
  createRequest,
  type OrganisationFixture,
  requestInput,
} from './support/fixtures.ts';
import {
  codeOf,
  errorOf,
  fieldErrorsOf,
  hideStoredFile,
  type SignedInClient,
  startTestApp,
  type TestApp,
  uploadFile,
  waitForState,
} from './support/test-server.ts';

const dialects = await dialectsToRun();

describe.each(dialects)('request on %s', (dialect) => {
  let app: TestApp;
  let operator: SignedInClient;
  let contributor: SignedInClient;
  let org: OrganisationFixture;
  let other: OrganisationFixture;

  const countRequests = async () =>
    Number(
      (
        await app.services.db
          .selectFrom('data_request')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const entriesOf = (requestId: string) =>
    app.services.db
      .selectFrom('ledger_entry')
      .select(['transaction_id', 'account', 'amount_cents', 'memo'])
      .where('request_id', '=', requestId)
      .orderBy('id')
      .execute();
  const eventsOf = (requestId: string) =>
    app.services.db
      .selectFrom('event')
      .select(['type', 'actor_id', 'props'])
      .where('request_id', '=', requestId)
      .orderBy('id')
      .execute();

  /** A request with a budget of 10,000 cents and a reward of 4,000, paid once (as an acceptance pays). */
  const requestPaidOnce = async () => {
    const request = await createRequest(org.reviewer, org.organisationId, {
      budgetCents: 10_000,
      rewardCents: 4_000,
    });
    await app.services.db.transaction().execute((trx) =>
      payForAcceptance(trx, {
        requestId: request.id,
        versionId: crypto.randomUUID(),
        contributorId: contributor.userId,
        rewardCents: 4_000,
      }),
    );
    return request;
  };

  beforeAll(async () => {
    app = await startTestApp(dialect);
    operator = await createOperator(app);
    contributor = await app.signUp();
    org = await createOrganisationWithReviewer(app, { operator });
    other = await createOrganisationWithReviewer(app, { operator });
  });
  afterAll(() => app?.stop());

  describe('request.create', () => {
    it('a reviewer posts a request for their organisation; its budget is funded and an event recorded', async () => {
      const request = await createRequest(org.reviewer, org.organisationId, { budgetCents: 25_000 });
      expect(request).toMatchObject({
        ...requestInput({ budgetCents: 25_000 }),
        organisationId: org.organisationId,
        organisationName: org.organisationName,
        status: 'open',
        budgetLeftCents: 25_000,
      });
      expect(Number.isNaN(Date.parse(request.createdAt))).toBe(false);
      const entries = await entriesOf(request.id);
      expect(entries.map((e) => [e.account, Number(e.amount_cents)])).toEqual([
        [`org:${org.organisationId}`, -25_000],
        [`request:${request.id}`, 25_000],
      ]);
      expect(new Set(entries.map((e) => e.transaction_id)).size).toBe(1);
      const events = await eventsOf(request.id);
      expect(events.map((e) => e.type)).toEqual(['request.created']);
      expect(events[0]!.actor_id).toBe(org.reviewer.userId);
    });

    it('without a budget, posts no ledger entries', async () => {
      const request = await createRequest(org.reviewer, org.organisationId, {
        budgetCents: 0,
        rewardCents: 0,
      });
      expect(await entriesOf(request.id)).toEqual([]);
      // Without a reward, acceptances cost nothing: there is no count of them left to show.
      expect(request.budgetLeftCents).toBe(0);
      expect(acceptancesLeft(request)).toBeNull();
    });

    it('a reviewer with one organisation may leave organisationId out', async () => {
      const request = await org.reviewer.client.request.create.mutate(requestInput());
      expect(request.organisationId).toBe(org.organisationId);
    });

    it('contributors, operators and anonymous callers cannot create requests', async () => {
      const before = await countRequests();
      const input = { ...requestInput(), organisationId: org.organisationId };
      expect(await codeOf(contributor.client.request.create.mutate(input))).toBe('FORBIDDEN');
      expect(await codeOf(operator.client.request.create.mutate(input))).toBe('FORBIDDEN');
      expect(await codeOf(app.anonymous.request.create.mutate(input))).toBe('UNAUTHORIZED');
      expect(await countRequests()).toBe(before);
    });

    it('a reviewer cannot post for another organisation: NOT_FOUND', async () => {
      expect(await codeOf(createRequest(org.reviewer, other.organisationId))).toBe('NOT_FOUND');
    });

    it('bad input gets a field error per field and creates nothing', async () => {
      const before = await countRequests();
      const errors = await fieldErrorsOf(
        org.reviewer.client.request.create.mutate({
          ...requestInput(),
          title: 'x',
          rewardCents: -5,
          task: 'clustering' as never,
          minQualityScore: 101,
        }),
      );
      expect(Object.keys(errors).sort()).toEqual(['minQualityScore', 'rewardCents', 'task', 'title']);
      expect(await codeOf(createRequest(org.reviewer, org.organisationId, { rewardCents: 10.5 }))).toBe(
        'BAD_REQUEST',
      );
      expect(
        await codeOf(createRequest(org.reviewer, org.organisationId, { deadline: '2001-01-01T00:00:00Z' })),
      ).toBe('BAD_REQUEST');
      expect(await countRequests()).toBe(before);
    });

    it('a __proto__ key is refused, not merged', async () => {
      const before = await countRequests();
      const polluted = JSON.parse(
        JSON.stringify({ ...requestInput(), organisationId: org.organisationId }).replace(
          /^\{/,
          '{"__proto__":{"status":"closed","polluted":true},',
        ),
      );
      expect(Object.keys(polluted)).toContain('__proto__');
      expect(await codeOf(org.reviewer.client.request.create.mutate(polluted))).toBe('BAD_REQUEST');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await countRequests()).toBe(before);
    });
  });

  describe('refusals a person can read, at their field', () => {
    it('names money, title and deadline limits in words, not zod defaults', async () => {
      const before = await countRequests();
      const errors = await fieldErrorsOf(
        org.reviewer.client.request.create.mutate({
          ...requestInput(),
          organisationId: org.organisationId,
          title: 'T'.repeat(201),
          budgetCents: 1e22,
          rewardCents: -500,
          deadline: '2027-13-45T23:59:59Z',
        }),
      );
      expect(errors).toEqual({
        title: ['Keep the title to at most 200 characters'],
        budgetCents: ['Enter a budget of at most €10,000,000.00'],
        rewardCents: ['The reward cannot be negative'],
        deadline: ['There is no day 2027-13-45: check the date'],
      });
      expect(await countRequests()).toBe(before);
    });

    it('refuses a past deadline at the deadline field, on create and on update', async () => {
      const before = await countRequests();
      expect(
        await fieldErrorsOf(
          createRequest(org.reviewer, org.organisationId, { deadline: '2001-01-01T00:00:00Z' }),
        ),
      ).toEqual({ deadline: ['The deadline 2001-01-01 has already passed: choose a later date'] });
      expect(await countRequests()).toBe(before);
      const request = await createRequest(org.reviewer, org.organisationId);
      expect(
        await fieldErrorsOf(
          org.reviewer.client.request.update.mutate({ id: request.id, deadline: '2001-01-01T00:00:00Z' }),
        ),
      ).toEqual({ deadline: ['The deadline 2001-01-01 has already passed: choose a later date'] });
    });

    it('refuses a licence id SPDX does not know, and a column listed twice, on create and on update', async () => {
      const before = await countRequests();
      expect(
        await fieldErrorsOf(
          createRequest(org.reviewer, org.organisationId, { acceptedLicenses: ['NOT-A-LICENCE'] }),
        ),
      ).toEqual({
        acceptedLicenses: [
          '“NOT-A-LICENCE” is not an SPDX licence id: use one from spdx.org/licenses, such as CC-BY-4.0 or MIT',
        ],
      });
      expect(
        await fieldErrorsOf(
          createRequest(org.reviewer, org.organisationId, {
            requiredColumns: [
              { name: 'text', type: 'string' },
              { name: 'text', type: 'category' },
            ],
          }),
        ),
      ).toEqual({
        requiredColumns: ['Column “text” is listed twice: a file has one column of a name, of one type'],
      });
      expect(await countRequests()).toBe(before);
      const request = await createRequest(org.reviewer, org.organisationId, { acceptedLicenses: ['MIT'] });
      expect(
        await fieldErrorsOf(
          org.reviewer.client.request.update.mutate({
            id: request.id,
            acceptedLicenses: ['MIT', 'cc-by-4.0', 'FOO-1.0'],
          }),
        ),
      ).toEqual({
        // Every unknown id at once, so that one post names each.
        acceptedLicenses: [
          'SPDX spells “cc-by-4.0” as “CC-BY-4.0”; “FOO-1.0” is not an SPDX licence id: use one from spdx.org/licenses, such as CC-BY-4.0 or MIT',
        ],
      });
      const stored = await org.reviewer.client.request.byId.query({ id: request.id });
      expect(stored.acceptedLicenses).toEqual(['MIT']);
    });

    it('keeps labels and column names without the spaces typed around them; a blank one is refused', async () => {
      const request = await createRequest(org.reviewer, org.organisationId, {
        labelSet: ['high', 'low '],
        requiredColumns: [{ name: ' text ', type: 'string' }],
      });
      expect(request).toMatchObject({ labelSet: ['high', 'low'], requiredColumns: [{ name: 'text' }] });
      const before = await countRequests();
      expect(
        await fieldErrorsOf(createRequest(org.reviewer, org.organisationId, { labelSet: ['high', ' '] })),
      ).toEqual({ labelSet: ['A label cannot be empty'] });
      expect(
        await fieldErrorsOf(createRequest(org.reviewer, org.organisationId, { labelSet: ['low', 'low '] })),
      ).toEqual({ labelSet: ['Label “low” is listed twice'] });
      expect(
        await fieldErrorsOf(
          createRequest(org.reviewer, org.organisationId, {
            requiredColumns: [{ name: ' ', type: 'string' }],
          }),
        ),
      ).toEqual({ requiredColumns: ['Give each required column a name, as name:type'] });
      expect(await countRequests()).toBe(before);
      const edited = await org.reviewer.client.request.update.mutate({
        id: request.id,
        labelSet: [' urgent'],
      });
      expect(edited.labelSet).toEqual(['urgent']);
      // One stored with the space before it was trimmed still reads.
      await app.services.db
        .updateTable('data_request')
        .set({ label_set: JSON.stringify(['low ']) })
        .where('id', '=', request.id)
        .execute();
      expect((await org.reviewer.client.request.byId.query({ id: request.id })).labelSet).toEqual(['low ']);
    });

    it('refuses a non-zero reward larger than the whole budget, and writes nothing', async () => {
      const before = await countRequests();
      const overBudget =
        'The reward (€15.00) is more than the whole budget (€10.00): lower the reward or raise the budget';
      expect(
        await fieldErrorsOf(
          createRequest(org.reviewer, org.organisationId, { rewardCents: 1500, budgetCents: 1000 }),
        ),
      ).toEqual({ rewardCents: [overBudget] });
      expect(await countRequests()).toBe(before);
      // No reward, no budget: acceptances cost nothing, which is allowed.
      await createRequest(org.reviewer, org.organisationId, { rewardCents: 0, budgetCents: 0 });

      const request = await createRequest(org.reviewer, org.organisationId, {
        rewardCents: 1000,
        budgetCents: 1000,
      });
      const entriesBefore = await entriesOf(request.id);
      // Either amount alone is checked against the other as stored.
      expect(
        await fieldErrorsOf(org.reviewer.client.request.update.mutate({ id: request.id, rewardCents: 1500 })),
      ).toEqual({ rewardCents: [overBudget] });
      expect(
        await fieldErrorsOf(org.reviewer.client.request.update.mutate({ id: request.id, budgetCents: 500 })),
      ).toEqual({
        budgetCents: [
          'The reward (€10.00) is more than the whole budget (€5.00): lower the reward or raise the budget',
        ],
      });
      expect(
        await fieldErrorsOf(
          org.reviewer.client.request.update.mutate({ id: request.id, rewardCents: 1500, budgetCents: 1000 }),
        ),
      ).toEqual({ rewardCents: [overBudget] });
      expect(await entriesOf(request.id)).toEqual(entriesBefore);
      expect(await contributor.client.request.byId.query({ id: request.id })).toMatchObject({
        rewardCents: 1000,
        budgetCents: 1000,
      });
    });

    it('with money paid out, the reward is held to the whole budget, not to what is left', async () => {
      const request = await requestPaidOnce();
      // 6,000 left: a reward of 8,000 fits the budget of 10,000, and shows as spent until it is raised.
      const raised = await org.reviewer.client.request.update.mutate({ id: request.id, rewardCents: 8_000 });
      expect(raised).toMatchObject({ rewardCents: 8_000, budgetCents: 10_000, budgetLeftCents: 6_000 });
      expect(acceptancesLeft(raised)).toBe(0);
      // The title, with the amounts as they are, is saved as the form sends it.
      const renamed = await org.reviewer.client.request.update.mutate({
        id: request.id,
        title: 'Tickets, part paid',
        rewardCents: 8_000,
        budgetCents: 10_000,
      });
      expect(renamed.title).toBe('Tickets, part paid');
      // Lowering the budget below what was paid is still named at the budget.
      expect(
        Object.keys(
          await fieldErrorsOf(
            org.reviewer.client.request.update.mutate({ id: request.id, rewardCents: 0, budgetCents: 3_000 }),
          ),
        ),
      ).toEqual(['budgetCents']);
    });
  });

  describe('request.update', () => {
    it('changes only the fields given', async () => {
      const request = await createRequest(org.reviewer, org.organisationId);
      const deadline = new Date(Date.now() + 86_400_000).toISOString();
      const updated = await org.reviewer.client.request.update.mutate({
        id: request.id,
        title: 'Urgent tickets only',
        deadline,
      });
      expect(updated).toEqual({ ...request, title: 'Urgent tickets only', deadline });
      expect((await org.reviewer.client.request.byId.query({ id: request.id })).title).toBe(
        'Urgent tickets only',
      );
    });

    it('raising the budget posts the difference; lowering returns it', async () => {
      const request = await createRequest(org.reviewer, org.organisationId, { budgetCents: 10_000 });
      await org.reviewer.client.request.update.mutate({ id: request.id, budgetCents: 15_000 });
      await org.reviewer.client.request.update.mutate({ id: request.id, budgetCents: 12_000 });
      const entries = await entriesOf(request.id);
      expect(
        entries.filter((e) => e.account.startsWith('request:')).map((e) => Number(e.amount_cents)),
      ).toEqual([10_000, 5_000, -3_000]);
      const budget = await org.reviewer.client.ledger.requestBudget.query({ requestId: request.id });
      expect(budget).toMatchObject({ offeredCents: 12_000, remainingCents: 12_000, paidCents: 0 });
    });

    it("reads, lists and edits a request stored before today's limits (a reward over its budget, a huge minimum)", async () => {
      const request = await createRequest(org.reviewer, org.organisationId, {
        title: 'From before the limits',
      });
      await app.services.db
        .updateTable('data_request')
        .set({ min_rows: 2_000_000_000, reward_cents: 5_000, budget_cents: 1_000 })
        .where('id', '=', request.id)
        .execute();
      const read = await org.reviewer.client.request.byId.query({ id: request.id });
      expect(read).toMatchObject({ minRows: 2_000_000_000, rewardCents: 5_000, budgetCents: 1_000 });
      const listed = await org.reviewer.client.request.list.query({
        isOwnOnly: true,
        status: 'all',
        limit: 200,
        offset: 0,
      });
      expect(listed.map((r) => r.id)).toContain(request.id);
      // The editor sends the amounts as they are: unchanged, they are not held to the new rule.
      const edited = await org.reviewer.client.request.update.mutate({
        id: request.id,
        title: 'From before the limits, renamed',
        rewardCents: 5_000,
        budgetCents: 1_000,
      });
      expect(edited.title).toBe('From before the limits, renamed');
      // Changing one of them is held to it.
      expect(
        await fieldErrorsOf(
          org.reviewer.client.request.update.mutate({ id: request.id, rewardCents: 4_000 }),
        ),
      ).toEqual({
        rewardCents: [expect.stringMatching(/^The reward \(€40\.00\) is more than the whole budget/)],
      });
    });

    it('cannot lower the budget below what has been paid out', async () => {
      const request = await requestPaidOnce();
      // Everyone who reads the request sees what is left to pay with: one more reward of 4,000.
      const paidOnce = await contributor.client.request.byId.query({ id: request.id });
      expect(paidOnce.budgetLeftCents).toBe(6_000);
      expect(acceptancesLeft(paidOnce)).toBe(1);
      const listed = await contributor.client.request.list.query({ status: 'open', limit: 200, offset: 0 });
      expect(listed.find((r) => r.id === request.id)?.budgetLeftCents).toBe(6_000);
      await expect(
        org.reviewer.client.request.update.mutate({ id: request.id, budgetCents: 3_000 }),
      ).rejects.toThrow('The budget cannot go below the €40.00 already paid out (asked for €30.00)');
      const updated = await org.reviewer.client.request.update.mutate({ id: request.id, budgetCents: 4_000 });
      expect(updated.budgetCents).toBe(4_000);
      expect(updated.budgetLeftCents).toBe(0);
      expect(acceptancesLeft(updated)).toBe(0);
      expect(await org.reviewer.client.ledger.requestBudget.query({ requestId: request.id })).toMatchObject({
        offeredCents: 4_000,
        paidCents: 4_000,
        remainingCents: 0,
      });
    });

    it('a reviewer of another organisation gets NOT_FOUND; contributors and operators are refused', async () => {
      const request = await createRequest(org.reviewer, org.organisationId);
      expect(
        await codeOf(other.reviewer.client.request.update.mutate({ id: request.id, title: 'Mine now' })),
      ).toBe('NOT_FOUND');
      expect(
        await codeOf(contributor.client.request.update.mutate({ id: request.id, title: 'Mine now' })),
      ).toBe('FORBIDDEN');
      expect(await codeOf(operator.client.request.update.mutate({ id: request.id, title: 'Mine now' }))).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(app.anonymous.request.update.mutate({ id: request.id, title: 'Mine now' }))).toBe(
        'UNAUTHORIZED',
      );
      expect((await org.reviewer.client.request.byId.query({ id: request.id })).title).toBe(request.title);
    });

    it('refuses unknown keys, bad values and a closed request', async () => {
      const request = await createRequest(org.reviewer, org.organisationId);
      expect(
        await fieldErrorsOf(org.reviewer.client.request.update.mutate({ id: request.id, minRows: -1 })),
      ).toHaveProperty('minRows');
      expect(
        await codeOf(org.reviewer.client.request.update.mutate({ id: request.id, status: 'open' } as never)),
      ).toBe('BAD_REQUEST');
      await org.reviewer.client.request.close.mutate({ id: request.id });
      expect(
        await codeOf(org.reviewer.client.request.update.mutate({ id: request.id, title: 'Reopen?' })),
      ).toBe('CONFLICT');
    });
  });

  describe('request.close', () => {
    it('closes, refunds what is left and records request.closed; a second close is a CONFLICT', async () => {
      const request = await createRequest(org.reviewer, org.organisationId, {
        budgetCents: 9_000,
        rewardCents: 2_000,
      });
      await app.services.db.transaction().execute((trx) =>
        payForAcceptance(trx, {
          requestId: request.id,
          versionId: crypto.randomUUID(),
          contributorId: contributor.userId,
          rewardCents: 2_000,
        }),
      );
      const closed = await org.reviewer.client.request.close.mutate({ id: request.id });
      expect(closed.status).toBe('closed');
      // What was left went back to the organisation.
      expect(closed.budgetLeftCents).toBe(0);
      const budget = await org.reviewer.client.ledger.requestBudget.query({ requestId: request.id });
      expect(budget).toMatchObject({
        fundedCents: 9_000,
        paidCents: 2_000,
        returnedCents: 7_000,
        remainingCents: 0,
      });
      const events = await eventsOf(request.id);
      expect(events.map((e) => e.type)).toEqual(['request.created', 'ledger.paid', 'request.closed']);
      expect(JSON.parse(events[2]!.props)).toEqual({ refundedCents: 7_000 });
      // The log names the contributor paid, not only their id.
      const [paid] = await operator.client.event.list.query({
        type: 'ledger.paid',
        requestId: request.id,
      });
      expect(paid?.subject).toMatchObject({
        id: contributor.userId,
        email: contributor.email,
        role: 'contributor',
      });
      expect(await codeOf(org.reviewer.client.request.close.mutate({ id: request.id }))).toBe('CONFLICT');
      expect((await entriesOf(request.id)).length).toBe(6);
    });

    it('is refused while submissions await a decision or scoring, saying which, changing nothing; closes once they are decided', async () => {
      const request = await createRequest(org.reviewer, org.organisationId, {
        budgetCents: 5_000,
        rewardCents: 1_000,
      });
      const pending = () => org.reviewer.client.request.pending.query({ id: request.id });
      const refusal = async () => {
        const closing = org.reviewer.client.request.close.mutate({ id: request.id });
        expect(await codeOf(closing)).toBe('CONFLICT');
        return (await errorOf(closing)).message;
      };
      // A version whose file cannot be read stays submitted or scoring (retried) until it is put back.
      const submitStuck = async () => {
        const { versionId } = await contributor.client.submission.create.mutate({
          requestId: request.id,
          manifest: GOOD_MANIFEST,
        });
        expect((await uploadFile(app.url, contributor.cookie, versionId, GOOD_CSV)).status).toBe(200);
        const putBack = await hideStoredFile(app, versionId);
        await contributor.client.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
        return { versionId, putBack };
      };

      const first = await submitStuck();
      expect(await pending()).toEqual({ awaitingDecision: 0, beingScored: 1 });
      expect(await refusal()).toBe(
        '1 submission to this request is being scored: decide it before closing the request',
      );
      await first.putBack();
      await waitForState(app, first.versionId, ['in_review']);
      expect(await pending()).toEqual({ awaitingDecision: 1, beingScored: 0 });
      expect(await refusal()).toBe(
        '1 submission to this request awaits a decision: decide it before closing the request',
      );
      const second = await submitStuck();
      expect(await pending()).toEqual({ awaitingDecision: 1, beingScored: 1 });
      expect(await refusal()).toBe(
        '1 submission to this request awaits a decision and 1 is being scored: decide them before closing the request',
      );
      await second.putBack();
      await waitForState(app, second.versionId, ['in_review']);
      expect(await pending()).toEqual({ awaitingDecision: 2, beingScored: 0 });

      expect((await org.reviewer.client.request.byId.query({ id: request.id })).status).toBe('open');
      expect((await eventsOf(request.id)).map((e) => e.type)).not.toContain('request.closed');
      expect(await entriesOf(request.id)).toHaveLength(2);
      for (const { versionId } of [first, second]) {
        await org.reviewer.client.review.decide.mutate({
          versionId,
          decision: 'reject',
          reasonCodes: ['fit.not-requested'],
          comment: 'We are closing this request.',
          timeSpentMs: 1_000,
        });
      }
      expect(await pending()).toEqual({ awaitingDecision: 0, beingScored: 0 });
      const closed = await org.reviewer.client.request.close.mutate({ id: request.id });
      expect(closed).toMatchObject({ status: 'closed', budgetLeftCents: 0 });
    });

    it("only the organisation's reviewers read what keeps its request open", async () => {
      const request = await createRequest(org.reviewer, org.organisationId);
      expect(await codeOf(other.reviewer.client.request.pending.query({ id: request.id }))).toBe('NOT_FOUND');
      expect(await codeOf(contributor.client.request.pending.query({ id: request.id }))).toBe('FORBIDDEN');
      expect(await codeOf(org.reviewer.client.request.pending.query({ id: crypto.randomUUID() }))).toBe(
        'NOT_FOUND',
      );
    });

    it("others cannot close an organisation's request", async () => {
      const request = await createRequest(org.reviewer, org.organisationId);
      expect(await codeOf(other.reviewer.client.request.close.mutate({ id: request.id }))).toBe('NOT_FOUND');
      expect(await codeOf(contributor.client.request.close.mutate({ id: request.id }))).toBe('FORBIDDEN');
      expect(await codeOf(app.anonymous.request.close.mutate({ id: request.id }))).toBe('UNAUTHORIZED');
      expect(await codeOf(org.reviewer.client.request.close.mutate({ id: crypto.randomUUID() }))).toBe(
        'NOT_FOUND',
      );
      expect((await org.reviewer.client.request.byId.query({ id: request.id })).status).toBe('open');
    });
  });

  describe('request.list and request.byId', () => {
    let openOfOrg: string;
    let closedOfOrg: string;
    let openOfOther: string;
    let closedOfOther: string;

    beforeAll(async () => {
      openOfOrg = (await createRequest(org.reviewer, org.organisationId, { title: 'Open of org' })).id;
      closedOfOrg = (await createRequest(org.reviewer, org.organisationId, { title: 'Closed of org' })).id;
      openOfOther = (await createRequest(other.reviewer, other.organisationId, { title: 'Open of other' }))
        .id;
      closedOfOther = (
        await createRequest(other.reviewer, other.organisationId, { title: 'Closed of other' })
      ).id;
      await org.reviewer.client.request.close.mutate({ id: closedOfOrg });
      await other.reviewer.client.request.close.mutate({ id: closedOfOther });
    });

    const ids = (list: { id: string }[]) => list.map((r) => r.id);

    it('every signed-in user lists open requests, newest first; anonymous callers cannot', async () => {
      const list = await contributor.client.request.list.query({ limit: 200 });
      expect(list.every((r) => r.status === 'open')).toBe(true);
      expect(ids(list)).toEqual(expect.arrayContaining([openOfOrg, openOfOther]));
      expect(ids(list).indexOf(openOfOther)).toBeLessThan(ids(list).indexOf(openOfOrg));
      expect(await codeOf(app.anonymous.request.list.query())).toBe('UNAUTHORIZED');
    });

    it('filters by organisation', async () => {
      const list = await contributor.client.request.list.query({ organisationId: other.organisationId });
      expect(new Set(list.map((r) => r.organisationId))).toEqual(new Set([other.organisationId]));
    });

    it("reviewers see their own organisation's closed requests, never another's", async () => {
      const all = ids(await org.reviewer.client.request.list.query({ status: 'all', limit: 200 }));
      expect(all).toEqual(expect.arrayContaining([openOfOrg, closedOfOrg, openOfOther]));
      expect(all).not.toContain(closedOfOther);
      const closed = ids(await org.reviewer.client.request.list.query({ status: 'closed' }));
      expect(closed).toContain(closedOfOrg);
      expect(closed).not.toContain(closedOfOther);
      expect(ids(await contributor.client.request.list.query({ status: 'closed' }))).toEqual([]);
      const operatorView = ids(await operator.client.request.list.query({ status: 'closed', limit: 200 }));
      expect(operatorView).toEqual(expect.arrayContaining([closedOfOrg, closedOfOther]));
    });

    it("isOwnOnly lists only the caller's organisations' requests, open and closed: what a reviewer manages", async () => {
      const own = await org.reviewer.client.request.list.query({
        isOwnOnly: true,
        status: 'all',
        limit: 200,
      });
      expect(ids(own)).toEqual(expect.arrayContaining([openOfOrg, closedOfOrg]));
      expect(new Set(own.map((r) => r.organisationId))).toEqual(new Set([org.organisationId]));
      // Callers with no organisation own none.
      expect(await contributor.client.request.list.query({ isOwnOnly: true, status: 'all' })).toEqual([]);
      expect(await operator.client.request.list.query({ isOwnOnly: true, status: 'all' })).toEqual([]);
    });

    it('refuses a status outside the allowlist and a limit out of range', async () => {
      expect(
        await fieldErrorsOf(
          contributor.client.request.list.query({ status: 'draft' as never, limit: 10_000 }),
        ),
      ).toEqual({ status: expect.any(Array), limit: expect.any(Array) });
    });

    it('byId: an open request for anyone signed in; a closed one only for its organisation and operators', async () => {
      expect((await contributor.client.request.byId.query({ id: openOfOrg })).title).toBe('Open of org');
      expect((await org.reviewer.client.request.byId.query({ id: closedOfOrg })).status).toBe('closed');
      expect((await operator.client.request.byId.query({ id: closedOfOrg })).status).toBe('closed');
      expect(await codeOf(contributor.client.request.byId.query({ id: closedOfOrg }))).toBe('NOT_FOUND');
      expect(await codeOf(other.reviewer.client.request.byId.query({ id: closedOfOrg }))).toBe('NOT_FOUND');
      expect(await codeOf(app.anonymous.request.byId.query({ id: openOfOrg }))).toBe('UNAUTHORIZED');
      expect(await codeOf(contributor.client.request.byId.query({ id: crypto.randomUUID() }))).toBe(
        'NOT_FOUND',
      );
      // A malformed id names no request either (a mistyped URL), as a well-formed unknown one.
      expect(await codeOf(contributor.client.request.byId.query({ id: 'not-a-uuid' }))).toBe('NOT_FOUND');
    });
  });
});
