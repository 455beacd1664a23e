import { isDecimalCommaText } from '@assay/quality';
import type { ColumnType } from '@assay/schema';

const LABEL_NAMES =
  /^(label|labels|class|classes|category|categories|target|y|tag|tags|topic|topics|sentiment|urgency|intent|outcome)$/i;

/** Counts of each value of a column in the rows, most frequent first; `valuesOf` reads a cell as several. */
export function countValues(
  rows: readonly Record<string, string>[],
  column: string,
  valuesOf: (cell: string) => readonly string[] = (cell) => [cell],
): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const cell = row[column];
    if (cell === undefined || cell === '') continue;
    for (const value of valuesOf(cell)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/**
 * Guesses the label column: a column with a conventional label name, else the text column with the
 * fewest distinct values (at most 20, and repeating), else none.
 */
export function detectLabelColumn(
  header: readonly string[],
  rows: readonly Record<string, string>[],
): string | null {
  const named = header.find((name) => LABEL_NAMES.test(name.trim()));
  if (named) return named;
  let best: { name: string; distinct: number } | null = null;
  for (const name of header) {
    const values = countValues(rows, name);
    const distinct = values.length;
    if (distinct < 2 || distinct > 20 || distinct >= rows.length) continue;
    if (values.every(({ value }) => /^-?\d+(\.\d+)?$/.test(value)) && distinct > 5) continue;
    if (!best || distinct < best.distinct) best = { name, distinct };
  }
  return best?.name ?? null;
}

/**
 * The narrowest declared type every non-empty sample value fits. In a semicolon-separated CSV or a TSV
 * (`hasDecimalCommas`), `3,5` is a number, as the scorer reads it there.
 */
export function inferColumnType(values: readonly string[], hasDecimalCommas = false): ColumnType {
  const present = values.filter((value) => value !== '');
  if (present.length === 0) return 'string';
  const all = (test: (value: string) => boolean) => present.every(test);
  if (all((v) => /^(true|false)$/i.test(v))) return 'boolean';
  if (all((v) => /^-?\d+$/.test(v))) return 'integer';
  const isNumber = (v: string) =>
    /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) || (hasDecimalCommas && isDecimalCommaText(v));
  if (all(isNumber)) return 'number';
  if (all((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
  if (all((v) => /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v))) return 'datetime';
  const distinct = new Set(present).size;
  if (present.length >= 4 && distinct <= Math.max(2, Math.min(20, present.length / 2))) return 'category';
  return 'string';
}
