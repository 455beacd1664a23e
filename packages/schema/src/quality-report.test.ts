import { describe, expect, it } from 'vitest';
import { findingRowNumbers } from './quality-report.ts';

describe('findingRowNumbers', () => {
  it('gives the rows of the first location and the sample, in file order, once each', () => {
    expect(
      findingRowNumbers({
        location: { row: 30, column: 'created' },
        locations: [{ row: 5, column: 'created' }, { row: 12 }, { row: 30 }],
      }),
    ).toEqual([5, 12, 30]);
  });

  it('gives none for a finding about a field, a column or nothing', () => {
    expect(findingRowNumbers({ location: { field: 'provenance.license' } })).toEqual([]);
    expect(findingRowNumbers({ location: { column: 'text' }, locations: [{ column: 'label' }] })).toEqual([]);
    expect(findingRowNumbers({ location: null })).toEqual([]);
    // Row 0 is no data row (rows count from 1, the header excluded).
    expect(findingRowNumbers({ location: { row: 0 } })).toEqual([]);
  });
});
