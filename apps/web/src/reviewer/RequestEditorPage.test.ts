import { describe, expect, it } from 'vitest';
import { formatMoney } from '../lib/money.ts';
import { budgetDescription, deadlineFieldText } from './RequestEditorPage.tsx';

describe('budgetDescription', () => {
  it('says what is paid and what the typed budget leaves for rewards', () => {
    expect(budgetDescription(300, 600)).toBe(
      `${formatMoney(300)} paid so far: this budget leaves ${formatMoney(300)} for rewards.`,
    );
    expect(budgetDescription(0, 1_000)).toBe(
      `${formatMoney(0)} paid so far: this budget leaves ${formatMoney(1_000)} for rewards.`,
    );
  });

  it('says the budget cannot go below what is paid, and what it is while the field is empty', () => {
    expect(budgetDescription(300, 200)).toBe(
      `${formatMoney(300)} paid so far: the budget cannot be less than that.`,
    );
    expect(budgetDescription(300, Number.NaN)).toBe(
      `${formatMoney(300)} paid so far; the budget is the total, that included.`,
    );
  });
});

describe('deadlineFieldText', () => {
  it('shows the day of a deadline held as a date and time', () => {
    expect(deadlineFieldText('2027-12-31T23:59:59Z')).toBe('2027-12-31');
    expect(deadlineFieldText('2027-12-31T23:59:59.000Z')).toBe('2027-12-31');
    expect(deadlineFieldText(null)).toBe('');
  });

  it('keeps text that is not a date as typed, however long, for its message to be about', () => {
    expect(deadlineFieldText('31 December 2027')).toBe('31 December 2027');
    expect(deadlineFieldText('next friday')).toBe('next friday');
    expect(deadlineFieldText('2027-12-31T10')).toBe('2027-12-31T10');
  });
});
