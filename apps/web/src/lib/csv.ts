/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"): = + - @, tab and
 * carriage return. A leading apostrophe makes Excel, LibreOffice and Google Sheets show it as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text, with formulas neutralised. Numbers stay numbers (a negative number is not a formula). */
export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV of the rows, columns in the given order (default: keys of the first row). */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const header = columns ?? Object.keys(rows[0] ?? {});
  const lines = [header.map((name) => quote(neutraliseCell(name))).join(',')];
  for (const row of rows) lines.push(header.map((name) => quote(neutraliseCell(row[name]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Saves the CSV through the browser's download. */
export function downloadCsv(filename: string, csv: string): void {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
