/** Kinds of personal data the scorer looks for in free text. */
export type PiiKind = 'email' | 'phone' | 'card';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
/** A run of digits with common separators, long enough to be a phone or card number. */
const NUMBER_RUN = /\+?\(?\d[\d ().-]{6,24}\d/g;
const ISO_DATE_START = /^\d{4}-\d{2}-\d{2}/;

/**
 * The kinds of personal data in a cell. Each regex runs only after a cheap pre-check (an `@` for
 * email, a digit run for phone and card numbers); card numbers must pass the Luhn check.
 */
export function findPii(value: string, found: Set<PiiKind>, hasNumberRun = hasDigitRun(value)): void {
  if (value.indexOf('@') !== -1 && EMAIL.test(value)) found.add('email');
  if (!hasNumberRun) return;
  NUMBER_RUN.lastIndex = 0;
  for (let match = NUMBER_RUN.exec(value); match !== null; match = NUMBER_RUN.exec(value)) {
    const text = match[0];
    if (ISO_DATE_START.test(text)) continue;
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && isLuhnValid(digits)) found.add('card');
    else if (digits.length >= 8 && digits.length <= 15 && (/[ ().+-]/.test(text) || digits.length >= 10)) {
      found.add('phone');
    }
  }
}

/**
 * Whether the text has a run of at least 8 digits, possibly split by spaces, dots, dashes or brackets:
 * the shortest phone number. Most free text (and ids, amounts, years) has none, so the regex is skipped.
 */
export function hasDigitRun(value: string): boolean {
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits === 8) return true;
    } else if (c !== 32 && c !== 45 && c !== 46 && c !== 40 && c !== 41 && c !== 43) digits = 0;
  }
  return false;
}

/** The Luhn checksum of a string of digits (card numbers). */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * A value safe to show in a finding: short values that look like personal data are masked, long ones
 * cut. Label values and column names pass through here before they reach a message.
 */
export function maskSample(value: string): string {
  const found = new Set<PiiKind>();
  findPii(value, found);
  if (found.size > 0) return `${value.slice(0, 1)}…(${value.length} characters, masked)`;
  const oneLine = value.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}…` : oneLine;
}
