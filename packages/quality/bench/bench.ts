/**
 * `npm run bench -w @assay/quality`: generates a 1,000,000-row, 8-column CSV (and the same as JSONL) and
 * a 3,000,000-row pair, then measures each mode in its own process: parse-only throughput, the full
 * scorer, a naive zod-per-row baseline, and the scorer's peak RSS at 1M and 3M rows.
 * BENCH_ROWS=200000 makes a quicker run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { generate } from './generate.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const BIG_ROWS = ROWS * 3;
const dir = join(tmpdir(), 'assay-quality-bench');
mkdirSync(dir, { recursive: true });

interface Run {
  seconds: number;
  rows: number;
  bytes: number;
  peakRssMiB: number;
}

async function files(rows: number): Promise<{ csv: string; jsonl: string }> {
  const csv = join(dir, `bench-${rows}.csv`);
  const jsonl = join(dir, `bench-${rows}.jsonl`);
  if (!existsSync(csv) || !existsSync(jsonl)) {
    process.stderr.write(`generating ${rows.toLocaleString('en-US')} rows in ${dir}…\n`);
    await generate(rows, csv, jsonl);
  }
  return { csv, jsonl };
}

// Measured runs execute a bundled run-one.mjs under plain node, so tsx's loader is not in the RSS figure.
const runner = join(dir, 'run-one.mjs');
await build({
  entryPoints: [join(import.meta.dirname, 'run-one.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: runner,
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

function run(mode: string, file: string): Run {
  const output = execFileSync(process.execPath, [runner, mode, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const result = JSON.parse(output.trim().split('\n').at(-1)!) as Run;
  const mbs = result.bytes / 1e6 / result.seconds;
  process.stderr.write(
    `  ${mode.padEnd(14)} ${(result.bytes / 1e6).toFixed(0)} MB  ${result.rows.toLocaleString('en-US')} rows  ${result.seconds.toFixed(2)} s  ${mbs.toFixed(1)} MB/s  peak RSS ${result.peakRssMiB.toFixed(0)} MiB\n`,
  );
  return result;
}

/** Best of `times` runs (least disturbed by the machine). */
function best(mode: string, file: string, times = 2): Run {
  let fastest: Run | null = null;
  for (let i = 0; i < times; i++) {
    const result = run(mode, file);
    if (fastest === null || result.seconds < fastest.seconds) fastest = result;
  }
  return fastest!;
}

const speed = (r: Run) => r.bytes / 1e6 / r.seconds;

const small = await files(ROWS);
const big = await files(BIG_ROWS);
const lines: string[] = [];
for (const format of ['csv', 'jsonl'] as const) {
  process.stderr.write(
    `${format}: ${(statSync(small[format]).size / 1e6).toFixed(0)} MB, ${ROWS.toLocaleString('en-US')} rows\n`,
  );
  const parse = best(`parse-${format}`, small[format]);
  if (format === 'csv') best('papaparse-csv', small.csv);
  const naive = best(`naive-${format}`, small[format], 1);
  const score = best(`score-${format}`, small[format]);
  const scoreBig = run(`score-${format}`, big[format]);
  process.stderr.write(
    `  ${format}: scorer ${(speed(score) / speed(naive)).toFixed(1)}x naive; peak RSS ${score.peakRssMiB.toFixed(0)} MiB at ${(ROWS / 1e6).toFixed(1)}M rows, ${scoreBig.peakRssMiB.toFixed(0)} MiB at ${(BIG_ROWS / 1e6).toFixed(1)}M rows\n`,
  );
  lines.push(
    `${format}: scorer ${speed(score).toFixed(1)} MB/s, parse-only ${speed(parse).toFixed(1)} MB/s, ratio ${(speed(score) / speed(parse)).toFixed(2)}, naive ${speed(naive).toFixed(1)} MB/s, peak RSS ${score.peakRssMiB.toFixed(0)} MiB`,
  );
}
console.log(lines.join('\n'));
