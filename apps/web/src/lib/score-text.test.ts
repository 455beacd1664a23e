import { describe, expect, it } from 'vitest';
import { scoreText } from './score-text.ts';

describe('scoreText', () => {
  it('rounds to a whole number', () => {
    expect([0, 0.4, 42.5, 70.49, 98.6].map(scoreText)).toEqual(['0', '0', '43', '70', '99']);
  });

  it('reads 100 only for a full score', () => {
    expect(scoreText(99.5)).toBe('99');
    expect(scoreText(99.96)).toBe('99');
    expect(scoreText(100)).toBe('100');
  });
});
