import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNumberText } from '../src/cell-checks.ts';
import { EMAIL_PATTERN, hasDigitRun, hasEmail } from '../src/pii.ts';

/** Strings over a small alphabet, so the interesting shapes come up often. */
const over = (alphabet: string, maxLength = 30) =>
  fc.array(fc.constantFrom(...alphabet.split('')), { maxLength }).map((chars) => chars.join(''));

/** The regex-and-Number() check the hand-written one replaced. */
function isNumberTextByNumber(value: string): boolean {
  if (value.length === 0) return false;
  if (!/^[0-9+\-.eE]+$/.test(value)) return false;
  return Number.isFinite(Number(value));
}

describe('hand-written fast paths decide as the checks they replace', () => {
  it('hasEmail matches the e-mail regex', () => {
    fc.assert(
      fc.property(over('a.Z-_@%+1 .@é-x', 40), (value) => {
        expect(hasEmail(value)).toBe(EMAIL_PATTERN.test(value));
      }),
      { numRuns: 20000 },
    );
    for (const value of [
      'a@b.co',
      '@b.co',
      'a@.co',
      'a@b.c',
      'a@b..co',
      'a@b-.c1.xy',
      'x a@b.c.de',
      'a@b@c.de',
    ]) {
      expect(hasEmail(value)).toBe(EMAIL_PATTERN.test(value));
    }
  });

  it('isNumberText accepts what Number() turns into a finite number', () => {
    fc.assert(
      fc.property(over('0123456789+-.eE x', 12), (value) => {
        expect(isNumberText(value)).toBe(isNumberTextByNumber(value));
      }),
      { numRuns: 20000 },
    );
    for (const value of [
      '1'.repeat(299),
      '1'.repeat(320),
      `1e${'9'.repeat(5)}`,
      '1e308',
      '2e308',
      '.5',
      '5.',
      '.',
    ]) {
      expect(isNumberText(value)).toBe(isNumberTextByNumber(value));
    }
  });

  it('hasDigitRun finds 8 digits split only by phone separators', () => {
    fc.assert(
      fc.property(over('0123456789 -.()+a', 30), (value) => {
        expect(hasDigitRun(value)).toBe(/\d(?:[ \-.()+]*\d){7}/.test(value));
      }),
      { numRuns: 5000 },
    );
  });
});
