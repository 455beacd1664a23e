import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from '../../server/test/support/datasets.ts';
import {
  type Api,
  authenticate,
  draftCsv,
  organisationWithRequest,
  submitCsv,
  ticketsRequest,
} from './api.ts';
import {
  choose,
  createOperator,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  screenshot,
  signIn,
  startApp,
  watchPage,
} from './support.ts';

// A contributor's data made for no request reaches one later: from the submission's page they offer it
// to an open request, the wizard opens on a new draft with the same file and datasheet, and once
// submitted it scores into that request's review queue. The submission offered stays as it was.
// A draft cut off by its request closing is offered the same way, from the notification that says so,
// and so is a draft whose request's deadline passed (after a reminder the day before).

const operator = { email: 'ops@offer.test', password: 'operator-password-1' };
const reviewer = { name: 'Olga Offered', email: 'olga@offer.test', password: 'reviewer-password-1' };
const contributor = { name: 'Otto Offering', email: 'otto@offer.test', password: 'contributor-password-1' };
const REQUEST_TITLE = 'Tickets by urgency, any source';

let app: RunningApp;
let browser: Browser;
let page: Page;
let problems: string[];
let unrequested: { submissionId: string; versionId: string };
let otto: { api: Api; cookie: string };
let olga: Api;
let organisationId: string;

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  // Deadlines are swept every second here (60 s by default), so a test sees a deadline pass.
  app = await startApp(dataDir, { DEADLINE_SWEEP_SECONDS: '1' });
  ({ reviewer: olga, organisationId } = await organisationWithRequest(
    app.url,
    operator,
    reviewer,
    ticketsRequest({ title: REQUEST_TITLE, rewardCents: 1500 }),
  ));
  otto = await authenticate(app.url, 'sign-up/email', contributor);
  unrequested = await submitCsv(app.url, otto, {
    manifest: GOOD_MANIFEST,
    csv: GOOD_CSV,
    states: ['scored'],
  });

  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  problems = watchPage(page);
  await signIn(page, app.url, contributor);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('offers a submission made for no request to an open request, through the wizard, into its queue', async () => {
  const originalUrl = `${app.url}/submissions/${unrequested.submissionId}`;
  await page.goto(originalUrl);
  await page.getByRole('heading', { name: 'Score of record' }).waitFor();
  await page.getByRole('button', { name: 'Offer to a data request' }).click();
  const offer = page.getByTestId('offer-to-request');
  const start = offer.getByRole('button', { name: 'Start a draft for it' });
  expect(await start.isDisabled()).toBe(true);
  await choose(page, 'Data request', new RegExp(`^${REQUEST_TITLE} · `));
  await screenshot(page, 'offer-to-request');
  await start.click();

  // A new submission, in the wizard, for the request, with the file already there.
  await page.waitForURL(/\/submissions\/[\w-]+\/edit$/);
  const offeredId = /\/submissions\/([\w-]+)\/edit$/.exec(page.url())![1]!;
  expect(offeredId).not.toBe(unrequested.submissionId);
  expect(await page.getByTestId('wizard-request').textContent()).toMatch(
    new RegExp(
      `^For the data request “${REQUEST_TITLE}” of Olga Offered's company: €15\\.00 per accepted submission$`,
    ),
  );
  // The file came with the offer: the wizard opens past the File step, on the preview of the server's copy.
  await expect(page.locator('#preview-row-1').textContent()).resolves.toContain(
    'Ticket 0: the invoice question',
  );
  await screenshot(page, 'offer-wizard');
  for (const next of ['Datasheet', 'Pre-score', 'Submit'])
    await page.getByRole('button', { name: `Next: ${next}` }).click();
  await page.getByRole('button', { name: 'Submit for scoring' }).click();
  await page.waitForURL(`${app.url}/submissions/${offeredId}`);
  await page
    .getByTestId('state')
    .filter({ hasText: /in review/i })
    .first()
    .waitFor({ timeout: 60_000 });
  // The submission's page names the request it went to and what an acceptance pays, as the wizard did.
  expect(await page.getByTestId('submission-request').textContent()).toBe(
    `For the data request “${REQUEST_TITLE}”: €15.00 per accepted submission`,
  );

  // The submission offered is as it was: made for no request, scored.
  await page.goto(originalUrl);
  await page
    .getByTestId('state')
    .filter({ hasText: /^scored$/i })
    .first()
    .waitFor();
  expect(await page.getByTestId('submission-request').count()).toBe(0);
  await page.goto(`${app.url}/`);
  const rows = page.getByRole('row').filter({ hasText: GOOD_MANIFEST.title });
  await rows.first().waitFor();
  expect(await rows.count()).toBe(2);
  expect(problems).toEqual([]);
});

it('tells a contributor when a request closes on their draft, and the notification leads to the offer', async () => {
  const closing = await olga.request.create.mutate({
    ...ticketsRequest({ title: 'Tickets, closing early' }),
    organisationId,
  });
  const cutOff = await draftCsv(app.url, otto, {
    requestId: closing.id,
    manifest: { ...GOOD_MANIFEST, title: 'Tickets drafted too late' },
    csv: GOOD_CSV,
  });
  await olga.request.close.mutate({ id: closing.id });

  // The navigation's count is polled every 30 s; a page load reads it at once.
  await page.goto(`${app.url}/`);
  const unread = page.getByRole('navigation', { name: 'Main' }).getByTestId('unread');
  await unread.waitFor();
  await page.getByRole('link', { name: /^Notifications/ }).click();
  const news = page
    .getByRole('list', { name: 'Notifications' })
    .getByRole('listitem')
    .filter({ hasText: 'Tickets drafted too late' });
  expect(await news.textContent()).toContain(
    '“Tickets, closing early” closed before your draft “Tickets drafted too late” went in. Open it to offer its data to another request.',
  );
  await news.getByRole('link').first().click();
  await page.waitForURL(`${app.url}/submissions/${cutOff.submissionId}`);
  await page.getByRole('button', { name: 'Offer to another request' }).click();
  await choose(page, 'Data request', new RegExp(`^${REQUEST_TITLE} · `));
  await page.getByTestId('offer-to-request').getByRole('button', { name: 'Start a draft for it' }).click();
  await page.waitForURL(/\/submissions\/[\w-]+\/edit$/);
  expect(page.url()).not.toContain(cutOff.submissionId);
  expect(await page.getByTestId('wizard-request').textContent()).toContain(`“${REQUEST_TITLE}”`);
  expect(problems).toEqual([]);
});

it('reminds a contributor of a deadline on their draft, tells them when it passed, and leads to the offer', async () => {
  // Due in 20 s (time for the draft on a busy machine): within a day, so the next sweep reminds; once
  // past, the next one tells it passed.
  const deadline = new Date(Date.now() + 20_000).toISOString();
  const due = await olga.request.create.mutate({
    ...ticketsRequest({ title: 'Tickets, due any moment', deadline }),
    organisationId,
  });
  const late = await draftCsv(app.url, otto, {
    requestId: due.id,
    manifest: { ...GOOD_MANIFEST, title: 'Tickets not sent in time' },
    csv: GOOD_CSV,
  });
  const news = page
    .getByRole('list', { name: 'Notifications' })
    .getByRole('listitem')
    .filter({ hasText: 'Tickets not sent in time' });
  /** The notifications about the late draft, once there are `count` of them (the page reloaded until then). */
  async function newsOnceThere(count: number): Promise<string[]> {
    for (let attempt = 0; attempt < 40; attempt++) {
      await page.goto(`${app.url}/notifications`);
      await page.getByRole('list', { name: 'Notifications' }).waitFor();
      if ((await news.count()) >= count) return news.allTextContents();
      await page.waitForTimeout(500);
    }
    throw new Error(`fewer than ${count} notifications about the late draft`);
  }

  const [reminder] = await newsOnceThere(1);
  expect(reminder).toContain('“Tickets, due any moment” stops taking submissions on ');
  expect(reminder).toContain(': your draft “Tickets not sent in time” is not submitted yet.');
  await page.waitForTimeout(Math.max(0, Date.parse(deadline) - Date.now()));
  const [passed] = await newsOnceThere(2);
  expect(passed).toContain(
    '“Tickets, due any moment” passed its deadline before your draft “Tickets not sent in time” went in. Open it to offer its data to another request.',
  );
  await screenshot(page, 'deadline-notifications');
  await news.first().getByRole('link').first().click();
  await page.waitForURL(`${app.url}/submissions/${late.submissionId}`);
  await page.getByRole('button', { name: 'Offer to another request' }).click();
  expect(await page.getByTestId('offer-to-request').isVisible()).toBe(true);
  expect(problems).toEqual([]);
});
