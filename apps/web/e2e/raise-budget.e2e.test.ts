import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from '../../server/test/support/datasets.ts';
import { authenticate, organisationWithRequest, submitCsv, ticketsRequest } from './api.ts';
import {
  createOperator,
  field,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  signIn,
  startApp,
  watchPage,
} from './support.ts';

// A reviewer told that a request's budget is spent follows "Raise the budget" from the decision panel,
// raises it, and comes straight back to the version: the warning is gone and the acceptance goes through.
// Before, the version's page was read from the cache (fresh for 5 s), still saying the budget was spent;
// and saving (or leaving) the editor went to the Data requests list, not back to the version.

const operator = { email: 'ops@raise.test', password: 'operator-password-1' };
const reviewer = { name: 'Rhea Raiser', email: 'rhea@raise.test', password: 'reviewer-password-1' };
const contributor = {
  name: 'Cato Contributor',
  email: 'cato@raise.test',
  password: 'contributor-password-1',
};

/** GOOD_CSV with one row of its own: another file, byte for byte. */
const csvNumbered = (n: number) =>
  `${GOOD_CSV.trim()}\n"Ticket extra ${n}: a refund request",low,2025-03-15\n`;

let app: RunningApp;
let browser: Browser;
let page: Page;
let problems: string[];
let waiting: string;

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  // A budget that pays one reward of €10.
  const { reviewer: rhea, requestId } = await organisationWithRequest(
    app.url,
    operator,
    reviewer,
    ticketsRequest({ title: 'One reward only', minRows: 10, rewardCents: 1000, budgetCents: 1000 }),
  );
  const cato = await authenticate(app.url, 'sign-up/email', contributor);
  const submit = async (n: number) =>
    (
      await submitCsv(app.url, cato, {
        requestId,
        manifest: { ...GOOD_MANIFEST, title: `Tickets ${n}` },
        csv: csvNumbered(n),
        states: ['in_review'],
      })
    ).versionId;
  const first = await submit(1);
  waiting = await submit(2);
  await rhea.review.decide.mutate({
    versionId: first,
    decision: 'accept',
    reasonCodes: ['accept.meets-requirements'],
    comment: 'Clean and documented.',
    timeSpentMs: 1_000,
  });

  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  problems = watchPage(page);
  await signIn(page, app.url, reviewer);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('cancelling the editor opened from "Raise the budget" goes back to the version, nothing changed', async () => {
  await page.goto(`${app.url}/review`);
  await page.getByTestId('queue').getByRole('link', { name: 'Tickets 2 (v1)' }).click();
  const spent = page.getByTestId('budget-spent');
  await spent.getByRole('link', { name: 'Raise the budget' }).click();
  await field(page, 'Budget (€)').fill('30');
  await page.getByRole('link', { name: 'Cancel' }).click();
  await page.waitForURL(`${app.url}/review/versions/${waiting}`);
  await spent.waitFor();
  expect(problems).toEqual([]);
});

// Saving sent the reviewer to the Data requests list, to find the version again through the queue.
it('after raising the budget from the decision panel, the reviewer is back on the version, no longer told it is spent', async () => {
  await page.goto(`${app.url}/review`);
  await page.getByTestId('queue').getByRole('link', { name: 'Tickets 2 (v1)' }).click();
  const spent = page.getByTestId('budget-spent');
  await spent.waitFor();
  await spent.getByRole('link', { name: 'Raise the budget' }).click();
  await field(page, 'Budget (€)').fill('30');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForURL(`${app.url}/review/versions/${waiting}`);

  const panel = page.getByTestId('decision-panel');
  await panel.waitFor();
  await expect.poll(() => spent.count(), { timeout: 3_000 }).toBe(0);

  await panel.getByRole('checkbox', { name: 'Meets our requirements' }).check();
  await panel.getByLabel('Comment to the contributor').fill('Worth the raise.');
  await panel.getByRole('button', { name: 'Accept', exact: true }).click();
  await page.waitForURL(`${app.url}/review`);
  await page.getByTestId('decided-notice').filter({ hasText: 'Accepted “Tickets 2” v1' }).waitFor();
  expect(problems).toEqual([]);
});

it('the editor opened from the Data requests list goes back there', async () => {
  await page.getByRole('link', { name: 'Data requests' }).click();
  await page.getByTestId('requests').getByRole('link', { name: 'One reward only' }).click();
  await page.getByRole('link', { name: 'Cancel' }).click();
  await page.waitForURL(`${app.url}/review/requests`);
  expect(problems).toEqual([]);
});
