import type { ColumnType } from '@assay/schema';

/**
 * Cheap, hand-written checks of one cell against a declared column type. Per-row zod costs more than
 * parsing the file, so these are plain loops over character codes.
 */
export function isOfType(value: string, type: ColumnType): boolean {
  switch (type) {
    case 'string':
    case 'category':
      return true;
    case 'integer':
      return isIntegerText(value);
    case 'number':
      return isNumberText(value);
    case 'boolean':
      return isBooleanText(value);
    case 'date':
      return isDateText(value);
    case 'datetime':
      return isDateTimeText(value);
  }
}

/** Optional sign and digits only. */
export function isIntegerText(value: string): boolean {
  const n = value.length;
  let i = 0;
  const first = value.charCodeAt(0);
  if (first === 45 || first === 43) i = 1;
  if (i === n) return false;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** An integer written with more digits than a double holds exactly (above 2^53). */
export function isUnsafeIntegerText(value: string): boolean {
  if (value.length < 16 || !isIntegerText(value)) return false;
  return !Number.isSafeInteger(Number(value));
}

/**
 * A finite decimal number: `-3`, `4.5`, `1e-3`, `.5`. Not `NaN`, `Infinity`, hex or blanks. The grammar
 * is the one `Number()` accepts for such text (sign, digits with one optional point, optional exponent),
 * checked by hand; `Number()` runs only where the value could overflow to infinity.
 */
export function isNumberText(value: string): boolean {
  const n = value.length;
  let i = 0;
  if (n === 0) return false;
  let c = value.charCodeAt(0);
  if (c === 43 || c === 45) i++;
  let digits = 0;
  for (; i < n; i++) {
    c = value.charCodeAt(i);
    if (c < 48 || c > 57) break;
    digits++;
  }
  if (i < n && c === 46) {
    for (i++; i < n; i++) {
      c = value.charCodeAt(i);
      if (c < 48 || c > 57) break;
      digits++;
    }
  }
  if (digits === 0) return false;
  // Without an exponent, fewer than 300 characters cannot reach infinity (about 1.8e308).
  if (i === n) return n < 300 || Number.isFinite(Number(value));
  if (c !== 101 && c !== 69) return false;
  i++;
  if (i < n) {
    c = value.charCodeAt(i);
    if (c === 43 || c === 45) i++;
  }
  const exponentStart = i;
  for (; i < n; i++) {
    c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  if (i === exponentStart) return false;
  return Number.isFinite(Number(value));
}

/**
 * A number with a decimal comma, as Excel writes one where the comma is the decimal separator: `3,5`,
 * `-0,25`, `1.234,5` (points grouping thousands). Only semicolon-separated CSV and TSV files hold such
 * values unquoted, and only there are they read as numbers; `1.234` alone is a number with a decimal point.
 */
export function isDecimalCommaText(value: string): boolean {
  return DECIMAL_COMMA.test(value);
}

/**
 * Whether a file read with this separator can hold numbers with decimal commas: only where no comma separates
 * values (a semicolon-separated CSV or a TSV, as Excel writes them). JSON Lines (no separator) have JSON numbers.
 */
export function allowsDecimalCommas(delimiter: string | null | undefined): boolean {
  return delimiter === ';' || delimiter === '\t';
}

const DECIMAL_COMMA = /^[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+),\d+$/;

const BOOLEANS = new Set(['true', 'false', 'TRUE', 'FALSE', 'True', 'False', '0', '1', 'yes', 'no']);

/** `true`/`false` in common spellings, `0`/`1`, `yes`/`no`. */
export function isBooleanText(value: string): boolean {
  return value.length <= 5 && BOOLEANS.has(value);
}

function digitsAt(value: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An ISO 8601 calendar date `YYYY-MM-DD` that exists (29 February only in leap years). */
export function isDateText(value: string): boolean {
  if (value.length !== 10) return false;
  return isDatePrefix(value);
}

function isDatePrefix(value: string): boolean {
  return datePrefixKey(value) !== -1;
}

/**
 * The date a text starts with as the number `yyyymmdd` when its first 10 characters are a valid
 * `YYYY-MM-DD` (29 February only in leap years), else -1. Keys order as the dates do.
 */
export function datePrefixKey(value: string): number {
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return -1;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return -1;
  if (month === 2 && day === 29) {
    if (!(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return -1;
  } else if (day > DAYS_IN_MONTH[month - 1]!) {
    return -1;
  }
  return year * 10000 + month * 100 + day;
}

const TIME = /^[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;

/** An ISO 8601 date-time: `2025-03-01T10:00:00Z`, `2025-03-01 10:00`, with optional seconds and offset. */
export function isDateTimeText(value: string): boolean {
  if (value.length < 16 || value.length > 40) return false;
  return isDatePrefix(value) && TIME.test(value.slice(10));
}

/** Cell texts that mean "no value" in common exports. */
const MISSING_TOKENS = new Set(['NA', 'N/A', 'n/a', 'na', 'null', 'NULL', 'None', 'nan', 'NaN', '-', '?']);

/** Empty, or a placeholder such as `NA`, `null` or `-`. */
export function isMissing(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  if (n > 4) return false;
  // Every token starts with N, n, -, or ?: test that before hashing the string for the set.
  const c = value.charCodeAt(0);
  return (c === 78 || c === 110 || c === 45 || c === 63) && MISSING_TOKENS.has(value);
}
