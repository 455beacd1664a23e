import type { FileFormat } from '@assay/schema';

/**
 * Guesses the format from the first bytes of a file: JSON Lines when the first non-blank character is
 * `{` or `[`, TSV when the first line has more tabs than commas, CSV otherwise. A UTF-8 or UTF-16 byte
 * order mark is skipped.
 */
export function sniffFormat(firstBytes: Uint8Array): FileFormat {
  const text = decodeHead(firstBytes);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return 'jsonl';
  const newline = text.search(/[\r\n]/);
  const firstLine = newline === -1 ? text : text.slice(0, newline);
  let tabs = 0;
  let commas = 0;
  for (let i = 0; i < firstLine.length; i++) {
    const c = firstLine.charCodeAt(i);
    if (c === 9) tabs++;
    else if (c === 44) commas++;
  }
  return tabs > commas ? 'tsv' : 'csv';
}

/** Excel's line naming the separator (`sep=;`), when it is the file's first line that is not blank. */
const SEPARATOR_LINE = /^[\s\uFEFF]*sep=([,;])[ \t]*(?:\r\n|\n|\r|$)/;

/**
 * The separator of a CSV file, from its first line that is not blank: the one it names when it is Excel's
 * `sep=;` or `sep=,`; else semicolons when it has more of them than commas outside quotes, commas
 * otherwise. Excel writes "CSV" with semicolons wherever the decimal separator is a comma (most of Europe,
 * Latin America), whatever the format's name says; read with commas, every row of such a file was one
 * column.
 */
export function sniffCsvDelimiter(firstBytes: Uint8Array): ',' | ';' {
  const text = decodeHead(firstBytes);
  const separatorLine = SEPARATOR_LINE.exec(text);
  if (separatorLine) return separatorLine[1] as ',' | ';';
  let semicolons = 0;
  let commas = 0;
  let isQuoted = false;
  let isBlank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) isQuoted = !isQuoted;
    else if (isQuoted) continue;
    else if (c === 10 || c === 13) {
      if (!isBlank) break;
      continue;
    } else if (c === 59) semicolons++;
    else if (c === 44) commas++;
    if (c !== 32 && c !== 9 && c !== 0xfeff) isBlank = false;
  }
  return semicolons > commas ? ';' : ',';
}

/** Decodes at most the first 64 KiB, honouring a UTF-16 byte order mark. */
function decodeHead(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 65536);
  const encoding = detectEncoding(head);
  return new TextDecoder(encoding).decode(head);
}

/** The encoding announced by a byte order mark, UTF-8 otherwise. */
export function detectEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Whether the bytes start with a byte order mark (UTF-8 or UTF-16). */
export function hasByteOrderMark(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || detectEncoding(bytes) !== 'utf-8';
}

/**
 * Whether the bytes look like a binary file rather than text: a NUL byte, or many control characters,
 * in the first 8 KiB (UTF-16 text is recognised by its byte order mark and is not binary).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (detectEncoding(bytes) !== 'utf-8') return false;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return n > 0 && control / n > 0.1;
}
