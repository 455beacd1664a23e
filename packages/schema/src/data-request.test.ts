import { describe, expect, it } from 'vitest';
import { acceptancesLeft, takesSubmissions } from './data-request.ts';

describe('takesSubmissions', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it('takes them while open and before the deadline, or with none', () => {
    expect(takesSubmissions({ status: 'open', deadline: null }, now)).toBe(true);
    expect(takesSubmissions({ status: 'open', deadline: '2026-12-01T12:00:01Z' }, now)).toBe(true);
  });
  it('takes none at or after the deadline, or once closed', () => {
    expect(takesSubmissions({ status: 'open', deadline: '2026-12-01T12:00:00Z' }, now)).toBe(false);
    expect(takesSubmissions({ status: 'closed', deadline: null }, now)).toBe(false);
  });
});

describe('acceptancesLeft', () => {
  it('counts whole rewards the budget left pays for; none without a reward', () => {
    expect(acceptancesLeft({ rewardCents: 1000, budgetLeftCents: 2999 })).toBe(2);
    expect(acceptancesLeft({ rewardCents: 1000, budgetLeftCents: 0 })).toBe(0);
    expect(acceptancesLeft({ rewardCents: 0, budgetLeftCents: 500 })).toBeNull();
  });
});
