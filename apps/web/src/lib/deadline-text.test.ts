import { describe, expect, it } from 'vitest';
import { deadlineText } from './deadline-text.ts';

describe('deadlineText', () => {
  // "until 12/3/2026" left the last day's cut-off unsaid.
  it('gives the time with the day, in the reader’s zone', () => {
    const deadline = '2026-12-03T23:59:59Z';
    expect(deadlineText(deadline)).toBe(
      new Date(deadline).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    );
    expect(deadlineText(deadline)).toMatch(/\d{1,2}:\d{2}/);
  });
});
