import { describe, expect, it } from 'vitest';
import { acceptancesLeft, intakeOf, takesSubmissions } from './data-request.ts';

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

describe('intakeOf', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const past = { status: 'open' as const, deadline: '2026-12-01T11:59:59Z' };
  it('says why a request takes no more: closed, or past its deadline for a first submit', () => {
    expect(intakeOf({ status: 'closed', deadline: null }, {}, now)).toBe('closed');
    expect(intakeOf(past, {}, now)).toBe('past_deadline');
    expect(intakeOf({ status: 'open', deadline: null }, {}, now)).toBe('open');
  });
  it('still takes a follow-up past the deadline, never once closed', () => {
    expect(intakeOf(past, { isFollowUp: true }, now)).toBe('open');
    expect(intakeOf({ ...past, status: 'closed' }, { isFollowUp: true }, now)).toBe('closed');
  });
});

describe('acceptancesLeft', () => {
  it('counts whole rewards the budget left pays for; none without a reward', () => {
    expect(acceptancesLeft({ rewardCents: 1000, budgetLeftCents: 2999 })).toBe(2);
    expect(acceptancesLeft({ rewardCents: 1000, budgetLeftCents: 0 })).toBe(0);
    expect(acceptancesLeft({ rewardCents: 0, budgetLeftCents: 500 })).toBeNull();
  });
});
