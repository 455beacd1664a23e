/**
 * `npm run bench -w @assay/quality`: generates a 1,000,000-row, 8-column CSV (and the same as JSONL) and
 * a 3,000,000-row pair, then measures each mode in its own process: parse-only throughput, the full
 * scorer (told the file's size, as the CLI, server and browser do, and without it), a naive zod-per-row
 * baseline, and the scorer's peak RSS at 1M and 3M rows; then parse-only and the scorer on a
 * multilingual 1M-row CSV.
 * BENCH_ROWS=200000 makes a quicker run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generate, WORDS_BEYOND_ASCII } from './generate.ts';
import { BENCH_DIR, bundleRunner, type Run } from './harness.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const BIG_ROWS = ROWS * 3;
mkdirSync(BENCH_DIR, { recursive: true });

/** The bench files of `rows` rows; `isMultilingual`: text beyond ASCII in nearly every row. */
async function files(rows: number, isMultilingual = false): Promise<{ csv: string; jsonl: string }> {
  const name = isMultilingual ? `bench-${rows}-multilingual` : `bench-${rows}`;
  const csv = join(BENCH_DIR, `${name}.csv`);
  const jsonl = join(BENCH_DIR, `${name}.jsonl`);
  if (!existsSync(csv) || !existsSync(jsonl)) {
    process.stderr.write(`generating ${rows.toLocaleString('en-US')} rows in ${BENCH_DIR}…\n`);
    await generate(rows, csv, jsonl, isMultilingual ? WORDS_BEYOND_ASCII : undefined);
  }
  return { csv, jsonl };
}

const runner = await bundleRunner('run-one');

function run(mode: string, file: string): Run {
  // --expose-gc only lets the runner measure the heap left after a full GC, once the work is done.
  const output = execFileSync(process.execPath, ['--expose-gc', runner, mode, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const result = JSON.parse(output.trim().split('\n').at(-1)!) as Run;
  const mbs = result.bytes / 1e6 / result.seconds;
  process.stderr.write(
    `  ${mode.padEnd(19)} ${(result.bytes / 1e6).toFixed(0)} MB  ${result.rows.toLocaleString('en-US')} rows  ${result.seconds.toFixed(2)} s (CPU ${result.cpuSeconds.toFixed(2)} s)  ${mbs.toFixed(1)} MB/s  peak RSS ${result.peakRssMiB.toFixed(0)} MiB\n`,
  );
  return result;
}

/**
 * The best of 3 runs of each mode (least disturbed by the machine), the modes taking turns so that a
 * busy spell of the shared machine slows each of them alike.
 */
function best(modes: string[], file: string, times = 3): Run[] {
  const fastest: (Run | null)[] = modes.map(() => null);
  for (let i = 0; i < times; i++) {
    modes.forEach((mode, m) => {
      const result = run(mode, file);
      if (fastest[m] === null || result.seconds < fastest[m]!.seconds) fastest[m] = result;
    });
  }
  return fastest as Run[];
}

const speed = (r: Run) => r.bytes / 1e6 / r.seconds;

const small = await files(ROWS);
const big = await files(BIG_ROWS);
const lines: string[] = [];
for (const format of ['csv', 'jsonl'] as const) {
  process.stderr.write(
    `${format}: ${(statSync(small[format]).size / 1e6).toFixed(0)} MB, ${ROWS.toLocaleString('en-US')} rows\n`,
  );
  if (format === 'csv') best(['papaparse-csv'], small.csv);
  const [naive] = best([`naive-${format}`], small[format], 1) as [Run];
  const [parse, score, unsized] = best(
    [`parse-${format}`, `score-${format}`, `score-${format}-unsized`],
    small[format],
  ) as [Run, Run, Run];
  const scoreBig = run(`score-${format}`, big[format]);
  const unsizedBig = run(`score-${format}-unsized`, big[format]);
  const cpuRatio = parse.cpuSeconds / score.cpuSeconds;
  const rss = (at1M: Run, at3M: Run) =>
    `peak RSS ${at1M.peakRssMiB.toFixed(0)} MiB at ${(ROWS / 1e6).toFixed(1)}M rows, ${at3M.peakRssMiB.toFixed(0)} MiB at ${(BIG_ROWS / 1e6).toFixed(1)}M rows (${(((at3M.peakRssMiB - at1M.peakRssMiB) * 2 ** 20) / (BIG_ROWS - ROWS)).toFixed(0)} bytes a row more)`;
  process.stderr.write(
    `  ${format}: scorer ${(speed(score) / speed(naive)).toFixed(1)}x naive; ratio by CPU time ${cpuRatio.toFixed(2)}; ${rss(score, scoreBig)}\n`,
  );
  // The scorer sizes its duplicate table from the file's size; a stream of unknown length grows it.
  process.stderr.write(
    `  ${format}: without the file's size (the table grown as rows come): ratio ${(speed(unsized) / speed(parse)).toFixed(2)}; ${rss(unsized, unsizedBig)}\n`,
  );
  // Where the growth goes: V8's young generation grows to its cap (a step, not per row), the table per row.
  const [m1, m3] = [score.memory, scoreBig.memory];
  const step = (key: keyof Run['memory']) =>
    `${m1[key]?.toFixed(1) ?? '?'} → ${m3[key]?.toFixed(1) ?? '?'} MiB`;
  process.stderr.write(
    `  ${format}: from ${(ROWS / 1e6).toFixed(1)}M to ${(BIG_ROWS / 1e6).toFixed(1)}M rows: array buffers (the row table; file chunks until collected) ${step('arrayBuffersMiB')}, V8 young generation ${step('newSpaceMiB')}, old space ${step('oldSpaceMiB')}, heap kept after a full GC ${step('retainedHeapMiB')}\n`,
  );
  lines.push(
    `${format}: scorer ${speed(score).toFixed(1)} MB/s, parse-only ${speed(parse).toFixed(1)} MB/s, ratio ${(speed(score) / speed(parse)).toFixed(2)}, naive ${speed(naive).toFixed(1)} MB/s, peak RSS ${score.peakRssMiB.toFixed(0)} MiB`,
  );
}
// Most real text is not all ASCII: the same CSV in several languages (accents, Japanese, an emoji).
const multilingual = await files(ROWS, true);
process.stderr.write(
  `csv, multilingual text: ${(statSync(multilingual.csv).size / 1e6).toFixed(0)} MB, ${ROWS.toLocaleString('en-US')} rows\n`,
);
const [parse, score] = best(['parse-csv', 'score-csv'], multilingual.csv) as [Run, Run];
lines.push(
  `csv, multilingual text: scorer ${speed(score).toFixed(1)} MB/s, parse-only ${speed(parse).toFixed(1)} MB/s, ratio ${(speed(score) / speed(parse)).toFixed(2)}, peak RSS ${score.peakRssMiB.toFixed(0)} MiB`,
);
console.log(lines.join('\n'));
