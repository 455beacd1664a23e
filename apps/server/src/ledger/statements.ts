import type { DraftManifest, EarningsEntry, LedgerEntry } from '@assay/schema';
import type { Kysely } from 'kysely';
import { findMembership } from '../admin/repository.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { findRequestById } from '../request/repository.ts';
import type { SessionUser } from '../trpc.ts';
import { accountBalance, contributorAccount, requestAccount } from './post-transaction.ts';
import {
  auditLedger,
  type LedgerEntryRow,
  listEntriesOfAccount,
  sumEntriesOfRequestByAccount,
  sumRequestAccountBySign,
} from './repository.ts';

function toLedgerEntry(row: LedgerEntryRow): LedgerEntry {
  return {
    id: Number(row.id),
    transactionId: row.transaction_id,
    account: row.account,
    amountCents: Number(row.amount_cents),
    versionId: row.version_id,
    requestId: row.request_id,
    memo: row.memo,
    at: Number(row.at),
  };
}

function toEarningsEntry(row: LedgerEntryRow): EarningsEntry {
  const title = row.manifest === null ? undefined : (JSON.parse(row.manifest) as DraftManifest).title;
  return {
    ...toLedgerEntry(row),
    submission:
      row.submission_id === null || row.version_number === null
        ? null
        : { id: row.submission_id, versionNumber: Number(row.version_number), title: title ?? '' },
    requestTitle: row.request_title,
  };
}

/** A contributor's earnings: the balance of their account and its newest entries. */
export async function getContributorBalance(db: Kysely<Database>, contributorId: string, limit: number) {
  const account = contributorAccount(contributorId);
  const [balanceCents, rows] = await Promise.all([
    accountBalance(db, account),
    listEntriesOfAccount(db, account, limit),
  ]);
  return { account, balanceCents, entries: rows.map(toEarningsEntry) };
}

/**
 * A request's budget statement: offered (the budget now), funded (all money put in), paid to
 * contributors, returned to the organisation, and remaining (the request account's balance).
 * Reviewers of other organisations get NOT_FOUND.
 */
export async function getRequestBudget(
  db: Kysely<Database>,
  caller: Pick<SessionUser, 'id' | 'role'>,
  requestId: string,
) {
  const request = await findRequestById(db, requestId);
  if (
    !request ||
    (caller.role !== 'operator' && !(await findMembership(db, request.organisation_id, caller.id)))
  ) {
    throw notFound('data request', requestId);
  }
  const account = requestAccount(requestId);
  const [byAccount, bySign, remainingCents] = await Promise.all([
    sumEntriesOfRequestByAccount(db, requestId),
    sumRequestAccountBySign(db, account),
    accountBalance(db, account),
  ]);
  const paidCents = byAccount
    .filter((row) => row.account.startsWith('contributor:'))
    .reduce((sum, row) => sum + Number(row.total), 0);
  const rewardCents = Number(request.reward_cents);
  return {
    requestId,
    status: request.status,
    offeredCents: Number(request.budget_cents),
    fundedCents: Number(bySign.credits ?? 0),
    paidCents,
    returnedCents: -Number(bySign.debits ?? 0) - paidCents,
    remainingCents,
    rewardCents,
    /** How many more acceptances the remaining budget pays for. */
    acceptancesLeft: rewardCents > 0 ? Math.floor(remainingCents / rewardCents) : null,
  };
}

/** Proof that the books balance: the sum of every entry is zero, and so is every transaction's. */
export async function auditBooks(db: Kysely<Database>) {
  const { totals, unbalanced } = await auditLedger(db);
  const sumCents = Number(totals.sum);
  return {
    entryCount: Number(totals.entries),
    transactionCount: Number(totals.transactions),
    sumCents,
    unbalancedTransactions: unbalanced.map((row) => ({
      transactionId: row.transaction_id,
      sumCents: Number(row.sum),
    })),
    isBalanced: sumCents === 0 && unbalanced.length === 0,
  };
}
