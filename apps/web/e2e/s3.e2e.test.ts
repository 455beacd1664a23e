import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type S3Proxy, startS3Proxy, startTestS3, type TestS3 } from '../../server/test/support/s3-server.ts';
import { ticketsCsv } from './fixtures.ts';
import {
  attachFile,
  createPostgresDatabase,
  fillDatasheet,
  freshDataDir,
  launchBrowser,
  openDatasheet,
  type RunningApp,
  signUp,
  startApp,
  startDraft,
  startScoringWorker,
  waitSaved,
  watchPage,
} from './support.ts';

// The scale path in a browser: the API and a scoring worker on PostgreSQL, each with its own data folder,
// sharing only an S3-compatible bucket (s3rver, behind a proxy that holds each upload to the bucket for a
// moment, as a bucket far away would). The contributor sees the server storing the upload, the worker
// scores it from the bucket, and neither data folder keeps a file.

const CSV = ticketsCsv(40);
const PUT_DELAY_MS = 1500;

let s3: TestS3;
let proxy: S3Proxy;
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let app: RunningApp;
let worker: Awaited<ReturnType<typeof startScoringWorker>>;
let browser: Browser;
const apiDir = freshDataDir();
const workerDir = freshDataDir();

beforeAll(async () => {
  s3 = await startTestS3();
  proxy = await startS3Proxy(s3.bucketUrl);
  proxy.putDelayMs = PUT_DELAY_MS;
  const bucket = { ...s3.env('e2e'), S3_URL: `${proxy.url}${new URL(s3.bucketUrl).pathname}/e2e` };
  database = await createPostgresDatabase();
  app = await startApp(apiDir, { DATABASE_URL: database.url, SCORING_IN_PROCESS: 'false', ...bucket });
  worker = await startScoringWorker(workerDir, database.url, bucket);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await app?.stop();
  await database?.drop();
  await proxy?.stop();
  await s3?.stop();
  // The app's stop removes its own folder; the worker's is left to the test.
  rmSync(workerDir, { recursive: true, force: true });
});

it('uploads to the bucket with the storing step shown, and a worker with no shared disk scores it', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  const problems = watchPage(page);
  await signUp(page, app.url, {
    name: 'Sam Bucket',
    email: 'sam@bucket.test',
    password: 'bucket-password-1',
  });
  const wizard = await startDraft(page, app.url, 'Tickets in a bucket');

  // Every text the upload status shows, from before the file is dropped until it is stored.
  await page.evaluate(`(() => {
    const seen = [];
    window.__uploadStatus = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="upload-status"]')?.textContent ?? '';
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  await attachFile(page, { name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  const statuses = (await page.evaluate('window.__uploadStatus')) as string[];
  expect(statuses.slice(-2)).toEqual(['Sent: the server is checking and storing it…', 'Uploaded']);
  const sha256 = createHash('sha256').update(CSV).digest('hex');
  expect(await s3.listKeys('e2e/')).toEqual([`e2e/${sha256.slice(0, 2)}/${sha256}`]);

  await openDatasheet(page);
  await fillDatasheet(page);
  await waitSaved(page);
  await page.getByRole('button', { name: 'Next: Pre-score' }).click();
  await page.getByRole('button', { name: 'Next: Submit' }).click();
  await page.getByRole('button', { name: 'Submit for scoring' }).click();
  await page.waitForURL(wizard.replace(/\/edit$/, ''));
  await page.getByRole('heading', { name: 'Score of record' }).waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('report').textContent()).toContain('40 rows');

  // Neither process kept the file: the API spooled it away, the worker read it from the bucket.
  for (const dir of [apiDir, workerDir]) {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
    expect(files.filter((file) => file !== 'auth-secret')).toEqual([]);
  }
  expect(problems).toEqual([]);
});
