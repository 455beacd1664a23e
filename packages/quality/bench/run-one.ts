/**
 * One measurement in a fresh process (so peak RSS is this measurement's own):
 * `tsx bench/run-one.ts <mode> <file>`; prints `{ seconds, cpuSeconds, rows, bytes, peakRssMiB }` as JSON.
 */
import { createReadStream, statSync } from 'node:fs';
import { parse as csvParse } from 'csv-parse';
import Papa from 'papaparse';
import { z } from 'zod';
import { CsvTokenizer } from '../src/csv-tokenizer.ts';
import { scoreDataset } from '../src/index.ts';
import { BENCH_MANIFEST } from './manifest.ts';

const [mode, file] = process.argv.slice(2) as [string, string];
const CHUNK = Number(process.env.BENCH_CHUNK ?? 1 << 16);

/** What a naive scorer checks per row with zod. */
const RowSchema = z.object({
  id: z.coerce.number().int(),
  text: z.string().min(1),
  label: z.enum(['high', 'low']),
  amount: z.coerce.number(),
  created: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  email: z.string(),
  note: z.string(),
  score: z.coerce.number().int(),
});

async function parseOwnCsv(): Promise<number> {
  let rows = 0;
  const tokenizer = new CsvTokenizer(',', { onRecord: () => void rows++, onQuoteIssue: () => {} });
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
    tokenizer.push(decoder.decode(chunk as Buffer, { stream: true }));
  }
  tokenizer.finish();
  return rows - 1;
}

function parsePapa(): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse(createReadStream(file, { highWaterMark: CHUNK }) as unknown as File, {
      chunk: (results: Papa.ParseResult<unknown>) => {
        rows += results.data.length;
      },
      complete: () => resolve(rows - 1),
      error: reject,
    });
  });
}

async function naiveCsv(): Promise<number> {
  let rows = 0;
  let valid = 0;
  const parser = createReadStream(file, { highWaterMark: CHUNK }).pipe(
    csvParse({ columns: true, relax_column_count: true }),
  );
  for await (const record of parser) {
    rows++;
    if (RowSchema.safeParse(record).success) valid++;
  }
  return rows + valid * 0;
}

async function jsonLines(each: (value: unknown) => void): Promise<number> {
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
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
    const text = carry + decoder.decode(chunk as Buffer, { stream: true });
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

async function score(format: 'csv' | 'jsonl'): Promise<number> {
  const report = await scoreDataset({
    source: createReadStream(file, { highWaterMark: CHUNK }),
    format,
    manifest: BENCH_MANIFEST,
  });
  if (process.env.BENCH_PRINT_REPORT)
    console.error(JSON.stringify({ ...report, fingerprints: report.fingerprints.length }, null, 1));
  return report.stats.rows;
}

const modes: Record<string, () => Promise<number>> = {
  'parse-csv': parseOwnCsv,
  'papaparse-csv': parsePapa,
  'naive-csv': naiveCsv,
  'score-csv': () => score('csv'),
  'parse-jsonl': () => jsonLines(() => {}),
  'naive-jsonl': () => jsonLines((value) => RowSchema.safeParse(value)),
  'score-jsonl': () => score('jsonl'),
};

const started = performance.now();
const cpuStarted = process.cpuUsage();
const rows = await modes[mode]!();
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rows,
    bytes: statSync(file).size,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
