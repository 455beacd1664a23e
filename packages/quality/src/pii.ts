/** Kinds of personal data the scorer looks for in free text. */
export type PiiKind = 'email' | 'phone' | 'card';

/** What counts as an e-mail address; {@link hasEmail} decides the same without the regex. */
export const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
/** A run of digits with common separators, long enough to be a phone or card number. */
const NUMBER_RUN = /\+?\(?\d[\d ().-]{6,24}\d/g;
const ISO_DATE_START = /^\d{4}-\d{2}-\d{2}/;
/**
 * A decimal number: digits, one point or comma, digits, not part of a longer dotted or comma group
 * (`555.123.4567`, `1,234,567`). Its digits are a measurement, not a phone or card number: about one
 * 16-digit fraction in ten passes the Luhn check, and a file of probabilities was reported as full of cards.
 */
const DECIMAL = /(?<![\d.,])\d+[.,]\d+(?![\d.,])/g;

/** Bits of {@link piiKinds}. */
export const PII_EMAIL = 1;
export const PII_PHONE = 2;
export const PII_CARD = 4;

/**
 * The kinds of personal data in a cell. Each check runs only after a cheap pre-check (an `@` for
 * email, a digit run for phone and card numbers); card numbers must pass the Luhn check.
 */
export function findPii(value: string, found: Set<PiiKind>, hasNumberRun = hasDigitRun(value)): void {
  const kinds = piiKinds(value, hasNumberRun);
  if ((kinds & PII_EMAIL) !== 0) found.add('email');
  if ((kinds & PII_CARD) !== 0) found.add('card');
  if ((kinds & PII_PHONE) !== 0) found.add('phone');
}

/**
 * {@link findPii} as bits ({@link PII_EMAIL}, {@link PII_PHONE}, {@link PII_CARD}), allocation-free.
 * `firstAt` is the index of the first `@` (-1 for none), when the caller found it already.
 */
export function piiKinds(value: string, hasNumberRun: boolean, firstAt = value.indexOf('@')): number {
  let kinds = firstAt !== -1 && hasEmail(value, firstAt) ? PII_EMAIL : 0;
  if (!hasNumberRun) return kinds;
  const numbers = value.replace(DECIMAL, ' ');
  NUMBER_RUN.lastIndex = 0;
  for (let match = NUMBER_RUN.exec(numbers); match !== null; match = NUMBER_RUN.exec(numbers)) {
    kinds |= numberRunKind(match[0]);
  }
  return kinds;
}

/**
 * What a run of digits ({@link NUMBER_RUN}'s match) is: a card number ({@link PII_CARD}: 13–19 digits
 * passing the Luhn check), a phone number ({@link PII_PHONE}: 8–15 digits, written with a separator or
 * at least 10 of them), or neither (0; a date is neither).
 */
function numberRunKind(text: string): number {
  if (ISO_DATE_START.test(text)) return 0;
  const digits = text.replace(/\D/g, '');
  if (digits.length >= 13 && digits.length <= 19 && isLuhnValid(digits)) return PII_CARD;
  if (digits.length >= 8 && digits.length <= 15 && (/[ ().+-]/.test(text) || digits.length >= 10)) {
    return PII_PHONE;
  }
  return 0;
}

const EMAILS = new RegExp(EMAIL_PATTERN.source, 'g');

/**
 * The text with the personal data {@link piiKinds} finds replaced by what it is (`[email]`, `[phone]`,
 * `[card]`), the rest kept: rows shown to someone who may not see personal data stay readable.
 */
export function maskPersonalData(value: string): string {
  let masked = value.indexOf('@') === -1 ? value : value.replace(EMAILS, '[email]');
  if (!hasDigitRun(masked)) return masked;
  // Decimals blanked to spaces of their length, so the runs' offsets are the text's.
  const numbers = masked.replace(DECIMAL, (decimal) => ' '.repeat(decimal.length));
  const spans: { start: number; end: number; kind: string }[] = [];
  NUMBER_RUN.lastIndex = 0;
  for (let match = NUMBER_RUN.exec(numbers); match !== null; match = NUMBER_RUN.exec(numbers)) {
    const kind = numberRunKind(match[0]);
    if (kind === 0) continue;
    spans.push({
      start: match.index,
      end: match.index + match[0].length,
      kind: kind === PII_CARD ? '[card]' : '[phone]',
    });
  }
  for (const { start, end, kind } of spans.reverse())
    masked = masked.slice(0, start) + kind + masked.slice(end);
  return masked;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** `[A-Za-z0-9-]`: a character of a domain label. */
function isLabelChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 45;
}

/**
 * Whether {@link EMAIL_PATTERN} matches somewhere in the text, decided by a loop instead of the regex (same
 * answer, tested against it): a local-part character right before an `@`, then domain labels joined by
 * dots up to a dot followed by two letters.
 */
export function hasEmail(value: string, firstAt = value.indexOf('@')): boolean {
  const n = value.length;
  for (let at = firstAt; at !== -1; at = value.indexOf('@', at + 1)) {
    const before = value.charCodeAt(at - 1);
    // [A-Za-z0-9._%+-]
    if (
      !(
        isAsciiAlnum(before) ||
        before === 46 ||
        before === 95 ||
        before === 37 ||
        before === 43 ||
        before === 45
      )
    ) {
      continue;
    }
    let i = at + 1;
    if (!isLabelChar(value.charCodeAt(i))) continue;
    i++;
    while (i < n) {
      const c = value.charCodeAt(i);
      if (isLabelChar(c)) {
        i++;
      } else if (c === 46) {
        // A dot after a non-empty label: two letters end the match, a label character goes on.
        const next = value.charCodeAt(i + 1);
        if (isAsciiLetter(next) && isAsciiLetter(value.charCodeAt(i + 2))) return true;
        if (!isLabelChar(next)) break;
        i += 2;
      } else {
        break;
      }
    }
  }
  return false;
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
