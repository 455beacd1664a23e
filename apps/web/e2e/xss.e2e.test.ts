import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  field,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  screenshot,
  signUp,
  startApp,
  startDraft,
  watchPage,
} from './support.ts';

// Markup a contributor controls (a label value from the file, a description) must render as text.
const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '</script><script>window.__xss=2</script>';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp(freshDataDir());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('renders markup in a label and a description as text, and nothing executes', async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  const problems = watchPage(page);
  await signUp(page, app.url, {
    name: 'Mallory',
    email: 'mallory@example.test',
    password: 'mallory-password-1',
  });
  await startDraft(page, app.url, `Title ${SCRIPT}`);

  const csv = [
    'text,label',
    ...Array.from({ length: 10 }, (_, i) => `row ${i},${i % 2 ? 'ok' : `"${IMG.replaceAll('"', '""')}"`}`),
  ].join('\n');
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'evil.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
  await page.getByTestId('upload-status').filter({ hasText: 'Uploaded' }).waitFor();
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  await page.getByTestId('preview').waitFor();
  await field(page, 'Label column').waitFor();

  // The label value and the title appear literally.
  await expect(page.getByTestId('preview').getByText(IMG).first().isVisible()).resolves.toBe(true);
  await expect(page.getByRole('heading', { name: `Title ${SCRIPT}` }).isVisible()).resolves.toBe(true);

  await page.getByRole('button', { name: 'Next: Datasheet' }).click();
  await field(page, /^Description/).fill(`Description ${IMG} ${SCRIPT}`);
  await expect(page.getByLabel(`Definition of “${IMG}”`).count()).resolves.toBe(1);
  await page.getByRole('button', { name: 'Next: Pre-score' }).click();
  await page.getByTestId('report').waitFor({ timeout: 30_000 });
  await screenshot(page, 'xss-prescore');

  // Nothing was injected and nothing ran.
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('body script').count()).toBe(0);
  expect(problems).toEqual([]);
});

it("blocks script the app did not ship, and framing, by the server's Content-Security-Policy", async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      violations.push(message.text());
    }
  });
  await page.goto(app.url);
  await page.getByText('Sign in', { exact: true }).first().waitFor();
  // An injected inline script (what a markup hole would let through) does not run.
  await page.addScriptTag({ content: 'window.__inline = 1' }).catch(() => undefined);
  expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
  // Another page cannot show Assay in a frame (clickjacking a reviewer's decision).
  await page.setContent(`<iframe src="${app.url}/" width="400" height="300"></iframe>`);
  const frame = page.frames()[1];
  await expect
    .poll(() => violations.some((text) => text.includes("frame-ancestors 'none'")), { timeout: 10_000 })
    .toBe(true);
  expect(await frame?.evaluate(() => document.title).catch(() => 'blocked')).not.toBe('Assay');
  expect(violations.some((text) => text.includes("script-src 'self'"))).toBe(true);
  await page.close();
});
