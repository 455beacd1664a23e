import { createHash } from 'node:crypto';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketsCsv } from './fixtures.ts';
import {
  attachFile,
  fillDatasheet,
  freshDataDir,
  launchBrowser,
  openDatasheet,
  pixelStats,
  type RunningApp,
  screenshot,
  signUp,
  startApp,
  startDraft,
  waitSaved,
  watchPage,
} from './support.ts';

// A version the server cannot score (its stored file went missing) does not wait in "Scoring…" for
// ever: after the last retry it is a draft again, the contributor is told so on its page and in the
// wizard, and submitting it again once the file is back gives the score of record.

const contributor = { name: 'Una Unscored', email: 'una@example.test', password: 'unscored-password-1' };

let app: RunningApp;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  // Retries without waiting, so the last attempt comes within a second.
  app = await startApp(freshDataDir(), { SCORING_RETRY_SECONDS: '0' });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);
  problems = watchPage(page);
  await signUp(page, app.url, contributor);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function submitFromWizard() {
  for (const next of ['Pre-score', 'Submit'])
    await page.getByRole('button', { name: `Next: ${next}` }).click();
  await page.getByRole('button', { name: 'Submit for scoring' }).click();
  await page.waitForURL(/\/submissions\/[\w-]+$/);
}

describe('a version the server cannot score', () => {
  it('comes back as a draft the contributor is told about, and scores once submitted again', async () => {
    const csv = ticketsCsv(40);
    const wizardUrl = await startDraft(page, app.url, 'Unscorable tickets');
    await attachFile(page, { name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await openDatasheet(page);
    await fillDatasheet(page);
    await waitSaved(page);
    // The stored file goes missing (as the local file store keeps it: files/<first two hex digits>/<sha>).
    const sha256 = createHash('sha256').update(csv).digest('hex');
    const stored = path.join(app.dataDir, 'files', sha256.slice(0, 2), sha256);
    await rename(stored, `${stored}.away`);
    await submitFromWizard();

    const notice = page.getByTestId('scoring-failed');
    await notice.waitFor({ timeout: 30_000 });
    await expect(notice.textContent()).resolves.toMatch(
      /^The server could not score this versionVersion 1 was submitted, but scoring it failed on every try \(the last at .+\)\. It is a draft again, with your file and datasheet kept: submit it again\./,
    );
    await expect(page.getByTestId('scoring-progress').count()).resolves.toBe(0);
    const shot = await screenshot(page, 'scoring-failed');
    expect(pixelStats(shot).distinctColours).toBeGreaterThan(20);

    await notice.getByRole('link', { name: 'Open the draft' }).click();
    await page.waitForURL(wizardUrl);
    await page.getByTestId('scoring-failed').waitFor();
    // The file and the datasheet are still there: from the wizard's last step it submits as it is.
    await rename(`${stored}.away`, stored);
    await page.getByLabel('Submission steps').getByRole('button').last().click();
    await page.getByRole('button', { name: 'Submit for scoring' }).click();
    await page.waitForURL(/\/submissions\/[\w-]+$/);
    await page.getByRole('heading', { name: 'Score of record' }).waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('scoring-failed').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });
});
