/** A count with its noun, singular for one, thousands separated: `1 row`, `12,500 rows`, `0 columns`. */
export function countText(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? singular : plural}`;
}
