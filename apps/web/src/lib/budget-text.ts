import { acceptancesLeft, type DataRequest } from '@assay/schema';
import { formatMoney } from './money.ts';

/**
 * What a request's budget still pays for, in words, or null for a request that pays no reward (its
 * acceptances are never refused for budget). A spent budget is said plainly: reviewers cannot accept more
 * submissions until the organisation raises it, so contributing to it now may wait.
 */
export function budgetText(request: Pick<DataRequest, 'rewardCents' | 'budgetLeftCents' | 'status'>): {
  text: string;
  isSpent: boolean;
} | null {
  const left = acceptancesLeft(request);
  if (left === null || request.status === 'closed') return null;
  if (left === 0) {
    // "Spent" only when nothing is left: €2 left of a €3 reward is not spent, it is too little.
    const what =
      request.budgetLeftCents > 0
        ? `Budget left (${formatMoney(request.budgetLeftCents)}) is less than one reward`
        : 'Budget spent';
    return { text: `${what}: no more acceptances can be paid until it is raised.`, isSpent: true };
  }
  return { text: `Budget for ${left} more ${left === 1 ? 'acceptance' : 'acceptances'}.`, isSpent: false };
}
