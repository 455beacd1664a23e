import { describe, expect, it } from 'vitest';
import { labelSideOf } from './AcceptanceSection.tsx';

describe('labelSideOf', () => {
  // At a threshold of 85, "enterprise grade" ran past the chart's right edge.
  it('puts the label left of a line in the right part of the axis, right of it elsewhere', () => {
    expect(labelSideOf(85)).toBe('insideTopRight');
    expect(labelSideOf(61)).toBe('insideTopRight');
    expect(labelSideOf(60)).toBe('insideTopLeft');
    expect(labelSideOf(20)).toBe('insideTopLeft');
  });
});
