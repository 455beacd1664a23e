/** Parse-only passes the scorer is measured against (run-one.ts, and the spike's byte ranges). */
import { CsvTokenizer } from '../src/csv-tokenizer.ts';

/** CSV records: this package's tokenizer over the decoded chunks, without field offsets. */
export async function countCsvRecords(chunks: AsyncIterable<Uint8Array>): Promise<number> {
  let rows = 0;
  const tokenizer = new CsvTokenizer(',', { onRecord: () => void rows++, onQuoteIssue: () => {} });
  const decoder = new TextDecoder();
  for await (const chunk of chunks) tokenizer.push(decoder.decode(chunk, { stream: true }));
  tokenizer.finish();
  return rows;
}

/** JSON Lines: split at newlines, `JSON.parse` each non-empty line and hand its value to `each`. */
export async function countJsonLines(
  chunks: AsyncIterable<Uint8Array>,
  each: (value: unknown) => void = () => {},
): Promise<number> {
  let rows = 0;
  let carry = '';
  const decoder = new TextDecoder();
  const line = (text: string) => {
    if (text === '') return;
    rows++;
    try {
      each(JSON.parse(text));
    } catch {}
  };
  for await (const chunk of chunks) {
    const text = carry + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      line(text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  line(carry);
  return rows;
}
