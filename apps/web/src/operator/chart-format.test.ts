import { describe, expect, it } from 'vitest';
import { inSeriesOrder, percentText, shareText } from './chart-format.ts';

describe('the dashboard tooltips', () => {
  it('write a fitted probability as a percentage, as its axis does', () => {
    expect(shareText(0.00047117215369341976)).toBe('0%');
    expect(shareText(0.4712)).toBe('47.1%');
    expect(shareText(1)).toBe('100%');
    expect(shareText(undefined)).toBe('—');
  });

  it('give a percentage its sign', () => {
    expect(percentText(18.2)).toBe('18.2%');
    expect(percentText(66.666)).toBe('66.7%');
    expect(percentText(null)).toBe('—');
  });

  it('list a tooltip’s lines in the order the series are drawn, not by name', () => {
    const sorter = inSeriesOrder(['submitted_pct', 'accepted_pct']);
    if (typeof sorter !== 'function') throw new Error('expected a function');
    const lines = [{ dataKey: 'accepted_pct' }, { dataKey: 'submitted_pct' }] as Parameters<
      typeof sorter
    >[0][];
    expect(lines.sort((a, b) => Number(sorter(a)) - Number(sorter(b))).map((line) => line.dataKey)).toEqual([
      'submitted_pct',
      'accepted_pct',
    ]);
  });
});
