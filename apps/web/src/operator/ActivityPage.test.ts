import { describe, expect, it } from 'vitest';
import { propsText } from './ActivityPage.tsx';

describe('propsText', () => {
  it("writes an event's properties on one line, lists joined", () => {
    expect(
      propsText({
        decision: 'accept',
        reasonCodes: ['accept.high-quality', 'accept.meets-requirements'],
        score: 82.5,
      }),
    ).toBe('decision: accept · reasonCodes: accept.high-quality, accept.meets-requirements · score: 82.5');
    expect(propsText({ refundedCents: 0, enterpriseGrade: false, error: null })).toBe(
      'refundedCents: 0 · enterpriseGrade: false · error: null',
    );
    expect(propsText({})).toBe('');
  });
});
