import { scoreDataset } from '@assay/quality';
import { type DatasetStats, type Manifest, MISSING_VALUES_WARNING_SHARE } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { datasetProfile, isMissingWarned, PROFILE_ROWS, percentsOf } from './dataset-profile.ts';

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
        { label: 'high', rows: 29, share: 0.725, percent: 72.5, isDeclared: true },
        { label: 'low', rows: 10, share: 0.25, percent: 25, isDeclared: true },
        { label: 'Hgh', rows: 1, share: 0.025, percent: 2.5, isDeclared: false },
      ],
      more: null,
      absent: ['medium'],
    });
  });

  it('shows percentages that add up to 100 when the labels split the rows (QA: 53% + 48%)', () => {
    const split = datasetProfile(stats({ rows: 120, labelCounts: { positive: 63, negative: 57 } }), null);
    expect(split.labels?.shown.map((label) => label.percent)).toEqual([52.5, 47.5]);
    // Equal counts read equal percentages (QA: 35 rows each read 33.4%, 33.3% and 33.3%).
    expect(percentsOf([1, 1, 1], 3)).toEqual([33.3, 33.3, 33.3]);
    expect(percentsOf([35, 35, 30], 100)).toEqual([35, 35, 30]);
    expect(percentsOf([2, 1, 1, 1], 5)).toEqual([40, 20, 20, 20]);
    expect(percentsOf([1, 1, 1, 2, 2], 7)).toEqual([14.3, 14.3, 14.3, 28.6, 28.6]);
    expect(percentsOf([3, 3, 1], 7)).toEqual([42.9, 42.9, 14.3]);
    expect(percentsOf([2, 1, 1, 1, 1, 1], 7).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    // A multilabel file's labels overlap: each is its own share, rounded alone.
    expect(percentsOf([2, 2], 3)).toEqual([66.7, 66.7]);
    expect(percentsOf([0], 0)).toEqual([0]);
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
      { column: 'note', rows: 30, share: 0.75, isWarned: true },
      { column: 'created', rows: 4, share: 0.1, isWarned: true },
    ]);
    expect(profile.missingMore).toBe(0);
    expect(profile.duplicateRows).toBe(2);
  });
});

describe('isMissingWarned', () => {
  it.each([
    [0.025, true, false],
    [MISSING_VALUES_WARNING_SHARE, true, false],
    [0.075, true, true],
    [0.5, false, false],
    [1, true, true],
    [1, false, true],
  ])('a share of %s, declared %s: warned %s', (share, isDeclared, isWarned) => {
    expect(isMissingWarned(share, isDeclared)).toBe(isWarned);
  });
});

/** A declared `text` and `created` column and an undeclared `note`, with a label. */
const MANIFEST: Manifest = {
  title: 'Tickets',
  task: 'classification',
  columns: [
    { name: 'text', type: 'string' },
    { name: 'urgency', type: 'category' },
    { name: 'created', type: 'date' },
  ],
  label: { column: 'urgency', classes: [{ name: 'high' }, { name: 'low' }] },
};

/** 40 rows; the first `created` rows lack a date and the first `note` rows a note. */
function csv(missing: { created: number; note: number }): string {
  const rows = Array.from({ length: 40 }, (_, i) =>
    [
      `Ticket ${i} about ${i % 2 ? 'an outage' : 'an invoice'}`,
      i % 2 ? 'high' : 'low',
      i < missing.created ? '' : `2025-03-${String((i % 28) + 1).padStart(2, '0')}`,
      i < missing.note ? '' : `note ${i}`,
    ].join(','),
  );
  return ['text,urgency,created,note', ...rows].join('\n');
}

describe('the profile warns about missing values exactly when the scorer does', () => {
  it.each([1, 2, 3, 20, 40])('%i of 40 rows missing', async (count) => {
    const report = await scoreDataset({
      source: new Blob([csv({ created: count, note: count })]).stream(),
      format: 'csv',
      manifest: MANIFEST,
    });
    const warnedByScorer = (column: string) =>
      report.findings.some(
        (finding) =>
          finding.severity === 'warning' &&
          ['structure.missing-values', 'structure.empty-column'].includes(finding.code) &&
          [finding.location, ...(finding.locations ?? [])].some((location) => location?.column === column),
      );
    const profile = datasetProfile(report.stats, MANIFEST);
    for (const column of ['created', 'note']) {
      const entry = profile.missing.find((missing) => missing.column === column);
      expect(entry?.isWarned, `${column}, ${count} missing`).toBe(warnedByScorer(column));
    }
  });
});
