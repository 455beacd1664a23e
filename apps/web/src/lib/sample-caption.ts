/**
 * What the sample is: rows spread over the file (picked when it was scored), or its first rows (versions
 * scored before samples were spread), or all of it. Row numbers count data rows, as findings do.
 */
export function sampleCaption(numbers: readonly number[], totalRows: number | null): string {
  const n = numbers.length;
  if (n === 0) return 'The file has no data rows.';
  if (totalRows !== null && n >= totalRows) return `All ${n.toLocaleString()} rows.`;
  const isFirstRows = numbers[n - 1] === n;
  const of = totalRows === null ? '' : ` of ${totalRows.toLocaleString()}`;
  return isFirstRows
    ? `The first ${n} rows${of}.`
    : `${n} rows${of}, spread over the whole file; the first column is each row's number, as findings give it.`;
}
