import { z } from 'zod';
import { auditBooks, getContributorBalance, getRequestBudget } from '../ledger/statements.ts';
import { contributorProcedure, operatorProcedure, router, staffProcedure } from '../trpc.ts';

/**
 * Money. Roles: contributors see their own earnings; a request's budget its organisation's reviewers and
 * operators; the audit operators.
 */
export const ledgerRouter = router({
  /** Contributor: own balance and newest entries. */
  balance: contributorProcedure
    .input(z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }))
    .query(({ ctx, input }) => getContributorBalance(ctx.services.db, ctx.user.id, input.limit)),

  /** Reviewer of the request's organisation, or operator: offered, paid and remaining. */
  requestBudget: staffProcedure
    .input(z.strictObject({ requestId: z.uuid() }))
    .query(({ ctx, input }) => getRequestBudget(ctx.services.db, ctx.user, input.requestId)),

  /** Operator: the books balance (every entry sums to zero, and every transaction does). */
  audit: operatorProcedure.query(({ ctx }) => auditBooks(ctx.services.db)),
});
