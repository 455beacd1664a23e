/**
 * The parallel-scanning spike of issue 3 (not kept in the scorer): one measurement in a fresh process,
 * `node parallel-spike-run.mjs <mode>-<csv|jsonl> <file>` or `spin`, printing `{ seconds, cpuSeconds, rows, bytes, peakRssMiB,
 * workers, startupSeconds }` as JSON. The workers are started and have loaded the bundle before the clock
 * starts (`startupSeconds` apart), as in a long-lived pool. `cpuSeconds` is the whole process's user plus
 * system time from then on, every thread included; peak RSS includes the workers' isolates.
 *
 * - `halves-parse`, `halves-score`: the file cut into `SPIKE_WORKERS` (default 2) byte ranges at record
 *   boundaries; each worker reads its own range from disk and parses it (parse-only, as in run-one.ts) or
 *   scores it with `scoreDataset` (the CSV header prepended), statistics discarded. No main-thread reading,
 *   no merging: an upper bound for a parallel scorer on this machine.
 * - `pieces-score`: the main thread streams the file in 64 KiB chunks, cuts pieces of about `SPIKE_PIECE`
 *   bytes (default 4 MiB) at the last newline outside quotes (quote parity; exact for the bench file, whose
 *   quotes are all in quoted fields), and hands each piece to the least busy worker (two in flight each),
 *   which scores it, statistics discarded: the split and transfer a parallel scorer would need, without
 *   its merge.
 * - `spin`: an integer loop in 1 then 2 workers, to see whether the machine runs two threads at once now.
 */
import { createReadStream, openSync, readSync, statSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { scoreDataset } from '../src/index.ts';
import { BENCH_MANIFEST } from './manifest.ts';
import { measure } from './measure.ts';
import { countCsvRecords, countJsonLines } from './parse-only.ts';

const WORKERS = Number(process.env.SPIKE_WORKERS ?? 2);
const PIECE = Number(process.env.SPIKE_PIECE ?? 4 << 20);
const CHUNK = 1 << 16;
const QUOTE = 34;
const LF = 10;

/** What a worker does: score or parse byte ranges or pieces sent to it, or spin. */
type Role = 'ranges' | 'pieces' | 'spin';

/** One byte range of the file for a `ranges` worker. */
interface Range {
  isScoring: boolean;
  file: string;
  format: 'csv' | 'jsonl';
  header: Uint8Array;
  start: number;
  end: number;
}

/** One piece of the file for a `pieces` worker. */
interface Piece {
  format: 'csv' | 'jsonl';
  header: Uint8Array;
  piece: Uint8Array;
}

/** Parse-only of a byte range, as run-one.ts does for the whole file: records (CSV) or lines (JSONL). */
function parseRange(file: string, format: 'csv' | 'jsonl', start: number, end: number): Promise<number> {
  const stream = createReadStream(file, { start, end: end - 1, highWaterMark: CHUNK });
  return format === 'csv' ? countCsvRecords(stream) : countJsonLines(stream);
}

async function scoreBytes(format: 'csv' | 'jsonl', parts: AsyncIterable<Uint8Array>): Promise<number> {
  const report = await scoreDataset({ source: parts, format, manifest: BENCH_MANIFEST });
  return report.stats.rows;
}

/** Where the bytes after `buffer[0, n)` may start: after the last newline at even quote parity, or 0. */
function lastRecordEnd(buffer: Buffer, n: number, format: 'csv' | 'jsonl'): number {
  if (format === 'jsonl') return buffer.lastIndexOf(LF, n - 1) + 1;
  // Even-parity stretches between quotes, as [start, end) pairs; the last newline in the last of them.
  const stretches: number[] = [];
  let stretchStart = 0;
  let isInside = false;
  for (let q = buffer.indexOf(QUOTE, 0); q !== -1 && q < n; q = buffer.indexOf(QUOTE, q + 1)) {
    if (!isInside) stretches.push(stretchStart, q);
    else stretchStart = q + 1;
    isInside = !isInside;
  }
  if (!isInside) stretches.push(stretchStart, n);
  for (let s = stretches.length - 2; s >= 0; s -= 2) {
    const newline = buffer.lastIndexOf(LF, stretches[s + 1]! - 1);
    if (newline >= stretches[s]!) return newline + 1;
  }
  return 0;
}

/** First record boundary at or after `at`: after a newline at even quote parity counted from the start. */
function boundaryAfter(fd: number, format: 'csv' | 'jsonl', at: number, size: number): number {
  const block = Buffer.alloc(4 << 20);
  let isInside = false;
  for (let offset = 0; offset < size; offset += block.length) {
    const n = readSync(fd, block, 0, block.length, offset);
    for (let i = 0; i < n; ) {
      const quote = format === 'csv' ? block.indexOf(QUOTE, i) : -1;
      const stop = quote === -1 || quote >= n ? n : quote;
      if (!isInside && offset + stop > at) {
        const newline = block.indexOf(LF, Math.max(i, at - offset));
        if (newline !== -1 && newline < stop) return offset + newline + 1;
      }
      if (stop === n) break;
      isInside = !isInside;
      i = stop + 1;
    }
  }
  return size;
}

/**
 * Starts `count` workers and resolves once each has loaded the bundle (about 0.3 s here: a fresh isolate
 * compiles the scorer and zod), so measurements can leave the start-up out, as a long-lived pool would.
 */
async function startWorkers(role: Role, count: number): Promise<Worker[]> {
  const workers = Array.from(
    { length: count },
    () => new Worker(new URL(import.meta.url), { workerData: role }),
  );
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
  return workers;
}

async function runRanges(workers: Worker[], file: string, isScoring: boolean): Promise<number> {
  const format = file.endsWith('.jsonl') ? 'jsonl' : 'csv';
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(CHUNK);
  readSync(fd, head, 0, head.length, 0);
  // The CSV header goes before every range but the first; JSONL needs none (its columns come from rows).
  const headerEnd = format === 'csv' ? head.indexOf(LF) + 1 : 0;
  const header = new Uint8Array(head.subarray(0, headerEnd));
  const cuts = [0];
  for (let w = 1; w < WORKERS; w++)
    cuts.push(boundaryAfter(fd, format, Math.floor((size * w) / WORKERS), size));
  cuts.push(size);
  const counts = await Promise.all(
    workers.map(
      (worker, w) =>
        new Promise<number>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          const range: Range = {
            isScoring,
            file,
            format,
            header: w === 0 ? new Uint8Array(0) : header,
            start: cuts[w]!,
            end: cuts[w + 1]!,
          };
          worker.postMessage(range);
        }),
    ),
  );
  const rows = counts.reduce((sum, n) => sum + n, 0);
  // Parse-only counts the header record; each scored range past the first had the header prepended.
  return format === 'csv' && !isScoring ? rows - 1 : rows;
}

async function runPieces(workers: Worker[], file: string): Promise<number> {
  const format = file.endsWith('.jsonl') ? 'jsonl' : 'csv';
  const inFlight = workers.map(() => 0);
  const waiting: (() => void)[] = [];
  let rows = 0;
  workers.forEach((worker, w) => {
    worker.on('message', (n: number) => {
      inFlight[w]!--;
      rows += n;
      waiting.shift()?.();
    });
  });
  const send = async (piece: Omit<Piece, 'format'>) => {
    while (Math.min(...inFlight) >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
    const w = inFlight.indexOf(Math.min(...inFlight));
    inFlight[w]!++;
    workers[w]!.postMessage({ ...piece, format }, [piece.piece.buffer as ArrayBuffer]);
  };
  let buffer = Buffer.allocUnsafe(PIECE * 2);
  let n = 0;
  let header: Uint8Array | null = format === 'jsonl' ? new Uint8Array(0) : null;
  let isFirst = true;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
    const bytes = chunk as Buffer;
    if (n + bytes.length > buffer.length) {
      const grown = Buffer.allocUnsafe((n + bytes.length) * 2);
      buffer.copy(grown, 0, 0, n);
      buffer = grown;
    }
    bytes.copy(buffer, n);
    n += bytes.length;
    if (header === null) {
      const newline = buffer.indexOf(LF);
      if (newline === -1 || newline >= n) continue;
      header = new Uint8Array(buffer.subarray(0, newline + 1));
    }
    if (n < PIECE) continue;
    const end = lastRecordEnd(buffer, n, format);
    if (end === 0) continue;
    const piece = new Uint8Array(buffer.subarray(0, end));
    buffer.copyWithin(0, end, n);
    n -= end;
    await send({ header: isFirst ? new Uint8Array(0) : header, piece });
    isFirst = false;
  }
  await send({
    header: isFirst ? new Uint8Array(0) : header!,
    piece: new Uint8Array(buffer.subarray(0, n)),
  });
  while (inFlight.some((count) => count > 0)) await new Promise<void>((resolve) => waiting.push(resolve));
  return rows;
}

function spin(iterations: number): number {
  let x = 0;
  for (let i = 0; i < iterations; i++) x = (x + Math.imul(i, 2654435761)) | 0;
  return x;
}

async function runSpin(): Promise<string> {
  const lines: string[] = [];
  for (const count of [1, 2]) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const workers = await startWorkers('spin', count);
    await Promise.all(
      workers.map((worker) => {
        const done = new Promise((resolve) => worker.once('message', resolve));
        worker.postMessage(null);
        return done;
      }),
    );
    await Promise.all(workers.map((worker) => worker.terminate()));
    const used = process.cpuUsage(cpu);
    lines.push(
      `${count} thread(s): ${((performance.now() - started) / 1000).toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU`,
    );
  }
  return `spin (the same loop in each thread): ${lines.join('; ')}`;
}

async function* piecesOf(header: Uint8Array, piece: Uint8Array): AsyncGenerator<Uint8Array> {
  if (header.length > 0) yield header;
  for (let i = 0; i < piece.length; i += CHUNK) yield piece.subarray(i, i + CHUNK);
}

if (isMainThread) {
  const [mode, file] = process.argv.slice(2) as [string, string];
  if (mode === 'spin') {
    console.log(await runSpin());
  } else {
    const startupStarted = performance.now();
    const workers = await startWorkers(mode.startsWith('pieces-') ? 'pieces' : 'ranges', WORKERS);
    const startupSeconds = (performance.now() - startupStarted) / 1000;
    const run = await measure(file, () =>
      mode.startsWith('pieces-')
        ? runPieces(workers, file)
        : runRanges(workers, file, mode.startsWith('halves-score')),
    );
    await Promise.all(workers.map((worker) => worker.terminate()));
    console.log(JSON.stringify({ ...run, workers: WORKERS, startupSeconds }));
  }
} else {
  const role = workerData as Role;
  parentPort!.on('message', async (message: Range | Piece | null) => {
    if (role === 'spin') {
      parentPort!.postMessage(spin(4e8));
    } else if (role === 'ranges') {
      const { isScoring, file, format, header, start, end } = message as Range;
      const rows = isScoring
        ? await scoreBytes(
            format,
            (async function* () {
              if (header.length > 0) yield header;
              yield* createReadStream(file, { start, end: end - 1, highWaterMark: CHUNK });
            })(),
          )
        : await parseRange(file, format, start, end);
      parentPort!.postMessage(rows);
    } else {
      const { format, header, piece } = message as Piece;
      parentPort!.postMessage(await scoreBytes(format, piecesOf(header, piece)));
    }
  });
  parentPort!.postMessage('ready');
}
