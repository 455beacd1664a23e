// Main-thread responsiveness while the Web Worker pre-scores a ~100 MB CSV, in headless Debian Chromium
// against the real server. Not a test: it prints figures, with the same page idle as the baseline measured
// in the same run. Usage: npm run bench -w @assay/web [-- --mb 100 --idle-seconds 5]
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { field, freshDataDir, launchBrowser, signUp, startApp } from '../e2e/support.ts';

const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '100' },
    'idle-seconds': { type: 'string', default: '5' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const TARGET_BYTES = Number(args.mb) * 1024 * 1024;
const IDLE_MS = Number(args['idle-seconds']) * 1000;
const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A deterministic generator (mulberry32), so every run pre-scores the same bytes. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['server', 'down', 'invoice', 'login', 'error', 'slow', 'refund', 'billing', 'domain', 'mail'];

/** Support tickets labeled by urgency, like the journeys' fixture, until the file reaches `bytes`. */
async function writeTicketsCsv(file: string, bytes: number): Promise<{ rows: number; bytes: number }> {
  const out = createWriteStream(file);
  const rand = random(7);
  let written = 0;
  let rows = 0;
  out.write('text,urgency,created\n');
  while (written < bytes) {
    const lines: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const words = Array.from({ length: 6 + Math.floor(rand() * 10) }, () => WORDS[Math.floor(rand() * 10)]);
      const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
      lines.push(
        `"${words.join(' ')} (ticket ${rows + i + 1})",${rand() < 0.3 ? 'high' : 'low'},2025-03-${day}`,
      );
    }
    rows += lines.length;
    const chunk = `${lines.join('\n')}\n`;
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { rows, bytes: statSync(file).size };
}

interface Sample {
  /** Gaps between animation frames, ms. */
  frames: number[];
  /** Long tasks reported by the browser (> 50 ms), their durations in ms. */
  longTasks: number[];
  /** When each long task started, ms since sampling started. */
  longTaskAt: number[];
  /** The pre-score progress bar's value each time it changed, with the time (ms since start). */
  progress: { at: number; value: number }[];
}

// The in-page sampler, as plain source: tsx would otherwise wrap the page functions with its `__name`
// helper, which does not exist in the page.
const SAMPLER = `(() => {
  const state = { isOn: true, frames: [], longTasks: [], longTaskAt: [], progress: [] };
  state.observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
    for (const entry of list.getEntries()) state.longTaskAt.push(entry.startTime - started);
  });
  state.observer.observe({ type: 'longtask', buffered: false });
  const started = performance.now();
  let last = started;
  const onFrame = (now) => {
    state.frames.push(now - last);
    last = now;
    const bar = document.querySelector('[data-testid="prescore-progress"] [role="progressbar"]');
    const value = Number(bar ? bar.getAttribute('aria-valuenow') : NaN);
    const previous = state.progress[state.progress.length - 1];
    if (!Number.isNaN(value) && (!previous || previous.value !== value))
      state.progress.push({ at: now - started, value });
    if (state.isOn) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  window.__sampler = state;
})()`;

const STOP = `(() => {
  const state = window.__sampler;
  state.isOn = false;
  state.observer.disconnect();
  return { frames: state.frames, longTasks: state.longTasks, longTaskAt: state.longTaskAt, progress: state.progress };
})()`;

/** Installs the in-page sampler: requestAnimationFrame gaps, 'longtask' entries, and the progress bar. */
async function startSampling(page: Page): Promise<void> {
  await page.evaluate(SAMPLER);
}

async function stopSampling(page: Page): Promise<Sample> {
  return (await page.evaluate(STOP)) as Sample;
}

/** Chromium's cumulative main-thread task time (s), from the DevTools protocol's Performance domain. */
async function mainThreadSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN;
}

/** Samples `run` and returns the frame summary plus the share of wall time the main thread was busy. */
async function measure(page: Page, cdp: CDPSession, run: () => Promise<void>) {
  await startSampling(page);
  const busyBefore = await mainThreadSeconds(cdp);
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const busy = (await mainThreadSeconds(cdp)) - busyBefore;
  const sample = await stopSampling(page);
  return { sample, summary: { ...summarise(sample), busyShare: busy / seconds }, seconds };
}

function summarise(sample: Sample) {
  const frames = sample.frames.slice(1); // the first gap is from installing the sampler
  const longest = Math.max(0, ...frames);
  const over50 = frames.filter((gap) => gap > 50).length;
  return {
    frames: frames.length,
    longestFrameMs: longest,
    shareOver50: frames.length ? over50 / frames.length : 0,
    longTasks: sample.longTasks.length,
    longestTaskMs: Math.max(0, ...sample.longTasks),
  };
}

const format = (s: ReturnType<typeof summarise> & { busyShare: number }) =>
  `longest frame gap ${s.longestFrameMs.toFixed(0)} ms, frames over 50 ms ${(s.shareOver50 * 100).toFixed(1)}% of ${s.frames}, long tasks ${s.longTasks} (longest ${s.longestTaskMs.toFixed(0)} ms), main thread busy ${(s.busyShare * 100).toFixed(1)}%`;

async function main() {
  if (!args['skip-build']) {
    execFileSync(
      process.execPath,
      [
        fileURLToPath(new URL('../../../node_modules/vite/bin/vite.js', import.meta.url)),
        'build',
        '--logLevel',
        'warn',
      ],
      { cwd: WEB_DIR, stdio: 'inherit' },
    );
  }
  const work = mkdtempSync(path.join(tmpdir(), 'assay-web-bench-'));
  const csv = path.join(work, 'tickets.csv');
  const generated = await writeTicketsCsv(csv, TARGET_BYTES);
  const app = await startApp(freshDataDir());
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(120_000);
    await signUp(page, app.url, { name: 'Bench', email: 'bench@example.test', password: 'bench-password-1' });
    await page.goto(`${app.url}/new`);
    await field(page, 'Dataset title').fill('Hundred megabytes of tickets');
    await page.getByRole('button', { name: 'Start the draft' }).click();
    await page.waitForURL(/\/edit$/);

    // Drop the file; wait for the upload, so what follows measures the pre-score alone.
    const uploadStarted = Date.now();
    await page.locator('input[type=file]').setInputFiles(csv);
    await page.getByTestId('upload-status').filter({ hasText: 'Uploaded' }).waitFor({ timeout: 600_000 });
    const uploadSeconds = (Date.now() - uploadStarted) / 1000;
    await page.getByRole('button', { name: 'Next: Preview' }).click();
    await page.getByRole('button', { name: 'Next: Datasheet' }).click();
    await field(page, 'Geography').waitFor();

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    // The instrument first: a 200 ms block on the main thread must show as a frame gap and a long task.
    const check = await measure(page, cdp, async () => {
      await page.waitForTimeout(300);
      // Scheduled from the page, so it runs as one of the page's own tasks.
      await page.evaluate(
        'setTimeout(() => { const end = performance.now() + 200; while (performance.now() < end); }, 0)',
      );
      await page.waitForTimeout(300);
    });

    // Baseline: the same wizard page, idle.
    const idle = await measure(page, cdp, () => page.waitForTimeout(IDLE_MS));

    // Pre-score: from the click to the report.
    const prescore = await measure(page, cdp, async () => {
      await page.getByRole('button', { name: 'Next: Pre-score' }).click();
      await page.getByTestId('report').waitFor({ timeout: 600_000 });
    });
    const raw = prescore.sample;
    const busy = prescore.summary;
    const seconds = prescore.seconds;
    const values = raw.progress.map((point) => point.value);
    const isMonotonic = values.every((value, index) => index === 0 || value >= (values[index - 1] ?? 0));
    const mb = generated.bytes / 1024 / 1024;

    console.log(
      `file: ${mb.toFixed(1)} MiB, ${generated.rows.toLocaleString('en')} rows (upload ${uploadSeconds.toFixed(1)} s)`,
    );
    console.log(
      `instrument check (a 200 ms block): longest frame gap ${check.summary.longestFrameMs.toFixed(0)} ms, longest long task ${check.summary.longestTaskMs.toFixed(0)} ms`,
    );
    console.log(`idle: ${format(idle.summary)}`);
    console.log(`prescore: ${format(busy)}`);
    if (raw.longTasks.length > 0)
      console.log(
        `prescore long tasks: ${raw.longTasks.map((ms, i) => `${ms.toFixed(0)} ms at ${((raw.longTaskAt[i] ?? 0) / 1000).toFixed(2)} s`).join(', ')} (report at ${seconds.toFixed(2)} s)`,
      );
    console.log(
      `prescore time: ${seconds.toFixed(1)} s (${(mb / seconds).toFixed(1)} MiB/s, click to report, includes the 400 ms debounce)`,
    );
    console.log(
      `progress: ${values.length} distinct values, ${isMonotonic ? 'monotonic' : 'NOT monotonic'}, ${(values[0] ?? Number.NaN).toFixed(1)}% → ${(values.at(-1) ?? Number.NaN).toFixed(1)}%, last at ${((raw.progress.at(-1)?.at ?? 0) / 1000).toFixed(1)} s`,
    );
    console.log(
      `ratio vs idle: longest frame gap ${(busy.longestFrameMs / Math.max(idle.summary.longestFrameMs, 1)).toFixed(1)}×, frames over 50 ms ${(busy.shareOver50 * 100).toFixed(1)}% vs ${(idle.summary.shareOver50 * 100).toFixed(1)}%, main thread busy ${(busy.busyShare * 100).toFixed(1)}% vs ${(idle.summary.busyShare * 100).toFixed(1)}%`,
    );
  } finally {
    await browser.close();
    await app.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
