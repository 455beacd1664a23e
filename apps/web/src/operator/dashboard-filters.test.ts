import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IDLE_HOURS,
  DEFAULT_TARGET_PERCENT,
  filtersOfSearch,
  idleHoursError,
  searchOfFilters,
  targetPercentError,
} from './dashboard-filters.ts';

describe('dashboard filters', () => {
  it('names hours idle that are not a time, and a target that is not a share', () => {
    for (const bad of [0, -3, 100_000, '', '-']) expect(idleHoursError(bad)).toMatch(/^Enter the hours idle/);
    for (const good of [0.5, 72, 8_760]) expect(idleHoursError(good)).toBeNull();
    for (const bad of [0, -5, 150, 100, 0.5, ''])
      expect(targetPercentError(bad)).toMatch(/^Enter the acceptance/);
    for (const good of [1, 80, 99]) expect(targetPercentError(good)).toBeNull();
  });

  it('keeps the filters in the address, without the defaults, and reads them back', () => {
    const filters = {
      from: '2026-11-01',
      to: '2026-11-30',
      requestId: '0f6f3f9f-0000-4000-8000-000000000001',
      idleHours: 48,
      targetPercent: 75,
    };
    const search = searchOfFilters(filters);
    expect(search).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      request: '0f6f3f9f-0000-4000-8000-000000000001',
      idle: '48',
      target: '75',
    });
    expect(filtersOfSearch(new URLSearchParams(search))).toEqual(filters);
    const plain = {
      from: '',
      to: '',
      requestId: null,
      idleHours: DEFAULT_IDLE_HOURS,
      targetPercent: DEFAULT_TARGET_PERCENT,
    };
    expect(searchOfFilters(plain)).toEqual({});
    expect(filtersOfSearch(new URLSearchParams())).toEqual(plain);
  });

  it('reads values an address holds that are not valid as the defaults', () => {
    expect(
      filtersOfSearch(new URLSearchParams('from=yesterday&idle=-3&target=150&request=nonsense')),
    ).toMatchObject({
      from: '',
      requestId: null,
      idleHours: DEFAULT_IDLE_HOURS,
      targetPercent: DEFAULT_TARGET_PERCENT,
    });
  });
});
