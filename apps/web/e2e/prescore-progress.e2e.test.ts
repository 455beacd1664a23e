import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from '../../server/test/support/datasets.ts';
import { authenticate, draftCsv } from './api.ts';
import { ticketsCsv } from './fixtures.ts';
import {
  attachFile,
  freshDataDir,
  launchBrowser,
  openDatasheet,
  pixelStats,
  type RunningApp,
  screenshot,
  sessionPage,
  signUp,
  startApp,
  startDraft,
  watchPage,
} from './support.ts';

// A moderately large file (10.7 MB): the pre-score's progress bar appears and advances before the
// report. No timing is asserted; the bar's values are recorded in the page as they change.

let app: RunningApp;
let browser: Browser;
let work: string;
let csvPath: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'assay-e2e-progress-'));
  csvPath = path.join(work, 'many-tickets.csv');
  writeFileSync(csvPath, ticketsCsv(160_000));
  app = await startApp(freshDataDir());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
});

it('shows a pre-score progress bar that advances for a file of several megabytes', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(30_000);
  const problems = watchPage(page);
  await signUp(page, app.url, {
    name: 'Pat Progress',
    email: 'pat@example.test',
    password: 'progress-password-1',
  });
  await startDraft(page, app.url, 'Many tickets');
  await attachFile(page, csvPath, 120_000);
  await openDatasheet(page);

  // Record every value the bar shows, from before it exists until the report replaces it.
  await page.evaluate(`(() => {
    const seen = [];
    window.__progress = seen;
    const read = () => {
      const bar = document.querySelector('[data-testid="prescore-progress"] [role="progressbar"]');
      const value = bar ? Number(bar.getAttribute('aria-valuenow')) : null;
      if (value !== null && seen[seen.length - 1] !== value) seen.push(value);
    };
    new MutationObserver(read).observe(document.body, {
      subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'],
    });
  })()`);
  await page.getByRole('button', { name: 'Next: Pre-score' }).click();
  await page.getByTestId('report').waitFor({ timeout: 120_000 });
  const values = (await page.evaluate('window.__progress')) as number[];

  expect(values.length, `progress values: ${values.join(', ')}`).toBeGreaterThanOrEqual(3);
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] ?? 0);
  expect(values.at(-1)).toBeGreaterThan(values[0] ?? 0);
  await expect(page.getByTestId('prescore-progress').count()).resolves.toBe(0);
  const rows = await page.getByTestId('report').textContent();
  expect(rows).toMatch(/160[,.\u202f\u00a0]?000/);

  const shot = await screenshot(page, 'prescore-progress-report');
  const stats = pixelStats(shot);
  expect(stats.stdDev).toBeGreaterThan(8);
  expect(stats.distinctColours).toBeGreaterThan(20);
  expect(problems).toEqual([]);
});

// Opened on its Pre-score step (a link, a reload, the Back button), the step was blank for the pre-score's
// 400 ms debounce before it said a check was coming. The step's content is recorded as React first puts it
// in the page, before any timer of the page has run.
it('opened on its Pre-score step, says at once that the file is being checked', async () => {
  const contributor = await authenticate(app.url, 'sign-up/email', {
    name: 'Olga Opening',
    email: 'olga@example.test',
    password: 'opening-password-1',
  });
  const { submissionId } = await draftCsv(app.url, contributor, {
    manifest: { ...GOOD_MANIFEST, title: 'Opened on its pre-score' },
    csv: GOOD_CSV,
  });
  const page = await sessionPage(browser, app.url, contributor.cookie);
  page.setDefaultTimeout(30_000);
  const problems = watchPage(page);
  await page.addInitScript(`(() => {
    new MutationObserver((_, observer) => {
      const step = document.getElementById('wizard-step');
      if (!step) return;
      window.__firstPrescoreStep = { label: step.getAttribute('aria-label'), text: step.textContent };
      observer.disconnect();
    }).observe(document, { subtree: true, childList: true });
  })()`);
  await page.goto(`${app.url}/submissions/${submissionId}/edit?step=pre-score`);
  await page.getByTestId('report').waitFor();
  const first = (await page.evaluate('window.__firstPrescoreStep')) as { label: string; text: string };
  expect(first.label).toBe('Step 5: Pre-score');
  expect(first.text).toContain('Checking your file in the browser…');
  expect(problems).toEqual([]);
  await page.close();
});
