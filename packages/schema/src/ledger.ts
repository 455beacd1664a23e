import { z } from 'zod';

/**
 * Ledger accounts. Double entry: every transaction's entries sum to zero, so the books always balance.
 * `org:<id>` funds a request's budget, `request:<id>` holds the budget, `contributor:<id>` is earnings.
 */
export const LedgerAccountSchema = z.string().regex(/^(org|request|contributor):[\w-]+$/);

/** One side of a ledger transaction. Amounts are integer cents: credit positive, debit negative. */
export const LedgerEntrySchema = z.object({
  id: z.number().int(),
  transactionId: z.string(),
  account: LedgerAccountSchema,
  amountCents: z.number().int(),
  versionId: z.string().nullable(),
  requestId: z.string().nullable(),
  memo: z.string(),
  at: z.number().int(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/**
 * One of a contributor's earnings: the entry, and what it paid for when it was a reward (the submission
 * and version accepted, the request it answered), so the contributor can tell which dataset earned it.
 */
export const EarningsEntrySchema = LedgerEntrySchema.extend({
  submission: z.object({ id: z.string(), versionNumber: z.number().int(), title: z.string() }).nullable(),
  requestTitle: z.string().nullable(),
});
export type EarningsEntry = z.infer<typeof EarningsEntrySchema>;
