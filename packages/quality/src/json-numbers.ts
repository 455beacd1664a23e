/** An integer literal long enough to pass 2^53, not part of a decimal or an exponent. */
const LONG_INTEGER = /(?<![\w.])-?\d{16,}(?![\d.eE])/g;

/** Whether a parsed JSON value is an integer JSON.parse could not hold exactly. */
export function isUnsafeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
}

/**
 * The integer literals of a JSON text that JSON.parse rounds (above 2^53), as written, in text order.
 * A JSON line's values are put back from these: parsed, 9007199254740993 and …992 are one number, so
 * rows that differ in such an identifier counted as duplicates, and previews showed the wrong digits.
 */
export function unsafeIntegerLiterals(text: string): string[] {
  return (text.match(LONG_INTEGER) ?? []).filter((literal) => !Number.isSafeInteger(Number(literal)));
}

/**
 * Puts the digits back: `cells[at[i]]` becomes the i-th unsafe literal of `text`, when there are exactly as
 * many literals as places (object keys come in text order; a nested value's literals make the counts
 * differ, and then the cells stay as parsed).
 */
export function restoreUnsafeIntegers(cells: string[], at: readonly number[], text: string): void {
  const literals = unsafeIntegerLiterals(text);
  if (literals.length !== at.length) return;
  at.forEach((index, i) => {
    cells[index] = literals[i]!;
  });
}
