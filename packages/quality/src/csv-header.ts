/**
 * A CSV or TSV header's column names, without spaces at their ends: spreadsheets keep a space typed after
 * a name ("review "), and a manifest's "review" then named a column missing while the file had it. The
 * scan and the row samples read headers through this, so both see the same names.
 */
export function headerNames(fields: readonly string[]): string[] {
  return fields.map((name) => name.trim());
}

/**
 * Whether a record before the header is Excel's separator line (`sep=;` or `sep=,`, read with that
 * separator as two fields): it tells Excel the separator, and is no header. Spaces around it count as
 * `sniffCsvDelimiter` counts them, which reads the file with the separator such a line names.
 */
export function isSeparatorLine(fields: readonly string[]): boolean {
  return fields.length === 2 && fields[0]?.trim() === 'sep=' && fields[1]?.trim() === '';
}

/** The header's names that had spaces at their ends, as written, for the finding that says so. */
export function paddedHeaderNames(fields: readonly string[]): string[] {
  return fields.filter((name) => name !== name.trim() && name.trim() !== '');
}
