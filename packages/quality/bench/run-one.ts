/**
 * One measurement in a fresh process (so peak RSS is this measurement's own):
 * `tsx bench/run-one.ts <mode> <file>`; prints `{ seconds, cpuSeconds, rows, bytes, peakRssMiB }` as JSON.
 */
import { createReadStream, statSync } from 'node:fs';
import { parse as csvParse } from 'csv-parse';
import Papa from 'papaparse';
import { z } from 'zod';
import { scoreDataset } from '../src/index.ts';
import { BENCH_MANIFEST } from './manifest.ts';
import { measure } from './measure.ts';
import { countCsvRecords, countJsonLines } from './parse-only.ts';

const [mode, file] = process.argv.slice(2) as [string, string];
const CHUNK = Number(process.env.BENCH_CHUNK ?? 1 << 16);
const read = () => createReadStream(file, { highWaterMark: CHUNK });

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

function parsePapa(): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse(read() as unknown as File, {
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
  const parser = read().pipe(csvParse({ columns: true, relax_column_count: true }));
  for await (const record of parser) {
    rows++;
    if (RowSchema.safeParse(record).success) valid++;
  }
  return rows + valid * 0;
}

/**
 * The scorer as the product runs it, told the file's size (the CLI stats the file, the server has the
 * stored size, the browser a `File`'s); `isSized` false: a stream of unknown length.
 */
async function score(format: 'csv' | 'jsonl', isSized = true): Promise<number> {
  const report = await scoreDataset({
    source: read(),
    format,
    manifest: BENCH_MANIFEST,
    options: isSized ? { totalBytes: statSync(file).size } : {},
  });
  if (process.env.BENCH_PRINT_REPORT)
    console.error(JSON.stringify({ ...report, fingerprints: report.fingerprints.length }, null, 1));
  return report.stats.rows;
}

const modes: Record<string, () => Promise<number>> = {
  // The header is a record too: data rows are one fewer.
  'parse-csv': async () => (await countCsvRecords(read())) - 1,
  'papaparse-csv': parsePapa,
  'naive-csv': naiveCsv,
  'score-csv': () => score('csv'),
  'score-csv-unsized': () => score('csv', false),
  'parse-jsonl': () => countJsonLines(read()),
  'naive-jsonl': () => countJsonLines(read(), (value) => RowSchema.safeParse(value)),
  'score-jsonl': () => score('jsonl'),
  'score-jsonl-unsized': () => score('jsonl', false),
};

console.log(JSON.stringify(await measure(file, modes[mode]!)));
