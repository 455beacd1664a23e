/**
 * `npm run bench:parallel-spike -w @assay/quality`: the parallel-scanning spike of issue 3 (the scorer
 * itself stays single-threaded). Measures, each in its own process and taking turns, best of
 * `SPIKE_ROUNDS` (default 3) by wall time: parse-only and the scorer on one thread (run-one.ts, as in
 * `npm run bench`), and the spike's modes with `SPIKE_WORKERS` worker threads (parallel-spike-run.ts).
 * Uses the bench files of `npm run bench` (run it once first; BENCH_ROWS picks the size).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, bundleRunner, type Run } from './harness.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.SPIKE_ROUNDS ?? 3);

/** A spike run also says how many worker threads it used and how long they took to start. */
interface SpikeRun extends Run {
  workers?: number;
  startupSeconds?: number;
}

const runners: Record<string, string> = {};
for (const name of ['run-one', 'parallel-spike-run']) runners[name] = await bundleRunner(name);

function run(mode: string, file: string): SpikeRun {
  const runner = mode.startsWith('halves-') || mode.startsWith('pieces-') ? 'parallel-spike-run' : 'run-one';
  const output = execFileSync(process.execPath, [runners[runner]!, mode, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const result = JSON.parse(output.trim().split('\n').at(-1)!) as SpikeRun;
  const threads = result.workers === undefined ? '1 thread ' : `${result.workers} workers`;
  const startup =
    result.startupSeconds === undefined ? '' : `  (+ ${result.startupSeconds.toFixed(2)} s starting workers)`;
  process.stderr.write(
    `  ${mode.padEnd(18)} ${threads}  ${result.rows.toLocaleString('en-US')} rows  ${result.seconds.toFixed(2)} s (CPU ${result.cpuSeconds.toFixed(2)} s)  ${(result.bytes / 1e6 / result.seconds).toFixed(1)} MB/s  peak RSS ${result.peakRssMiB.toFixed(0)} MiB${startup}\n`,
  );
  return result;
}

process.stderr.write(
  `${execFileSync(process.execPath, [runners['parallel-spike-run']!, 'spin'], { encoding: 'utf8' }).trim()}\n`,
);
const lines: string[] = [];
for (const format of ['csv', 'jsonl'] as const) {
  const file = join(BENCH_DIR, `bench-${ROWS}.${format}`);
  if (!existsSync(file)) throw new Error(`No ${file}: run \`npm run bench -w @assay/quality\` first`);
  process.stderr.write(`${format}: ${ROWS.toLocaleString('en-US')} rows\n`);
  const modes = ['parse', 'score', 'halves-parse', 'halves-score', 'pieces-score'];
  const fastest = new Map<string, SpikeRun>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of modes) {
      const result = run(`${mode}-${format}`, file);
      const best = fastest.get(mode);
      if (best === undefined || result.seconds < best.seconds) fastest.set(mode, result);
    }
  }
  const parse = fastest.get('parse')!;
  const ratio = (mode: string) => {
    const r = fastest.get(mode)!;
    return `${mode} ${r.workers ?? 1} thread(s) ${r.seconds.toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} s): ratio by wall ${(parse.seconds / r.seconds).toFixed(2)}, by CPU ${(parse.cpuSeconds / r.cpuSeconds).toFixed(2)}, peak RSS ${r.peakRssMiB.toFixed(0)} MiB`;
  };
  lines.push(
    `${format}: parse-only (1 thread) ${parse.seconds.toFixed(2)} s (CPU ${parse.cpuSeconds.toFixed(2)} s)`,
    ...['score', 'halves-parse', 'halves-score', 'pieces-score'].map((mode) => `  ${ratio(mode)}`),
  );
}
console.log(lines.join('\n'));
