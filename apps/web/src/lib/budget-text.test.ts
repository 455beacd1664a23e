import { describe, expect, it } from 'vitest';
import { budgetText } from './budget-text.ts';
import { formatMoney } from './money.ts';

describe('budgetText', () => {
  it('counts the acceptances the budget still pays for', () => {
    expect(budgetText({ rewardCents: 1_000, budgetLeftCents: 2_500, status: 'open' })).toEqual({
      text: 'Budget for 2 more acceptances.',
      isSpent: false,
    });
    expect(budgetText({ rewardCents: 1_000, budgetLeftCents: 1_000, status: 'open' })?.text).toBe(
      'Budget for 1 more acceptance.',
    );
  });

  it('says a budget that cannot pay one more reward is too low, or spent when nothing is left', () => {
    expect(budgetText({ rewardCents: 1_000, budgetLeftCents: 999, status: 'open' })).toEqual({
      text: `Budget left (${formatMoney(999)}) is less than one reward: no more acceptances can be paid until it is raised.`,
      isSpent: true,
    });
    expect(budgetText({ rewardCents: 1_000, budgetLeftCents: 0, status: 'open' })).toEqual({
      text: 'Budget spent: no more acceptances can be paid until it is raised.',
      isSpent: true,
    });
  });

  it('says nothing for a request without a reward, or a closed one', () => {
    expect(budgetText({ rewardCents: 0, budgetLeftCents: 0, status: 'open' })).toBeNull();
    expect(budgetText({ rewardCents: 1_000, budgetLeftCents: 0, status: 'closed' })).toBeNull();
  });
});
