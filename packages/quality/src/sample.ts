import type { FileFormat } from '@assay/schema';
import { CsvTokenizer } from './csv-tokenizer.ts';
import { peekSource } from './scan.ts';
import { detectEncoding, sniffFormat } from './sniff.ts';
import type { ByteSource } from './source.ts';

/** Preview rows stop here however large `limit` is. */
const MAX_LIMIT = 10_000;

/**
 * A bounded preview of a file for the upload wizard and for reviewers: its format, column names and the
 * first `limit` data rows as text. Stops reading once it has them. JSONL values that are not strings are
 * shown as JSON. Cell values are returned as they are: callers decide what to show.
 */
export async function readSampleRows(input: {
  source: ByteSource;
  format?: FileFormat;
  limit: number;
}): Promise<{ format: FileFormat; columns: string[]; rows: string[][] }> {
  const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(input.limit)));
  const { head, source } = await peekSource(input.source);
  const format = input.format ?? sniffFormat(head);
  const decoder = new TextDecoder(detectEncoding(head));
  let columns: string[] = [];
  const rows: string[][] = [];
  let isDone = false;

  if (format === 'jsonl') {
    let carry = '';
    const keys = new Map<string, number>();
    const line = (text: string) => {
      if (text.trim() === '' || isDone) return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = null;
      }
      const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
      const entries = Object.entries(object);
      for (const [key] of entries) {
        if (!keys.has(key)) {
          keys.set(key, keys.size);
          columns.push(key);
        }
      }
      const row: string[] = new Array(columns.length).fill('');
      for (const [key, cell] of entries) {
        row[keys.get(key)!] = typeof cell === 'string' ? cell : cell === null ? '' : JSON.stringify(cell);
      }
      rows.push(row);
      if (rows.length >= limit) isDone = true;
    };
    for await (const bytes of source) {
      const text = carry + decoder.decode(bytes, { stream: true });
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      for (const l of lines) line(l);
      if (isDone || carry.length > 1 << 22) break;
    }
    if (!isDone) line(carry + decoder.decode());
    for (const row of rows) while (row.length < columns.length) row.push('');
    return { format, columns, rows: rows.slice(0, limit) };
  }

  let hasHeader = false;
  const tokenizer = new CsvTokenizer(format === 'tsv' ? '\t' : ',', {
    onRecord(fields, isOversized) {
      if (isDone || isOversized || (fields.length === 1 && fields[0] === '')) return;
      if (!hasHeader) {
        hasHeader = true;
        columns = fields.slice();
        return;
      }
      rows.push(fields.slice());
      if (rows.length >= limit) isDone = true;
    },
    onQuoteIssue() {},
  });
  if (limit > 0 || !hasHeader) {
    for await (const bytes of source) {
      tokenizer.push(decoder.decode(bytes, { stream: true }));
      if (isDone || (limit === 0 && hasHeader)) break;
    }
  }
  if (!isDone && !(limit === 0 && hasHeader)) {
    tokenizer.push(decoder.decode());
    tokenizer.finish();
  }
  return { format, columns, rows: rows.slice(0, limit) };
}
