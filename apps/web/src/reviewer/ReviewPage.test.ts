import { describe, expect, it } from 'vitest';
import { isSameDecision } from './ReviewPage.tsx';

describe('isSameDecision', () => {
  const sent = {
    decision: 'reject',
    reasonCodes: ['structure.duplicates', 'context.missing-datasheet'],
    comment: 'No.',
  };
  const recorded = { ...sent, isByYou: true };

  it('is the decision sent, by the same reviewer, its reasons in any order', () => {
    expect(isSameDecision(recorded, sent)).toBe(true);
    expect(isSameDecision({ ...recorded, reasonCodes: [...sent.reasonCodes].reverse() }, sent)).toBe(true);
    expect(isSameDecision(recorded, { ...sent, comment: '  No.\n' })).toBe(true);
  });

  it("is not a colleague's, another decision, other reasons or another comment", () => {
    expect(isSameDecision({ ...recorded, isByYou: false }, sent)).toBe(false);
    expect(isSameDecision({ ...recorded, decision: 'accept' }, sent)).toBe(false);
    expect(isSameDecision({ ...recorded, reasonCodes: ['structure.duplicates'] }, sent)).toBe(false);
    expect(
      isSameDecision(recorded, { ...sent, reasonCodes: ['structure.duplicates', 'structure.duplicates'] }),
    ).toBe(false);
    expect(isSameDecision({ ...recorded, comment: 'Yes.' }, sent)).toBe(false);
  });
});
