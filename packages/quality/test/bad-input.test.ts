import type { QualityReport } from '@assay/schema';
import { QualityReportSchema } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { readSampleRows } from '../src/index.ts';
import { chunksOf, GOOD_CSV, GOOD_MANIFEST, JSONL, scoreCase } from './rule-cases.ts';

const encode = (text: string) => new TextEncoder().encode(text);

function codes(report: QualityReport): string[] {
  return report.findings.map((f) => f.code);
}

/** The "Bad input" list of issue 3: each yields findings or a clear error, and never crashes or hangs. */
describe('bad input', () => {
  it('empty file', async () => {
    const report = await scoreCase({ csv: '' });
    expect(codes(report)).toContain('structure.empty-file');
    expect(report.scores.structure).toBe(0);
    expect(report.enterpriseGrade).toBe(false);
  });

  it('header only', async () => {
    const report = await scoreCase({ csv: 'text,urgency,created\n' });
    expect(codes(report)).toEqual(expect.arrayContaining(['structure.no-rows']));
    expect(report.stats.rows).toBe(0);
  });

  it('binary file', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const report = await scoreCase({ bytes });
    expect(codes(report)).toContain('structure.binary-file');
    expect(report.stats.bytes).toBe(4096);
  });

  it('invalid UTF-8', async () => {
    const bytes = new Uint8Array([...encode(GOOD_CSV), 0xc3, 0x28, 0x2c, 0x6c, 0x6f, 0x77, 0x2c, 0x0a]);
    expect(codes(await scoreCase({ bytes }))).toContain('structure.invalid-utf8');
  });

  it('UTF-16 with BOM is read, and reported', async () => {
    const text = GOOD_CSV;
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    const report = await scoreCase({ bytes });
    expect(codes(report)).toEqual(['structure.utf16-encoding']);
    expect(report.stats.rows).toBe(6);
  });

  it('mixed line endings', async () => {
    const report = await scoreCase({ csv: GOOD_CSV.replace('\n', '\r\n').replace(/\n(?=Email)/, '\r\n') });
    expect(codes(report)).toEqual(['structure.mixed-line-endings']);
    expect(report.stats.rows).toBe(6);
  });

  it('quoted fields with newlines are one field', async () => {
    const csv = `${GOOD_CSV}"first line\nsecond line, with comma\r\nthird",low,2025-03-03\n`;
    const report = await scoreCase({ csv });
    expect(report.stats.rows).toBe(7);
    expect(codes(report)).toEqual([]);
  });

  it('unterminated quote at the end', async () => {
    const report = await scoreCase({ csv: `${GOOD_CSV}"no end,low,2025-03-03\nmore` });
    expect(codes(report)).toContain('structure.quoting');
  });

  it('ragged rows are reported, never merged', async () => {
    const report = await scoreCase({ csv: `${GOOD_CSV}a,high\nb,low,2025-03-03,extra\n` });
    const ragged = report.findings.find((f) => f.code === 'structure.ragged-rows')!;
    expect(ragged.count).toBe(2);
    expect(ragged.location).toEqual({ row: 7 });
    expect(report.stats.rows).toBe(8);
  });

  it('duplicate column names', async () => {
    const csv = 'text,urgency,text\nhello,high,x\nbye,low,y\n';
    expect(codes(await scoreCase({ csv }))).toContain('structure.header-duplicate');
  });

  it('100,000-column header', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: 100_000 }, (_, i) => String(i % 10)).join(',');
    const report = await scoreCase({ csv: `${header}\n${row}\n${row}\n`, chunkSize: 65536 });
    expect(report.stats.columns).toBe(100_000);
    expect(Object.keys(report.stats.missingPerColumn).length).toBeLessThanOrEqual(1000);
    expect(codes(report)).toContain('structure.column-missing');
    expect(JSON.stringify(report).length).toBeLessThan(200_000);
  });

  it('a single 50 MB line', async () => {
    const line = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    const bytes = new Uint8Array(line.length + 30);
    bytes.set(encode('text,urgency,created\n'));
    bytes.set(line, 21);
    const report = await scoreCase({ bytes, chunkSize: 65536 });
    expect(codes(report)).toContain('structure.row-too-large');
  }, 30_000);

  it('JSONL with invalid lines and nested objects', async () => {
    const jsonl = `${JSONL}{"text": broken\n{"text": {"a": [1, {"b": 2}]}, "urgency": "low", "created": "2025-03-03"}\n`;
    const report = await scoreCase({ csv: jsonl, format: 'jsonl' });
    expect(codes(report)).toEqual(
      expect.arrayContaining(['structure.invalid-json', 'structure.nested-value']),
    );
  });

  it('keys named __proto__ or constructor stay data', async () => {
    const jsonl = `{"__proto__": {"polluted": true}, "constructor": "c", "text": "Site down", "urgency": "__proto__", "created": "2025-03-03"}\n${JSONL}`;
    const report = await scoreCase({ csv: jsonl, format: 'jsonl' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(report.stats.labelCounts, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(report.stats.labelCounts, '__proto__')?.value).toBe(1);
    expect(QualityReportSchema.parse(report)).toBeTruthy();
    expect(codes(report)).toEqual(expect.arrayContaining(['structure.label-outside-schema']));
    const csv = '__proto__,constructor\n1,2\n';
    const csvReport = await scoreCase({ csv });
    expect(Object.hasOwn(csvReport.stats.missingPerColumn, '__proto__')).toBe(true);
  });

  it('a polluted Object.prototype adds no phantom column or value to JSONL rows', async () => {
    // The second row has no label: an inherited `urgency` must not fill it in.
    const jsonl = `${JSONL}{"text": "No label here", "created": "2025-03-04"}\n`;
    const clean = await scoreCase({ csv: jsonl, format: 'jsonl' });
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.phantom = 'x';
    prototype.urgency = 'high';
    let polluted: QualityReport;
    try {
      polluted = await scoreCase({ csv: jsonl, format: 'jsonl' });
    } finally {
      delete prototype.phantom;
      delete prototype.urgency;
    }
    expect(({} as Record<string, unknown>).phantom).toBeUndefined();
    expect(polluted.stats.columns).toBe(clean.stats.columns);
    expect(Object.keys(polluted.stats.missingPerColumn)).not.toContain('phantom');
    expect(JSON.stringify(polluted)).toBe(JSON.stringify(clean));
  });

  it('numbers above 2^53', async () => {
    const manifest = () => ({
      ...GOOD_MANIFEST,
      task: 'other' as const,
      label: null,
      columns: [{ name: 'id', type: 'integer' as const, description: 'Ticket id number' }],
    });
    const csv = await scoreCase({ csv: 'id\n9007199254740993\n12\n', manifest });
    expect(codes(csv)).toContain('structure.unsafe-integer');
    const jsonl = await scoreCase({
      csv: '{"id": 18014398509481985}\n{"id": 3}\n',
      format: 'jsonl',
      manifest,
    });
    expect(codes(jsonl)).toContain('structure.unsafe-integer');
  });

  // Parsed, 9007199254740993 is 9007199254740992: the preview showed the wrong digits.
  it('JSON Lines integers above 2^53 keep their digits in previews', async () => {
    const manifest = () => ({
      ...GOOD_MANIFEST,
      task: 'other' as const,
      label: null,
      columns: [
        { name: 'user_id', type: 'string' as const, description: 'The user the review is from' },
        { name: 'text', type: 'string' as const, description: 'The review as written' },
      ],
    });
    const jsonl = [
      '{"user_id": 9007199254740992, "text": "Great"}',
      '{"user_id": 9007199254740993, "text": "Great"}',
      '{"user_id": 9007199254740993, "text": "Great"}',
      '{"user_id": 12, "text": "Fine"}',
    ].join('\n');
    // Row keys stay of the parsed values until a major version may change fingerprints (README).
    const report = await scoreCase({ csv: `${jsonl}\n`, format: 'jsonl', manifest });
    expect(report.findings.map((f) => f.code)).toContain('structure.unsafe-integer');
    const sample = await readSampleRows({ source: new Blob([jsonl]).stream(), format: 'jsonl', limit: 4 });
    expect(sample.rows.map((row) => row[0])).toEqual([
      '9007199254740992',
      '9007199254740993',
      '9007199254740993',
      '12',
    ]);
  });

  it('a malformed manifest is a clear error', async () => {
    await expect(scoreCase({ manifest: () => ({ title: '', task: 'clustering' }) as never })).rejects.toThrow(
      /title.*task/s,
    );
  });

  it('an aborted signal stops scoring', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by test'));
    await expect(scoreCase({ options: { signal: controller.signal } })).rejects.toThrow('stopped by test');
  });

  it('reports progress', async () => {
    const seen: { bytes: number; rows: number }[] = [];
    await scoreCase({ options: { onProgress: (p) => seen.push(p) } });
    expect(seen.at(-1)).toEqual({ bytes: encode(GOOD_CSV).length, rows: 6 });
  });
});

describe('readSampleRows', () => {
  it('reads a bounded preview and stops', async () => {
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield encode(i === 0 ? 'a,b\n' : `${i},"x\n${'y'.repeat(1000)}"\n`);
      }
    }
    const sample = await readSampleRows({ source: source(), limit: 3 });
    expect(sample).toEqual({
      format: 'csv',
      columns: ['a', 'b'],
      rows: [1, 2, 3].map((i) => [String(i), `x\n${'y'.repeat(1000)}`]),
      numbers: [1, 2, 3],
    });
    expect(pulled).toBeLessThan(20);
  });

  it('reads JSONL from a web ReadableStream', async () => {
    const bytes = encode(JSONL);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    const sample = await readSampleRows({ source: stream, limit: 2 });
    expect(sample.format).toBe('jsonl');
    expect(sample.columns).toEqual(['text', 'urgency', 'created']);
    expect(sample.rows).toHaveLength(2);
  });

  it('marks JSON Lines it cannot read into columns, with the line as written, and keeps their row numbers', async () => {
    const lines = [
      '{"text": "fine", "label": "a"}',
      '{"text": "no closing brace", "label": "b"',
      '',
      '["an", "array"]',
      'null',
      `{"text": "${'x'.repeat(300)}`,
      '{"text": "fine again", "label": "c"}',
    ];
    const sample = await readSampleRows({ source: chunksOf(encode(lines.join('\r\n')), 7), limit: 10 });
    expect(sample.columns).toEqual(['text', 'label']);
    expect(sample.numbers).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sample.rows[1]).toEqual(['', '']);
    expect(sample.rows[5]).toEqual(['fine again', 'c']);
    expect(sample.unreadable).toEqual([
      { index: 1, problem: 'invalid-json', text: '{"text": "no closing brace", "label": "b"' },
      { index: 2, problem: 'not-object', text: '["an", "array"]' },
      { index: 3, problem: 'not-object', text: 'null' },
      { index: 4, problem: 'invalid-json', text: `{"text": "${'x'.repeat(190)}` },
    ]);
    const good = await readSampleRows({ source: chunksOf(encode(JSONL), 7), limit: 2 });
    expect(good).not.toHaveProperty('unreadable');
  });

  it('scores a web ReadableStream like an async iterable', async () => {
    const { scoreDataset } = await import('../src/index.ts');
    const bytes = encode(GOOD_CSV);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    const a = await scoreDataset({ source: stream, manifest: GOOD_MANIFEST });
    const b = await scoreDataset({ source: chunksOf(bytes, 3), manifest: GOOD_MANIFEST });
    expect(a).toEqual(b);
  });
});
