import { type DatasetStats, type DraftManifest, MISSING_VALUES_WARNING_SHARE } from '@assay/schema';

/** Labels and columns listed before the rest are summed up in one line. */
export const PROFILE_ROWS = 12;

export interface LabelShare {
  label: string;
  rows: number;
  /** Of the file's rows, 0–1 (a multilabel file's shares can sum above 1). */
  share: number;
  /**
   * The share as shown, in percent to one decimal. When the labels split the rows (one label a row) the
   * shown percentages add up to exactly 100: 63 and 57 of 120 rows read 52.5% and 47.5%, not 53% and 48%.
   */
  percent: number;
  /** Whether the manifest declares it as a class; true for every label when it declares none. */
  isDeclared: boolean;
}

/**
 * Each count's share of `total` in percent to one decimal. When the counts add up to the total, by the
 * largest remainder: the tenths left over go to the counts rounded down the most, so the percentages add
 * up to 100, except that equal counts keep equal percentages: tied counts too many to share the tenths left
 * are each rounded on their own (three classes of 35 rows read 33.3% each, not 33.4, 33.3 and 33.3, and add up
 * to 99.9). Otherwise (a multilabel file's labels overlap) each is
 * rounded on its own.
 */
export function percentsOf(counts: number[], total: number): number[] {
  if (total <= 0) return counts.map(() => 0);
  const tenths = counts.map((count) => (count / total) * 1000);
  const sum = counts.reduce((a, b) => a + b, 0);
  if (sum !== total) return tenths.map((t) => Math.round(t) / 10);
  const floors = tenths.map(Math.floor);
  let left = 1000 - floors.reduce((a, b) => a + b, 0);
  // Counts with the same value have the same remainder: they take the tenths left as one, or none takes one.
  const byCount = new Map<number, number[]>();
  counts.forEach((count, index) => {
    byCount.set(count, [...(byCount.get(count) ?? []), index]);
  });
  const groups = [...byCount.values()].map((indexes) => ({
    indexes,
    remainder: tenths[indexes[0]!]! - floors[indexes[0]!]!,
  }));
  groups.sort((a, b) => b.remainder - a.remainder || a.indexes[0]! - b.indexes[0]!);
  for (const { indexes, remainder } of groups) {
    if (remainder === 0) continue;
    if (left >= indexes.length) left -= indexes.length;
    else if (indexes.length === 1 || remainder < 0.5) continue;
    for (const index of indexes) floors[index]!++;
  }
  return floors.map((t) => t / 10);
}

export interface MissingShare {
  column: string;
  rows: number;
  /** Of the file's rows, 0–1. */
  share: number;
  /** Whether the scorer warns about this column's missing values (see {@link isMissingWarned}). */
  isWarned: boolean;
}

/**
 * Whether a column missing `share` of its values gets a warning from the scorer, as its rules decide:
 * `structure.missing-values` above {@link MISSING_VALUES_WARNING_SHARE} for a declared column that has
 * some value, `structure.empty-column` for a column with none (declared or not).
 */
export function isMissingWarned(share: number, isDeclared: boolean): boolean {
  if (share >= 1) return true;
  return isDeclared && share > MISSING_VALUES_WARNING_SHARE;
}

export interface DatasetProfile {
  labels: {
    column: string | null;
    shown: LabelShare[];
    /** Labels past {@link PROFILE_ROWS}, and their rows. */
    more: { labels: number; rows: number } | null;
    /** Declared classes no row carries. */
    absent: string[];
  } | null;
  /** Columns with missing values, most missing first. */
  missing: MissingShare[];
  missingMore: number;
  duplicateRows: number;
}

/**
 * What a report's statistics say about the file, shaped for reading: the label distribution (most rows
 * first, with the declared classes it lacks or adds to) and where values are missing.
 */
export function datasetProfile(
  stats: DatasetStats,
  manifest: DraftManifest | null | undefined,
): DatasetProfile {
  const share = (rows: number) => (stats.rows === 0 ? 0 : rows / stats.rows);
  const classes = (manifest?.label?.classes ?? [])
    .map((c) => c.name)
    .filter((name): name is string => !!name);
  const declared = new Set(classes);
  const entries = Object.entries(stats.labelCounts);
  const percents = percentsOf(
    entries.map(([, rows]) => rows),
    stats.rows,
  );
  const counted = entries
    .map(([label, rows], index) => ({
      label,
      rows,
      share: share(rows),
      percent: percents[index]!,
      isDeclared: declared.size === 0 || declared.has(label),
    }))
    .sort((a, b) => b.rows - a.rows || a.label.localeCompare(b.label));
  const rest = counted.slice(PROFILE_ROWS);
  const labels =
    counted.length === 0 && classes.length === 0
      ? null
      : {
          column: manifest?.label?.column ?? null,
          shown: counted.slice(0, PROFILE_ROWS),
          more:
            rest.length === 0
              ? null
              : { labels: rest.length, rows: rest.reduce((sum, label) => sum + label.rows, 0) },
          absent: classes.filter((name) => !Object.hasOwn(stats.labelCounts, name)),
        };
  // Without a manifest (or its columns) every column counts as declared: the rule judges them all then.
  const columns = manifest?.columns?.map((column) => column.name);
  const missing = Object.entries(stats.missingPerColumn)
    .filter(([, rows]) => rows > 0)
    .map(([column, rows]) => ({
      column,
      rows,
      share: share(rows),
      isWarned: isMissingWarned(share(rows), !columns || columns.includes(column)),
    }))
    .sort((a, b) => b.rows - a.rows || a.column.localeCompare(b.column));
  return {
    labels,
    missing: missing.slice(0, PROFILE_ROWS),
    missingMore: Math.max(0, missing.length - PROFILE_ROWS),
    duplicateRows: stats.duplicateRows,
  };
}
