/** How a runner (run-one.ts, parallel-spike-run.ts) measures one piece of work in its own process. */
import { statSync } from 'node:fs';

/** One measurement, as a runner prints it. */
export interface Run {
  seconds: number;
  /** User plus system CPU time of the process during the measurement (less disturbed by other load). */
  cpuSeconds: number;
  rows: number;
  bytes: number;
  peakRssMiB: number;
}

/** Times `work` over `file` (which it returns the rows of) by wall and CPU clock; peak RSS is the process's. */
export async function measure(file: string, work: () => Promise<number>): Promise<Run> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const rows = await work();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  return {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rows,
    bytes: statSync(file).size,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}
