import type { DatasetStats } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { datasetProfile, PROFILE_ROWS } from './dataset-profile.ts';

function stats(overrides: Partial<DatasetStats>): DatasetStats {
  return {
    format: 'csv',
    bytes: 1000,
    rows: 40,
    columns: 3,
    labelCounts: {},
    missingPerColumn: {},
    duplicateRows: 0,
    ...overrides,
  };
}

const manifest = {
  label: { column: 'urgency', classes: [{ name: 'high' }, { name: 'low' }, { name: 'medium' }] },
};

describe('datasetProfile', () => {
  it('spreads the rows over the labels, most first, against the declared classes', () => {
    const profile = datasetProfile(stats({ labelCounts: { low: 10, high: 29, Hgh: 1 } }), manifest);
    expect(profile.labels).toEqual({
      column: 'urgency',
      shown: [
        { label: 'high', rows: 29, share: 0.725, isDeclared: true },
        { label: 'low', rows: 10, share: 0.25, isDeclared: true },
        { label: 'Hgh', rows: 1, share: 0.025, isDeclared: false },
      ],
      more: null,
      absent: ['medium'],
    });
  });

  it('flags no label when the manifest declares no classes, and has no label part without labels', () => {
    const profile = datasetProfile(stats({ labelCounts: { a: 1 } }), { label: { column: 'y' } });
    expect(profile.labels?.shown.every((label) => label.isDeclared)).toBe(true);
    expect(datasetProfile(stats({}), null).labels).toBeNull();
  });

  it("lists every declared class as absent when the label column holds nothing, even 'constructor'", () => {
    const profile = datasetProfile(stats({}), { label: { classes: [{ name: 'constructor' }] } });
    expect(profile.labels?.absent).toEqual(['constructor']);
  });

  it(`shows ${PROFILE_ROWS} labels and sums up the rest`, () => {
    const labelCounts = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`c${i}`, 100 - i]));
    const profile = datasetProfile(stats({ rows: 2000, labelCounts }), null);
    expect(profile.labels?.shown).toHaveLength(PROFILE_ROWS);
    expect(profile.labels?.shown[0]?.label).toBe('c0');
    expect(profile.labels?.more).toEqual({ labels: 3, rows: 88 + 87 + 86 });
  });

  it('lists columns with missing values, most first, and passes duplicates on', () => {
    const profile = datasetProfile(
      stats({ missingPerColumn: { text: 0, created: 4, note: 30 }, duplicateRows: 2 }),
      manifest,
    );
    expect(profile.missing).toEqual([
      { column: 'note', rows: 30, share: 0.75 },
      { column: 'created', rows: 4, share: 0.1 },
    ]);
    expect(profile.missingMore).toBe(0);
    expect(profile.duplicateRows).toBe(2);
  });
});
