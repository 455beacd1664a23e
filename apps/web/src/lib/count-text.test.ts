import { describe, expect, it } from 'vitest';
import { countText } from './count-text.ts';

describe('countText', () => {
  // The report said "1 rows · 0 columns".
  it('says one in the singular, any other count in the plural, with thousands separated', () => {
    expect(countText(1, 'row')).toBe('1 row');
    expect(countText(0, 'column')).toBe('0 columns');
    expect(countText(12_500, 'row')).toBe(`${(12_500).toLocaleString()} rows`);
    expect(countText(2, 'row repeats', 'rows repeat')).toBe('2 rows repeat');
  });
});
