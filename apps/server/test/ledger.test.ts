import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.ts';
import {
  accountBalance,
  contributorAccount,
  payForAcceptance,
  postTransaction,
} from '../src/ledger/post-transaction.ts';
import { dialectsToRun } from './support/dialects.ts';
import {
  createOperator,
  createOrganisationWithReviewer,
  createRequest,
  type OrganisationFixture,
} from './support/fixtures.ts';
import { codeOf, type SignedInClient, startTestApp, type TestApp } from './support/test-server.ts';

const dialects = await dialectsToRun();

describe.each(dialects)('ledger on %s', (dialect) => {
  let app: TestApp;
  let operator: SignedInClient;
  let contributor: SignedInClient;
  let otherContributor: SignedInClient;
  let org: OrganisationFixture;
  let other: OrganisationFixture;

  const entryCount = async () =>
    Number(
      (
        await app.services.db
          .selectFrom('ledger_entry')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const pay = (requestId: string, contributorId: string, rewardCents: number) =>
    app.services.db.transaction().execute((trx) =>
      payForAcceptance(trx, {
        requestId,
        versionId: crypto.randomUUID(),
        contributorId,
        rewardCents,
        actorId: org.reviewer.userId,
      }),
    );

  beforeAll(async () => {
    app = await startTestApp(dialect);
    operator = await createOperator(app);
    contributor = await app.signUp();
    otherContributor = await app.signUp();
    org = await createOrganisationWithReviewer(app, { operator });
    other = await createOrganisationWithReviewer(app, { operator });
  });
  afterAll(() => app?.stop());

  describe('postTransaction', () => {
    it('writes balanced entries under one transaction id', async () => {
      const id = await postTransaction(app.services.db, {
        memo: 'test transfer',
        entries: [
          { account: 'org:a', amountCents: -300 },
          { account: 'request:b', amountCents: 200 },
          { account: 'contributor:c', amountCents: 100 },
        ],
      });
      const rows = await app.services.db
        .selectFrom('ledger_entry')
        .select(['transaction_id', 'amount_cents'])
        .where('transaction_id', '=', id)
        .execute();
      expect(rows).toHaveLength(3);
      expect(await accountBalance(app.services.db, 'request:b')).toBe(200);
      expect(await accountBalance(app.services.db, 'request:never-used')).toBe(0);
    });

    it.each([
      [
        'entries not summing to zero',
        [
          { account: 'org:a', amountCents: -300 },
          { account: 'request:b', amountCents: 299 },
        ],
        /sum to zero.*-1/,
      ],
      ['a single entry', [{ account: 'org:a', amountCents: 0 }], /at least two entries/],
      [
        'a fractional amount',
        [
          { account: 'org:a', amountCents: -0.5 },
          { account: 'request:b', amountCents: 0.5 },
        ],
        /whole cents/,
      ],
      [
        'a zero amount',
        [
          { account: 'org:a', amountCents: 0 },
          { account: 'request:b', amountCents: 0 },
        ],
        /non-zero/,
      ],
      [
        'an unknown account',
        [
          { account: 'bank', amountCents: -1 },
          { account: 'request:b', amountCents: 1 },
        ],
        /not a ledger account/,
      ],
    ])('refuses %s and writes nothing', async (_name, entries, message) => {
      const before = await entryCount();
      await expect(postTransaction(app.services.db, { memo: 'bad', entries })).rejects.toThrow(message);
      await expect(postTransaction(app.services.db, { memo: 'bad', entries })).rejects.toBeInstanceOf(
        AppError,
      );
      expect(await entryCount()).toBe(before);
    });

    it('a refused transaction inside a database transaction rolls back what came before it', async () => {
      const before = await entryCount();
      await expect(
        app.services.db.transaction().execute(async (trx) => {
          await postTransaction(trx, {
            memo: 'first',
            entries: [
              { account: 'org:x', amountCents: -1 },
              { account: 'request:x', amountCents: 1 },
            ],
          });
          await postTransaction(trx, {
            memo: 'second',
            entries: [
              { account: 'org:x', amountCents: -1 },
              { account: 'request:x', amountCents: 2 },
            ],
          });
        }),
      ).rejects.toThrow(/sum to zero/);
      expect(await entryCount()).toBe(before);
    });
  });

  describe('payForAcceptance', () => {
    it('moves the reward from the request to the contributor and appends ledger.paid', async () => {
      const request = await createRequest(org.reviewer, org.organisationId, {
        budgetCents: 5_000,
        rewardCents: 2_000,
      });
      const result = await pay(request.id, contributor.userId, 2_000);
      expect(result?.transactionId).toEqual(expect.any(String));
      const event = await app.services.db
        .selectFrom('event')
        .select(['type', 'actor_id', 'version_id', 'props'])
        .where('request_id', '=', request.id)
        .where('type', '=', 'ledger.paid')
        .executeTakeFirstOrThrow();
      expect(event.actor_id).toBe(org.reviewer.userId);
      expect(JSON.parse(event.props)).toMatchObject({
        rewardCents: 2_000,
        contributorId: contributor.userId,
      });
      expect(await org.reviewer.client.ledger.requestBudget.query({ requestId: request.id })).toMatchObject({
        offeredCents: 5_000,
        paidCents: 2_000,
        remainingCents: 3_000,
        acceptancesLeft: 1,
      });
    });

    it('refuses a reward larger than what is left, naming both amounts, and writes nothing', async () => {
      const request = await createRequest(org.reviewer, org.organisationId, {
        title: 'Small budget',
        budgetCents: 1_000,
        // A request's reward fits its budget; the payment asks for more than is left all the same.
        rewardCents: 1_000,
      });
      const before = await entryCount();
      const attempt = pay(request.id, contributor.userId, 5_000);
      await expect(attempt).rejects.toThrow(
        "Request 'Small budget' has €10.00 left, less than its reward of €50.00: raise its budget to accept this submission",
      );
      await expect(pay(request.id, contributor.userId, 5_000)).rejects.toMatchObject({
        code: 'insufficient_budget',
      });
      expect(await entryCount()).toBe(before);
    });

    it('pays nothing for a zero reward, and refuses an unknown request', async () => {
      const request = await createRequest(org.reviewer, org.organisationId, {
        budgetCents: 0,
        rewardCents: 0,
      });
      expect(await pay(request.id, contributor.userId, 0)).toBeNull();
      await expect(pay(crypto.randomUUID(), contributor.userId, 100)).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('two acceptances racing for the last reward: one is paid, one is refused', async () => {
      const request = await createRequest(org.reviewer, org.organisationId, {
        budgetCents: 1_000,
        rewardCents: 1_000,
      });
      // The first acceptance pays and holds its transaction open while the second one starts.
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let paid!: () => void;
      const firstPaid = new Promise<void>((resolve) => {
        paid = resolve;
      });
      const first = app.services.db.transaction().execute(async (trx) => {
        await payForAcceptance(trx, {
          requestId: request.id,
          versionId: crypto.randomUUID(),
          contributorId: contributor.userId,
          rewardCents: 1_000,
        });
        paid();
        await held;
      });
      await firstPaid;
      const second = pay(request.id, otherContributor.userId, 1_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      const results = await Promise.allSettled([first, second]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'insufficient_budget' });
      expect(await accountBalance(app.services.db, `request:${request.id}`)).toBe(0);
    });
  });

  describe('ledger.balance', () => {
    it("a contributor sees their own balance, equal to the sum of their entries, and nobody else's", async () => {
      const request = await createRequest(org.reviewer, org.organisationId, {
        budgetCents: 10_000,
        rewardCents: 700,
      });
      await pay(request.id, otherContributor.userId, 700);
      await pay(request.id, otherContributor.userId, 700);
      const mine = await otherContributor.client.ledger.balance.query();
      expect(mine.account).toBe(contributorAccount(otherContributor.userId));
      expect(mine.entries.every((e) => e.account === mine.account)).toBe(true);
      expect(mine.balanceCents).toBe(mine.entries.reduce((sum, e) => sum + e.amountCents, 0));
      expect(mine.entries.filter((e) => e.requestId === request.id)).toHaveLength(2);
      expect(mine.entries[0]).toEqual({
        id: expect.any(Number),
        transactionId: expect.any(String),
        account: mine.account,
        amountCents: 700,
        versionId: expect.any(String),
        requestId: request.id,
        memo: expect.any(String),
        at: expect.any(Number),
        // Paid for a version id with no version behind it: no submission to show, the request's title.
        submission: null,
        requestTitle: request.title,
      });
      const theirs = await contributor.client.ledger.balance.query();
      expect(theirs.entries.some((e) => e.account === mine.account)).toBe(false);
    });

    it('reviewers, operators and anonymous callers have no contributor balance', async () => {
      expect(await codeOf(org.reviewer.client.ledger.balance.query())).toBe('FORBIDDEN');
      expect(await codeOf(operator.client.ledger.balance.query())).toBe('FORBIDDEN');
      expect(await codeOf(app.anonymous.ledger.balance.query())).toBe('UNAUTHORIZED');
    });

    it('refuses a limit out of range', async () => {
      expect(await codeOf(contributor.client.ledger.balance.query({ limit: 0 }))).toBe('BAD_REQUEST');
    });
  });

  describe('ledger.requestBudget', () => {
    it("the organisation's reviewers and operators see it; others do not", async () => {
      const request = await createRequest(org.reviewer, org.organisationId, { budgetCents: 3_000 });
      expect(
        (await operator.client.ledger.requestBudget.query({ requestId: request.id })).remainingCents,
      ).toBe(3_000);
      expect(await codeOf(other.reviewer.client.ledger.requestBudget.query({ requestId: request.id }))).toBe(
        'NOT_FOUND',
      );
      expect(await codeOf(contributor.client.ledger.requestBudget.query({ requestId: request.id }))).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(app.anonymous.ledger.requestBudget.query({ requestId: request.id }))).toBe(
        'UNAUTHORIZED',
      );
      expect(await codeOf(org.reviewer.client.ledger.requestBudget.query({ requestId: 'nope' }))).toBe(
        'NOT_FOUND',
      );
    });
  });

  describe('ledger.audit', () => {
    it('reviewers and contributors cannot audit', async () => {
      expect(await codeOf(org.reviewer.client.ledger.audit.query())).toBe('FORBIDDEN');
      expect(await codeOf(contributor.client.ledger.audit.query())).toBe('FORBIDDEN');
      expect(await codeOf(app.anonymous.ledger.audit.query())).toBe('UNAUTHORIZED');
    });

    it('proves the books balance, and that every account balance is the sum of its entries', async () => {
      const audit = await operator.client.ledger.audit.query();
      expect(audit).toMatchObject({ sumCents: 0, unbalancedTransactions: [], isBalanced: true });
      expect(audit.entryCount).toBeGreaterThan(10);
      const accounts = await app.services.db
        .selectFrom('ledger_entry')
        .select(['account', 'amount_cents'])
        .execute();
      const sums = new Map<string, number>();
      for (const row of accounts)
        sums.set(row.account, (sums.get(row.account) ?? 0) + Number(row.amount_cents));
      for (const [account, sum] of sums) expect(await accountBalance(app.services.db, account)).toBe(sum);
    });

    // Last: it breaks the books on purpose, to show the audit would notice.
    it('names a transaction that does not balance', async () => {
      await app.services.db
        .insertInto('ledger_entry')
        .values({
          transaction_id: 'broken',
          account: 'org:x',
          amount_cents: 5,
          memo: 'hand-written',
          at: Date.now(),
          version_id: null,
          request_id: null,
        })
        .execute();
      const audit = await operator.client.ledger.audit.query();
      expect(audit).toMatchObject({
        sumCents: 5,
        isBalanced: false,
        unbalancedTransactions: [{ transactionId: 'broken', sumCents: 5 }],
      });
    });
  });
});
