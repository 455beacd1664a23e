import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ticketsCsv } from './fixtures.ts';
import {
  attachFile,
  createOperator,
  field,
  freshDataDir,
  launchBrowser,
  openDatasheet,
  type RunningApp,
  signIn,
  signUp,
  startApp,
  startDraft,
  watchPage,
} from './support.ts';

// An operator raises the enterprise-grade threshold on the dashboard; a contributor's pre-score in the
// browser then grades with it, as the server will (the library's own default is 70).

const operator = { email: 'ops@threshold.test', password: 'operator-password-1' };

let app: RunningApp;
let browser: Browser;
let work: string;
const problems: string[][] = [];

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  problems.push(watchPage(page));
  return page;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'assay-e2e-threshold-'));
  writeFileSync(path.join(work, 'tickets.csv'), ticketsCsv(60));
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
});

it("an operator's threshold grades the contributor's pre-score", async () => {
  const ops = await newPage();
  await signIn(ops, app.url, operator);
  await ops.goto(`${app.url}/operator`);
  const card = ops.getByTestId('threshold-card');
  await expect
    .poll(() => card.getByTestId('threshold-now').textContent())
    .toMatch(/^Reports scoring 70 or more.*default/);
  const save = card.getByRole('button', { name: 'Save threshold' });
  expect(await save.isDisabled()).toBe(true);
  await field(ops, 'Threshold').fill('95');
  await save.click();
  await card.getByTestId('threshold-saved').waitFor();
  expect(await card.getByTestId('threshold-now').textContent()).toMatch(
    /^Reports scoring 95 or more.*Set by .+ on .+; the server's default is 70\.$/,
  );
  await expect.poll(() => card.getByTestId('threshold-changes').textContent()).toMatch(/70 → 95 by .+,/);

  const contributor = await newPage();
  await signUp(contributor, app.url, {
    name: 'Tia Tickets',
    email: 'tia@threshold.test',
    password: 'tickets-password-1',
  });
  await startDraft(contributor, app.url, 'Support tickets');
  await attachFile(contributor, path.join(work, 'tickets.csv'));
  await openDatasheet(contributor);
  await contributor.getByRole('button', { name: 'Next: Pre-score' }).click();
  const report = contributor.getByTestId('report');
  await report.waitFor();
  expect(await report.getByTestId('verdict').textContent()).toMatch(/^Not enterprise grade: below 95/);

  // Back to the default: the operator's page says so, and a new pre-score grades at 70 again.
  await field(ops, 'Threshold').fill('70');
  await ops.getByRole('button', { name: 'Save threshold' }).click();
  await expect
    .poll(() => card.getByTestId('threshold-now').textContent())
    .toMatch(/^Reports scoring 70 or more.*Set by/);
  // Newest first.
  await expect
    .poll(() => card.getByTestId('threshold-changes').textContent())
    .toMatch(/95 → 70 by .+70 → 95 by/);
  await contributor.reload();
  await contributor
    .getByRole('button', { name: /Pre-score/ })
    .first()
    .click();
  await expect
    .poll(async () => (await report.count()) > 0 && (await report.textContent()))
    .toMatch(/Enterprise grade|Not enterprise grade/);
  expect(await report.getByTestId('verdict').textContent()).not.toContain('95');
  expect(problems.flat()).toEqual([]);
});
