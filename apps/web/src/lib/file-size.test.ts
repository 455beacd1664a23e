import { describe, expect, it } from 'vitest';
import { formatFileSize as localized } from './file-size.ts';

/** In a fixed locale, so the test does not depend on the machine's. */
const formatFileSize = (bytes: number) => localized(bytes, 'en-US');

describe('formatFileSize', () => {
  it('writes bytes below a kilobyte whole, in words', () => {
    expect(formatFileSize(0)).toBe('0 bytes');
    expect(formatFileSize(1)).toBe('1 byte');
    expect(formatFileSize(999)).toBe('999 bytes');
  });

  it('steps up by 1000, with one decimal below 100 of a unit', () => {
    expect(formatFileSize(1_000)).toBe('1 kB');
    expect(formatFileSize(12_345)).toBe('12.3 kB');
    expect(formatFileSize(123_456)).toBe('123 kB');
    expect(formatFileSize(130_000_000)).toBe('130 MB');
    expect(formatFileSize(1_400_000_000)).toBe('1.4 GB');
    expect(formatFileSize(5_000_000_000_000)).toBe('5,000 GB');
  });
});
