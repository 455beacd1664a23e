/** Longest record (in characters) kept in memory; longer records are reported and skipped. */
export const MAX_RECORD_CHARS = 1 << 22;
/** Most fields kept for one record; more are reported and the record skipped. */
export const MAX_FIELDS = 200_000;

const QUOTE = 34;
const CR = 13;
const LF = 10;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTED_SAW_QUOTE = 3;
const AFTER_QUOTE = 4;

/** What the tokenizer tells its consumer besides records. */
export interface CsvEvents {
  /**
   * One record. `fields` is reused after the call returns: copy it to keep it. `isOversized` records
   * were too long to keep and arrive with no fields.
   */
  onRecord(fields: string[], isOversized: boolean): void;
  /** A quoting problem in the current record: text after a closing quote, or a quote never closed. */
  onQuoteIssue(kind: 'text-after-quote' | 'unterminated'): void;
}

/** Options of a {@link CsvTokenizer}. */
export interface CsvTokenizerOptions {
  /** Record where each field sits in the chunk being pushed ({@link CsvTokenizer.fieldStarts}). */
  isTrackingOffsets?: boolean;
}

/**
 * A streaming RFC 4180 tokenizer: quoted fields with delimiters, doubled quotes and newlines; CRLF and LF
 * line endings (also mixed); a record split across chunks. Unlike parsers that silently merge rows, it
 * hands every record to the consumer with its own field count so ragged rows can be reported. Memory is
 * bounded by {@link MAX_RECORD_CHARS} whatever the input.
 */
export class CsvTokenizer {
  /** Records that ended in CRLF and in a bare LF: mixed line endings are reported. */
  crlfCount = 0;
  lfCount = 0;
  /**
   * With `isTrackingOffsets`, during `onRecord`: field `i` is `chunk.slice(fieldStarts[i], fieldEnds[i])`
   * of the chunk being pushed — with each doubled quote `""` read as one `"` where `fieldIsEscaped[i]`
   * is 1 — or `fieldStarts[i]` is -1 (the field began in an earlier chunk). Lets a consumer read a
   * field's characters in the chunk rather than in a new string.
   */
  fieldStarts: Int32Array = new Int32Array(64);
  fieldEnds: Int32Array = new Int32Array(64);
  fieldIsEscaped: Uint8Array = new Uint8Array(64);

  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private fields: string[] = [];
  private partial = '';
  private state = FIELD_START;
  private sawCr = false;
  private isOversized = false;
  private recordChars = 0;
  private readonly isTrackingOffsets: boolean;
  /** Where the open quoted field's text starts and ends in the chunk; -1 once it is not one slice of it. */
  private quotedStart = -1;
  private quotedEnd = -1;
  /** Whether the open quoted field has a doubled quote. */
  private isQuotedEscaped = false;

  constructor(
    delimiter: string,
    private readonly events: CsvEvents,
    options: CsvTokenizerOptions = {},
  ) {
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.isTrackingOffsets = options.isTrackingOffsets ?? false;
  }

  /** Feeds the next decoded chunk. */
  push(s: string): void {
    const n = s.length;
    const delimiter = this.delimiter;
    const delimiterCode = this.delimiterCode;
    let i = 0;
    // Next delimiter and newline at or after i, found with indexOf (fast) and cached until passed.
    let nextDelimiter = -1;
    let nextNewline = -1;
    if (this.isTrackingOffsets) {
      // Fields and a quoted field still open from the previous chunk are not slices of this one.
      this.fieldStarts.fill(-1, 0, Math.min(this.fields.length, this.fieldStarts.length));
      this.quotedStart = -1;
    }
    while (i < n) {
      const state = this.state;
      if (state === FIELD_START || state === UNQUOTED) {
        if (state === FIELD_START && s.charCodeAt(i) === QUOTE) {
          this.state = QUOTED;
          i++;
          this.quotedStart = i;
          this.isQuotedEscaped = false;
          continue;
        }
        if (nextDelimiter < i) {
          nextDelimiter = s.indexOf(delimiter, i);
          if (nextDelimiter === -1) nextDelimiter = n;
        }
        if (nextNewline < i) {
          nextNewline = s.indexOf('\n', i);
          if (nextNewline === -1) nextNewline = n;
        }
        if (nextDelimiter < nextNewline) {
          const start = this.partial === '' ? i : -1;
          this.addField(this.takeField(s.slice(i, nextDelimiter)), start, nextDelimiter, false);
          this.state = FIELD_START;
          i = nextDelimiter + 1;
        } else if (nextNewline < n) {
          const start = this.partial === '' ? i : -1;
          let value = this.takeField(s.slice(i, nextNewline));
          let end = nextNewline;
          if (value.charCodeAt(value.length - 1) === CR) {
            value = value.slice(0, -1);
            end--;
            this.sawCr = true;
          }
          this.addField(value, start, end, false);
          this.endRecord();
          i = nextNewline + 1;
        } else {
          this.appendPartial(s.slice(i));
          this.state = UNQUOTED;
          i = n;
        }
      } else if (state === QUOTED) {
        const j = s.indexOf('"', i);
        if (j === -1) {
          this.appendPartial(s.slice(i));
          i = n;
        } else {
          this.appendPartial(s.slice(i, j));
          if (j + 1 === n) {
            this.state = QUOTED_SAW_QUOTE;
            i = n;
          } else if (s.charCodeAt(j + 1) === QUOTE) {
            this.appendPartial('"');
            this.isQuotedEscaped = true;
            i = j + 2;
          } else {
            this.state = AFTER_QUOTE;
            this.quotedEnd = j;
            i = j + 1;
          }
        }
      } else if (state === QUOTED_SAW_QUOTE) {
        if (s.charCodeAt(i) === QUOTE) {
          // A doubled quote split by the chunk's end: quotedStart is -1 already (the field began earlier).
          this.appendPartial('"');
          this.state = QUOTED;
          i++;
        } else {
          this.state = AFTER_QUOTE;
        }
      } else {
        // AFTER_QUOTE: a delimiter or a line ending must follow a closing quote.
        const c = s.charCodeAt(i);
        if (c === delimiterCode) {
          this.addField(this.takeField(''), this.quotedStart, this.quotedEnd, this.isQuotedEscaped);
          this.state = FIELD_START;
          i++;
        } else if (c === LF) {
          this.addField(this.takeField(''), this.quotedStart, this.quotedEnd, this.isQuotedEscaped);
          this.endRecord();
          i++;
        } else if (c === CR && !this.sawCr) {
          this.sawCr = true;
          i++;
        } else {
          this.events.onQuoteIssue('text-after-quote');
          if (this.sawCr) {
            this.appendPartial('\r');
            this.sawCr = false;
          }
          this.state = UNQUOTED;
        }
      }
    }
  }

  /** Ends the input: a last record without a line ending is emitted; an open quote is reported. */
  finish(): void {
    const state = this.state;
    if (state === QUOTED) this.events.onQuoteIssue('unterminated');
    if (state === FIELD_START && this.fields.length === 0) return;
    let value = this.takeField('');
    if (state === UNQUOTED && value.charCodeAt(value.length - 1) === CR) value = value.slice(0, -1);
    this.addField(value, -1, -1, false);
    this.sawCr = false;
    this.endRecord(true);
  }

  private takeField(tail: string): string {
    if (this.partial === '') return tail;
    const value = this.partial + tail;
    this.partial = '';
    return value;
  }

  private appendPartial(text: string): void {
    if (this.isOversized) return;
    this.recordChars += text.length;
    if (this.recordChars > MAX_RECORD_CHARS) {
      this.markOversized();
      return;
    }
    this.partial += text;
  }

  private addField(value: string, start: number, end: number, isEscaped: boolean): void {
    if (this.isOversized) return;
    this.recordChars += value.length;
    const index = this.fields.length;
    if (index >= MAX_FIELDS || this.recordChars > MAX_RECORD_CHARS) {
      this.markOversized();
      return;
    }
    this.fields.push(value);
    if (this.isTrackingOffsets) {
      if (index === this.fieldStarts.length) this.growOffsets();
      this.fieldStarts[index] = start;
      this.fieldEnds[index] = end;
      this.fieldIsEscaped[index] = isEscaped ? 1 : 0;
    }
  }

  private growOffsets(): void {
    const starts = new Int32Array(this.fieldStarts.length * 2);
    const ends = new Int32Array(starts.length);
    const escaped = new Uint8Array(starts.length);
    starts.set(this.fieldStarts);
    ends.set(this.fieldEnds);
    escaped.set(this.fieldIsEscaped);
    this.fieldStarts = starts;
    this.fieldEnds = ends;
    this.fieldIsEscaped = escaped;
  }

  private markOversized(): void {
    this.isOversized = true;
    this.partial = '';
    this.fields.length = 0;
  }

  private endRecord(isEndOfInput = false): void {
    if (this.sawCr) this.crlfCount++;
    else if (!isEndOfInput) this.lfCount++;
    this.events.onRecord(this.fields, this.isOversized);
    this.fields.length = 0;
    this.partial = '';
    this.state = FIELD_START;
    this.sawCr = false;
    this.isOversized = false;
    this.recordChars = 0;
  }
}
