import { describe, expect, it } from 'vitest';
import { durationUnit, inUnit } from './duration-unit.ts';

describe('durationUnit', () => {
  it('picks the largest unit the longest duration fills twice', () => {
    expect(durationUnit(0).label).toBe('s');
    expect(durationUnit(90_000).label).toBe('s');
    expect(durationUnit(120_000).label).toBe('min');
    expect(durationUnit(3 * 3_600_000).label).toBe('h');
    expect(durationUnit(47 * 3_600_000).label).toBe('h');
    expect(durationUnit(48 * 3_600_000).label).toBe('days');
  });

  it('converts to one decimal and keeps a missing value missing', () => {
    const minutes = durationUnit(600_000);
    expect(inUnit(95_000, minutes)).toBe(1.6);
    expect(inUnit(null, minutes)).toBeNull();
  });
});
