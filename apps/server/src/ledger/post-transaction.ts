import { formatEuros, LedgerAccountSchema } from '@assay/schema';
import { type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { appendEvent } from '../events/append-event.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Ledger account names: `org:<id>` funds budgets, `request:<id>` holds one, `contributor:<id>` is earnings. */
export const orgAccount = (organisationId: string) => `org:${organisationId}`;
/** What every request account's name starts with; SQL that names them per row uses it too. */
export const REQUEST_ACCOUNT_PREFIX = 'request:';
export const requestAccount = (requestId: string) => `${REQUEST_ACCOUNT_PREFIX}${requestId}`;
export const contributorAccount = (userId: string) => `contributor:${userId}`;

export interface LedgerPosting {
  account: string;
  /** Integer cents: credit positive, debit negative. */
  amountCents: number;
}

export interface NewLedgerTransaction {
  memo: string;
  requestId?: string | null;
  versionId?: string | null;
  entries: LedgerPosting[];
  /** Epoch ms; defaults to now. */
  at?: number;
}

/**
 * Writes one double-entry transaction: every entry shares one `transaction_id`, and the entries must sum
 * to zero, so the books balance after every write. Refuses (writing nothing) an unbalanced set, a
 * non-integer or zero amount, or an unknown account shape. Call it inside the caller's transaction so
 * the money moves with the change that caused it.
 */
export async function postTransaction(trx: Db, transaction: NewLedgerTransaction): Promise<string> {
  const { entries } = transaction;
  if (entries.length < 2) {
    throw new AppError('invalid_input', 'A ledger transaction needs at least two entries');
  }
  let sum = 0;
  for (const entry of entries) {
    if (!LedgerAccountSchema.safeParse(entry.account).success) {
      throw new AppError('invalid_input', `'${entry.account}' is not a ledger account`);
    }
    if (!Number.isSafeInteger(entry.amountCents) || entry.amountCents === 0) {
      throw new AppError(
        'invalid_input',
        `Ledger amounts are non-zero whole cents; got ${entry.amountCents} for '${entry.account}'`,
      );
    }
    sum += entry.amountCents;
  }
  if (sum !== 0) {
    throw new AppError(
      'invalid_input',
      `Ledger entries must sum to zero; '${transaction.memo}' sums to ${sum}`,
    );
  }
  const transactionId = crypto.randomUUID();
  const at = transaction.at ?? Date.now();
  await trx
    .insertInto('ledger_entry')
    .values(
      entries.map((entry) => ({
        transaction_id: transactionId,
        account: entry.account,
        amount_cents: entry.amountCents,
        version_id: transaction.versionId ?? null,
        request_id: transaction.requestId ?? null,
        memo: transaction.memo,
        at,
      })),
    )
    .execute();
  return transactionId;
}

/** An account's balance in cents: the sum of its entries (zero for an account with none). */
export async function accountBalance(db: Db, account: string): Promise<number> {
  const row = await db
    .selectFrom('ledger_entry')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('balance'))
    .where('account', '=', account)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

/**
 * Locks a data request's row until the transaction ends (PostgreSQL), so budget checks and the postings
 * that follow cannot interleave with another acceptance or a close. SQLite serialises write transactions
 * on its one connection, so there is nothing to lock there.
 */
export async function lockRequest(trx: Transaction<Database>, requestId: string) {
  const isPostgres = trx.getExecutor().adapter instanceof PostgresAdapter;
  let query = trx
    .selectFrom('data_request')
    .select(['id', 'organisation_id', 'status', 'reward_cents', 'budget_cents', 'title'])
    .where('id', '=', requestId);
  if (isPostgres) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface Acceptance {
  requestId: string;
  versionId: string;
  contributorId: string;
  rewardCents: number;
  /** The reviewer whose decision pays; recorded on the `ledger.paid` event. */
  actorId?: string | null;
  submissionId?: string | null;
}

/**
 * Pays a contributor for an accepted version from the request's budget, inside the decision's
 * transaction: debits `request:<id>`, credits `contributor:<id>`, appends `ledger.paid`. Throws
 * `insufficient_budget` (and writes nothing) when the request's account holds less than the reward.
 * A zero reward pays nothing and returns null.
 */
export async function payForAcceptance(
  trx: Transaction<Database>,
  acceptance: Acceptance,
): Promise<{ transactionId: string } | null> {
  const { requestId, rewardCents } = acceptance;
  if (!Number.isSafeInteger(rewardCents) || rewardCents < 0) {
    throw new AppError(
      'invalid_input',
      `A reward is a non-negative whole number of cents; got ${rewardCents}`,
    );
  }
  const request = await lockRequest(trx, requestId);
  if (!request) throw new AppError('not_found', `No data request with id '${requestId}'`);
  if (rewardCents === 0) return null;
  const left = await accountBalance(trx, requestAccount(requestId));
  if (left < rewardCents) {
    throw new AppError(
      'insufficient_budget',
      `Request '${request.title}' has ${formatEuros(left)} left, less than its reward of ${formatEuros(rewardCents)}: raise its budget to accept this submission`,
    );
  }
  const transactionId = await postTransaction(trx, {
    memo: 'Reward for an accepted submission',
    requestId,
    versionId: acceptance.versionId,
    entries: [
      { account: requestAccount(requestId), amountCents: -rewardCents },
      { account: contributorAccount(acceptance.contributorId), amountCents: rewardCents },
    ],
  });
  await appendEvent(trx, {
    type: 'ledger.paid',
    actorId: acceptance.actorId ?? null,
    requestId,
    versionId: acceptance.versionId,
    submissionId: acceptance.submissionId ?? null,
    props: { rewardCents, contributorId: acceptance.contributorId, transactionId },
  });
  return { transactionId };
}
