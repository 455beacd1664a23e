import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from '../../server/test/support/datasets.ts';
import { authenticate, submitCsv } from './api.ts';
import { freshDataDir, launchBrowser, type RunningApp, signIn, startApp, watchPage } from './support.ts';

// More notifications than a page holds (20): the navigation counts them all, the page shows the newest
// 20 and "Older" the rest, each once; opening the page clears the count, and a reload shows none as new.

const contributor = { name: 'Nora Notified', email: 'nora@notify.test', password: 'contributor-password-1' };
const SUBMISSIONS = 21;

let app: RunningApp;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  app = await startApp(freshDataDir());
  const nora = await authenticate(app.url, 'sign-up/email', contributor);
  // Each scored version is one notification; their titles number them in the order they were scored.
  for (let n = 1; n <= SUBMISSIONS; n++) {
    await submitCsv(app.url, nora, {
      manifest: { ...GOOD_MANIFEST, title: `Tickets ${n}` },
      csv: GOOD_CSV,
      states: ['scored'],
    });
  }
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  problems = watchPage(page);
  await signIn(page, app.url, contributor);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const titlesShown = async () =>
  (await page.getByRole('list', { name: 'Notifications' }).getByRole('listitem').allTextContents()).map(
    (text) => /“(Tickets \d+)”/.exec(text)?.[1],
  );

it('counts every notification, pages them newest first with Older, and clears the count once read', async () => {
  const unread = page.getByRole('navigation', { name: 'Main' }).getByTestId('unread');
  expect(await unread.getAttribute('aria-label')).toBe(`${SUBMISSIONS} unread`);

  await page.getByRole('link', { name: /^Notifications/ }).click();
  const items = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
  await items.first().waitFor();
  const newestFirst = Array.from({ length: SUBMISSIONS }, (_, i) => `Tickets ${SUBMISSIONS - i}`);
  expect(await titlesShown()).toEqual(newestFirst.slice(0, 20));
  await unread.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Older' }).click();
  await expect.poll(titlesShown).toEqual(newestFirst);
  // The last page: no Older after it.
  await expect(page.getByRole('button', { name: 'Older' }).count()).resolves.toBe(0);
  // Opening the page marked everything read: the first page, loaded before, keeps its New marks; the
  // older page, loaded after, has none.
  expect(await items.filter({ hasText: /New/ }).count()).toBe(20);

  // Read: after a reload nothing is new, and the navigation counts nothing.
  await page.reload();
  await items.first().waitFor();
  expect(await items.filter({ hasText: /New/ }).count()).toBe(0);
  await expect(unread.count()).resolves.toBe(0);
  expect(problems).toEqual([]);
});
