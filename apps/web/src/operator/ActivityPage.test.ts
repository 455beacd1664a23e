import { describe, expect, it } from 'vitest';
import { detailsText, propsText } from './ActivityPage.tsx';

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

describe('detailsText', () => {
  it('names the account an event is about by its e-mail and role instead of its id', () => {
    expect(
      detailsText({
        subject: { email: 'bob@example.com', role: 'contributor' },
        props: { userId: '6f1c0c1e-0000-4000-8000-000000000000', reason: 'Spam' },
      }),
    ).toBe('account: bob@example.com (contributor) · reason: Spam');
    expect(
      detailsText({ subject: { email: 'bob@example.com', role: 'contributor' }, props: { userId: 'x' } }),
    ).toBe('account: bob@example.com (contributor)');
  });

  it('is the properties alone for an event about no account', () => {
    expect(detailsText({ subject: null, props: { decision: 'accept' } })).toBe('decision: accept');
    expect(detailsText({ subject: null, props: {} })).toBe('');
  });
});
