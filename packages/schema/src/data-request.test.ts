import { describe, expect, it } from 'vitest';
import { DataRequestPatchSchema } from './admin.ts';
import {
  acceptancesLeft,
  DataRequestInputSchema,
  DataRequestSchema,
  intakeOf,
  pastDeadlineMessage,
  rewardWithinBudgetMessage,
  takesSubmissions,
} from './data-request.ts';

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

describe('DataRequestInputSchema messages', () => {
  const valid = {
    title: 'Tickets by urgency',
    task: 'classification',
    rewardCents: 1000,
    budgetCents: 10_000,
  };
  /** The one message `DataRequestInputSchema` gives for `change`, with the field it is on. */
  function issueOf(change: Record<string, unknown>) {
    const result = DataRequestInputSchema.safeParse({ ...valid, ...change });
    if (result.success) return null;
    return result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
  }

  it.each(
    [
      [{ title: 'T'.repeat(201) }, 'title', 'Keep the title to at most 200 characters'],
      [{ title: 'T' }, 'title', 'Give the request a title of at least 3 characters'],
      [{ description: 'd'.repeat(5001) }, 'description', 'Keep the description to at most 5,000 characters'],
      [{ budgetCents: 1e22 }, 'budgetCents', 'Enter a budget of at most €10,000,000.00'],
      [{ budgetCents: 1_000_000_001 }, 'budgetCents', 'Enter a budget of at most €10,000,000.00'],
      [{ budgetCents: -1 }, 'budgetCents', 'The budget cannot be negative'],
      [{ budgetCents: 10.5 }, 'budgetCents', 'Enter the budget in whole cents'],
      [{ budgetCents: Number.NaN }, 'budgetCents', 'Enter the budget in euros'],
      [{ rewardCents: 1e22, budgetCents: 1e9 }, 'rewardCents', 'Enter a reward of at most €10,000,000.00'],
      [{ rewardCents: -500 }, 'rewardCents', 'The reward cannot be negative'],
      [{ minRows: -3 }, 'minRows', 'The minimum number of rows cannot be negative'],
      [{ minRows: 1e20 }, 'minRows', 'Ask for at most 1,000,000,000 rows'],
      [{ minRows: 2.5 }, 'minRows', 'Enter a whole number of rows'],
      [{ minQualityScore: 99.5 }, 'minQualityScore', 'Use a whole score from 0 to 100'],
      [{ minQualityScore: 101 }, 'minQualityScore', 'Enter a minimum quality score from 0 to 100'],
      [{ deadline: '2027-13-45T23:59:59Z' }, 'deadline', 'There is no day 2027-13-45: check the date'],
      [{ deadline: 'next Friday' }, 'deadline', 'Enter the deadline as a date: YYYY-MM-DD'],
      [{ deadline: '2027-02-31T23:59:59Z' }, 'deadline', 'There is no day 2027-02-31: check the date'],
      [
        {
          requiredColumns: [
            { name: 'text', type: 'string' },
            { name: 'text', type: 'category' },
          ],
        },
        'requiredColumns.1',
        'Column “text” is listed twice: a file has one column of a name, of one type',
      ],
      [{ labelSet: ['high', 'low', 'high'] }, 'labelSet.2', 'Label “high” is listed twice'],
      [{ acceptedLicenses: ['MIT', 'MIT'] }, 'acceptedLicenses.1', 'Licence “MIT” is listed twice'],
      [{ task: 'guessing' }, 'task', expect.stringMatching(/^Choose a task: classification, /)],
      [
        { requiredColumns: [{ name: 'text', type: 'words' }] },
        'requiredColumns.0.type',
        expect.stringMatching(/^Give each required column a type, as name:type, one of string, /),
      ],
    ].map(([change, path, message]) => ({ change, path, message })),
  )('is refused at $path: $message', ({ change, path, message }) => {
    expect(issueOf(change)).toEqual([[path, message]]);
  });

  it('refuses repeats in an edit too', () => {
    const patch = DataRequestPatchSchema.safeParse({ labelSet: ['a', 'a'] });
    expect(patch.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['labelSet.1', 'Label “a” is listed twice'],
    ]);
  });

  it('takes the largest amounts it names', () => {
    expect(issueOf({ rewardCents: 1_000_000_000, budgetCents: 1_000_000_000 })).toBeNull();
  });

  it('refuses a non-zero reward larger than the whole budget, at the reward', () => {
    expect(issueOf({ rewardCents: 1500, budgetCents: 1000 })).toEqual([
      [
        'rewardCents',
        'The reward (€15.00) is more than the whole budget (€10.00): lower the reward or raise the budget',
      ],
    ]);
    expect(issueOf({ rewardCents: 1000, budgetCents: 1000 })).toBeNull();
    // No reward: acceptances cost nothing, with or without a budget.
    expect(issueOf({ rewardCents: 0, budgetCents: 0 })).toBeNull();
  });

  it('names a reward over the budget on its own, for a form whose other fields are refused', () => {
    expect(rewardWithinBudgetMessage({ rewardCents: 1500, budgetCents: 1000 })).toBe(
      'The reward (€15.00) is more than the whole budget (€10.00): lower the reward or raise the budget',
    );
    expect(rewardWithinBudgetMessage({ rewardCents: 1000, budgetCents: 1000 })).toBeNull();
    // An amount refused in itself, or not given, has its own message (or none) instead.
    expect(rewardWithinBudgetMessage({ rewardCents: 1500, budgetCents: -1 })).toBeNull();
    expect(rewardWithinBudgetMessage({ rewardCents: 1500.5, budgetCents: 1000 })).toBeNull();
    expect(rewardWithinBudgetMessage({ rewardCents: 1500 })).toBeNull();
  });

  // The server checks the pair when either changes, against what is stored: a patch holding both as they
  // are (the editor sends the whole form) must not be refused for a request posted before the rule.
  it('a patch is held to the limits of each amount, not to reward against budget', () => {
    expect(DataRequestPatchSchema.safeParse({ rewardCents: 1500, budgetCents: 1000 }).success).toBe(true);
    expect(DataRequestPatchSchema.safeParse({ rewardCents: 1500 }).success).toBe(true);
    const negative = DataRequestPatchSchema.safeParse({ rewardCents: -1 });
    expect(negative.error?.issues.map((issue) => issue.message)).toEqual(['The reward cannot be negative']);
  });

  it('reads back a request posted before these limits', () => {
    const read = DataRequestSchema.safeParse({
      ...DataRequestInputSchema.parse(valid),
      rewardCents: 1500,
      budgetCents: 1000,
      id: 'r1',
      organisationId: 'o1',
      organisationName: 'Org',
      status: 'open',
      createdAt: '2026-01-01T00:00:00.000Z',
      budgetLeftCents: 0,
    });
    expect(read.success).toBe(true);
  });
});

describe('pastDeadlineMessage', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it('names a deadline at or before now, by its day', () => {
    expect(pastDeadlineMessage('2026-12-01T12:00:00Z', now)).toBe(
      'The deadline 2026-12-01 has already passed: choose a later date',
    );
    expect(pastDeadlineMessage('2026-12-01T12:00:01Z', now)).toBeNull();
    expect(pastDeadlineMessage(null, now)).toBeNull();
  });
});
