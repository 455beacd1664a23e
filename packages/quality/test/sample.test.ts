import { describe, expect, it } from 'vitest';
import { readSampleRows, scoreDataset, spreadRowNumbers } from '../src/index.ts';
import { chunksOf, GOOD_MANIFEST } from './rule-cases.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('spreadRowNumbers', () => {
  it('takes one row from each equal stretch of the file, from the first, each once', () => {
    const four = spreadRowNumbers(100, 4);
    expect(four[0]).toBe(1);
    four.forEach((row, i) => {
      expect(row).toBeGreaterThan(i * 25);
      expect(row).toBeLessThanOrEqual((i + 1) * 25);
    });
    expect(spreadRowNumbers(100, 4)).toEqual(four);
    const spread = spreadRowNumbers(1_000_003, 25);
    expect(spread[0]).toBe(1);
    expect(new Set(spread).size).toBe(25);
    expect(spread.at(-1)).toBeGreaterThan(1_000_003 - 1_000_003 / 25);
    expect(spread.every((n, i) => i === 0 || n > spread[i - 1]!)).toBe(true);
  });

  it('shows every label of a file whose labels repeat with a period dividing the stretch', () => {
    // 300 rows, 25 wanted: stretches of 12 rows. Labels cycle with period 3 (or 4, 6): an even stride
    // saw one label only. With 12 labels, 25 rows show most of them.
    const labelsSeen = (period: number) =>
      new Set(spreadRowNumbers(300, 25).map((row) => (row - 1) % period)).size;
    for (const period of [3, 4, 6]) expect(labelsSeen(period), `period ${period}`).toBe(period);
    expect(labelsSeen(12)).toBeGreaterThanOrEqual(8);
  });

  it('gives every row of a file with no more rows than asked, and none of an empty one', () => {
    expect(spreadRowNumbers(3, 25)).toEqual([1, 2, 3]);
    expect(spreadRowNumbers(0, 25)).toEqual([]);
  });
});

describe('readSampleRows with row numbers', () => {
  // Sorted by label: the first rows are all "high". A quoted newline and a blank line must not shift the count.
  const csv = [
    'text,urgency,created',
    ...Array.from({ length: 6 }, (_, i) => `"down ${i + 1}, again",high,2025-03-0${i + 1}`),
    '"two\nlines",high,2025-03-07',
    '',
    ...Array.from({ length: 5 }, (_, i) => `question ${i + 9},low,2025-04-0${i + 1}`),
  ].join('\n');

  it('returns the wanted rows, numbered as the scorer numbers rows', async () => {
    const sample = await readSampleRows({
      source: chunksOf(encode(csv), 5),
      limit: 0,
      rowNumbers: [1, 7, 8, 12],
    });
    expect(sample.columns).toEqual(['text', 'urgency', 'created']);
    expect(sample.numbers).toEqual([1, 7, 8, 12]);
    expect(sample.rows).toEqual([
      ['down 1, again', 'high', '2025-03-01'],
      ['two\nlines', 'high', '2025-03-07'],
      ['question 9', 'low', '2025-04-01'],
      ['question 13', 'low', '2025-04-05'],
    ]);
    // The scorer counts the same 12 rows, so a finding's row 12 is the sample's row 12.
    const report = await scoreDataset({ source: chunksOf(encode(csv), 5), manifest: GOOD_MANIFEST });
    expect(report.stats.rows).toBe(12);
  });

  it('numbers the first rows too, and reads JSON Lines the same way', async () => {
    const first = await readSampleRows({ source: chunksOf(encode(csv), 64), limit: 2 });
    expect(first.numbers).toEqual([1, 2]);
    const jsonl = ['{"text":"a","urgency":"high"}', '', 'not json', '{"text":"c","urgency":"low"}', ''].join(
      '\n',
    );
    const sample = await readSampleRows({ source: chunksOf(encode(jsonl), 3), limit: 0, rowNumbers: [2, 3] });
    expect(sample).toMatchObject({
      format: 'jsonl',
      numbers: [2, 3],
      rows: [
        ['', ''],
        ['c', 'low'],
      ],
    });
  });
});

describe('readSampleRows of a semicolon-separated CSV', () => {
  it('reads its columns as the scorer does, and says what separates them', async () => {
    // As Excel writes CSV where the comma is the decimal separator; a quoted semicolon stays in its cell.
    const csv = '\uFEFF\n"id";"review; short";"price"\r\n1;"Gut; aber teuer";3,50\r\n2;Zu teuer;12,00\r\n';
    const sample = await readSampleRows({ source: chunksOf(encode(csv), 3), limit: 5 });
    expect(sample).toEqual({
      format: 'csv',
      columns: ['id', 'review; short', 'price'],
      rows: [
        ['1', 'Gut; aber teuer', '3,50'],
        ['2', 'Zu teuer', '12,00'],
      ],
      numbers: [1, 2],
      delimiter: ';',
    });
    // Excel's separator line is no header, as the scorer reads it (structure.separator-line).
    const withLine = await readSampleRows({
      source: chunksOf(encode(`\uFEFFsep=;\r\n${csv.slice(1)}`), 3),
      limit: 5,
    });
    expect(withLine).toEqual(sample);
    // With spaces around it too, as sniffCsvDelimiter reads it (it was the header, "sep=" and " ").
    const withSpaces = await readSampleRows({
      source: chunksOf(encode(` sep=; \r\n${csv.slice(1)}`), 3),
      limit: 5,
    });
    expect(withSpaces).toEqual(sample);
    const withCommas = await readSampleRows({ source: chunksOf(encode('a,b;c\n1,2;3\n'), 3), limit: 5 });
    expect(withCommas).toEqual({ format: 'csv', columns: ['a', 'b;c'], rows: [['1', '2;3']], numbers: [1] });
  });
});
