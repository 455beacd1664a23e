import { describe, expect, it } from 'vitest';
import { formatMoney } from '../lib/money.ts';
import { budgetDescription, deadlineFieldText, editorReturnPath } from './RequestEditorPage.tsx';

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

describe('editorReturnPath', () => {
  it('goes back to the version whose review page opened the editor, or else to the requests', () => {
    const version = '7b0e8f0c-53f4-4a49-9d8e-2f7d3c9e1a10';
    expect(editorReturnPath(new URLSearchParams(`version=${version}`))).toBe(`/review/versions/${version}`);
    expect(editorReturnPath(new URLSearchParams(''))).toBe('/review/requests');
    expect(editorReturnPath(new URLSearchParams('version='))).toBe('/review/requests');
  });

  it('stays on a version page whatever the parameter holds', () => {
    expect(editorReturnPath(new URLSearchParams('version=../../operator'))).toBe(
      '/review/versions/..%2F..%2Foperator',
    );
    expect(editorReturnPath(new URLSearchParams('version=//evil.example'))).toBe(
      '/review/versions/%2F%2Fevil.example',
    );
  });
});
