import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** An account's newest entries, each with the submission version and request it paid for, if any. */
export function listEntriesOfAccount(db: Db, account: string, limit: number) {
  return db
    .selectFrom('ledger_entry as e')
    .leftJoin('submission_version as v', 'v.id', 'e.version_id')
    .leftJoin('data_request as r', 'r.id', 'e.request_id')
    .select([
      'e.id',
      'e.transaction_id',
      'e.account',
      'e.amount_cents',
      'e.version_id',
      'e.request_id',
      'e.memo',
      'e.at',
      'v.submission_id',
      'v.number as version_number',
      'v.manifest',
      'r.title as request_title',
    ])
    .where('e.account', '=', account)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
}

export type LedgerEntryRow = Awaited<ReturnType<typeof listEntriesOfAccount>>[number];

/** Per-account sums of a request's entries, for its budget statement. */
export function sumEntriesOfRequestByAccount(db: Db, requestId: string) {
  return db
    .selectFrom('ledger_entry')
    .select((eb) => ['account', eb.fn.sum<number>('amount_cents').as('total')])
    .where('request_id', '=', requestId)
    .groupBy('account')
    .execute();
}

/** Positive and negative totals of the request's own account, split by sign. */
export function sumRequestAccountBySign(db: Db, account: string) {
  return db
    .selectFrom('ledger_entry')
    .select((eb) => [
      eb.fn
        .sum<number>(eb.case().when('amount_cents', '>', 0).then(eb.ref('amount_cents')).else(0).end())
        .as('credits'),
      eb.fn
        .sum<number>(eb.case().when('amount_cents', '<', 0).then(eb.ref('amount_cents')).else(0).end())
        .as('debits'),
    ])
    .where('account', '=', account)
    .executeTakeFirstOrThrow();
}

/** Totals over the whole ledger, and every transaction whose entries do not sum to zero. */
export async function auditLedger(db: Db) {
  const totals = await db
    .selectFrom('ledger_entry')
    .select((eb) => [
      eb.fn.countAll<number>().as('entries'),
      eb.fn.count<number>('transaction_id').distinct().as('transactions'),
      eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('sum'),
    ])
    .executeTakeFirstOrThrow();
  const unbalanced = await db
    .selectFrom('ledger_entry')
    .select((eb) => ['transaction_id', eb.fn.sum<number>('amount_cents').as('sum')])
    .groupBy('transaction_id')
    .having((eb) => eb.fn.sum('amount_cents'), '<>', 0)
    .orderBy('transaction_id')
    .limit(100)
    .execute();
  return { totals, unbalanced };
}

/** What `account` was credited for each version of a submission that paid it, by version id. */
export async function creditsOfSubmission(
  db: Db,
  account: string,
  submissionId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ledger_entry as e')
    .innerJoin('submission_version as v', 'v.id', 'e.version_id')
    .select((eb) => ['e.version_id', eb.fn.sum<number | string>('e.amount_cents').as('total')])
    .where('e.account', '=', account)
    .where('v.submission_id', '=', submissionId)
    .groupBy('e.version_id')
    .execute();
  // SUM is numeric on PostgreSQL (connect.ts parses it to a number) and an integer on SQLite.
  return new Map(rows.map((row) => [row.version_id!, Number(row.total)]));
}
