import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createOperator,
  errorAt,
  field,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  screenshot,
  signIn,
  signUp,
  startApp,
  watchPage,
} from './support.ts';

// An operator suspends a contributor from the Users page with a reason: the contributor's open tab is
// signed out and their sign-in is refused with the server's message. The operator reinstates them, and
// they sign in again.

const operator = { email: 'ops@suspension.test', password: 'operator-password-1' };
const contributor = { name: 'Sam Spammer', email: 'sam@suspension.test', password: 'contributor-password-1' };
const reason = 'Uploads scraped data without consent';

let app: RunningApp;
let browser: Browser;
const problems: string[][] = [];

async function newPage(options: { isExpectingFailedLoads?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  problems.push(watchPage(page, options));
  return page;
}

/** Fills and sends the sign-in form, without waiting to be signed in. */
async function submitSignIn(page: Page) {
  await page.goto(`${app.url}/?sign-in`);
  await page.getByRole('textbox', { name: /^Email/ }).fill(contributor.email);
  await page.locator('input[type=password]').fill(contributor.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('an operator suspends a contributor with a reason, and reinstates them', async () => {
  // The refused sign-in is a 403, which the browser logs as a failed load; any other console error counts.
  const sam = await newPage({ isExpectingFailedLoads: true });
  await signUp(sam, app.url, contributor);

  const ops = await newPage();
  await signIn(ops, app.url, operator);
  await ops.goto(`${app.url}/operator/users`);
  const row = ops.getByTestId('users').getByRole('row').filter({ hasText: contributor.email });
  await expect(row.textContent()).resolves.toContain('active');
  // No way to suspend oneself.
  const self = ops.getByTestId('users').getByRole('row').filter({ hasText: operator.email });
  await expect(self.textContent()).resolves.toContain('you');
  expect(await self.getByRole('button').count()).toBe(0);

  // Suspending asks for the reason in place; the second button suspends.
  await row.getByRole('button', { name: `Suspend ${contributor.name}` }).click();
  const confirm = row.getByRole('button', { name: `Suspend ${contributor.name}` });
  expect(await confirm.isDisabled()).toBe(true);
  // "x" tells the next operator nothing; Escape takes the question back, and the focus to its button.
  await field(ops, 'Reason').fill('x');
  expect(await errorAt(ops, 'Reason')).toContain('at least 3 characters');
  expect(await confirm.isDisabled()).toBe(true);
  await ops.keyboard.press('Escape');
  await expect.poll(() => field(ops, 'Reason').count()).toBe(0);
  await expect
    .poll(() => ops.evaluate(() => document.activeElement?.getAttribute('aria-label')))
    .toBe(`Suspend ${contributor.name}`);
  await row.getByRole('button', { name: `Suspend ${contributor.name}` }).click();
  await field(ops, 'Reason').fill(reason);
  await screenshot(ops, 'operator-users-suspend-reason');
  await confirm.click();
  await row.getByText('Suspended', { exact: true }).waitFor();
  await row.getByText(reason, { exact: false }).waitFor();
  await screenshot(ops, 'operator-users-suspended');

  // The contributor's open tab is signed out on its next request, and signing in says why it fails.
  await sam.reload();
  await sam.getByTestId('whoami').filter({ hasText: 'Not signed in' }).waitFor();
  await submitSignIn(sam);
  const refusal = sam.getByRole('alert');
  await refusal.filter({ hasText: 'This account is suspended' }).waitFor();
  await expect(refusal.textContent()).resolves.toContain('Account suspended');
  await expect(refusal.textContent()).resolves.not.toContain(reason);
  await expect(sam.getByTestId('whoami').textContent()).resolves.toContain('Not signed in');
  await screenshot(sam, 'sign-in-suspended');

  // The Activity page names the account and the reason.
  await ops.goto(`${app.url}/operator/activity`);
  await ops
    .getByTestId('events')
    .getByRole('row')
    .filter({ hasText: 'user.suspended' })
    .filter({ hasText: `account: ${contributor.email} (contributor) · reason: ${reason}` })
    .waitFor();

  // Reinstating takes a second click too; the contributor then signs in.
  await ops.goto(`${app.url}/operator/users`);
  await row.getByRole('button', { name: 'Reinstate' }).click();
  await row.getByRole('group', { name: 'Reinstate' }).getByRole('button', { name: 'Reinstate' }).click();
  await row.getByText('active', { exact: true }).waitFor();
  await expect(row.getByText('Suspended', { exact: true }).count()).resolves.toBe(0);

  await submitSignIn(sam);
  await sam.getByTestId('whoami').filter({ hasText: contributor.email }).waitFor();
  await ops.goto(`${app.url}/operator/activity`);
  await ops.getByTestId('events').getByRole('row').filter({ hasText: 'user.reinstated' }).waitFor();
  for (const list of problems) expect(list).toEqual([]);
});
