/** How a runner (run-one.ts, parallel-spike-run.ts) measures one piece of work in its own process. */
import { statSync } from 'node:fs';
import v8 from 'node:v8';

/** One measurement, as a runner prints it. */
export interface Run {
  seconds: number;
  /** User plus system CPU time of the process during the measurement (less disturbed by other load). */
  cpuSeconds: number;
  rows: number;
  bytes: number;
  peakRssMiB: number;
  /**
   * Where the memory went, sampled every 20 ms: peaks of V8's young generation (`new_space`), its old
   * space and the array buffers (`arrayBuffers`: the row table, and the file's chunks until they are
   * collected); and the heap still in use after a full GC at the end (with `--expose-gc`), in MiB.
   */
  memory: {
    newSpaceMiB: number;
    oldSpaceMiB: number;
    arrayBuffersMiB: number;
    retainedHeapMiB: number | null;
  };
}

const MIB = 2 ** 20;

/** Times `work` over `file` (which it returns the rows of) by wall and CPU clock; peak RSS is the process's. */
export async function measure(file: string, work: () => Promise<number>): Promise<Run> {
  const memory: Run['memory'] = { newSpaceMiB: 0, oldSpaceMiB: 0, arrayBuffersMiB: 0, retainedHeapMiB: null };
  const sample = () => {
    for (const { space_name: name, space_size: size } of v8.getHeapSpaceStatistics()) {
      if (name === 'new_space') memory.newSpaceMiB = Math.max(memory.newSpaceMiB, size / MIB);
      if (name === 'old_space') memory.oldSpaceMiB = Math.max(memory.oldSpaceMiB, size / MIB);
    }
    memory.arrayBuffersMiB = Math.max(memory.arrayBuffersMiB, process.memoryUsage().arrayBuffers / MIB);
  };
  const sampler = setInterval(sample, 20);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const rows = await work();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  clearInterval(sampler);
  sample();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    memory.retainedHeapMiB = process.memoryUsage().heapUsed / MIB;
  }
  return {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rows,
    bytes: statSync(file).size,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    memory,
  };
}
