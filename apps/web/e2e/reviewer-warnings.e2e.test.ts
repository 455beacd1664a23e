import type { Manifest } from '@assay/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from '../../server/test/support/datasets.ts';
import { type Api, authenticate, organisationWithRequest, submitCsv, ticketsRequest } from './api.ts';
import {
  choose,
  createOperator,
  field,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  signIn,
  startApp,
  watchPage,
} from './support.ts';

// The reviewer's two warnings, in the browser, over data set up through the real API: the queue's
// "below minimum" badge on a version scoring under the request's minimum (and on no other), and the
// decision panel's "already accepted" warning on a file the request bought once, whose acceptance the
// server refuses with a message the page shows. The queue is read two versions a page (`?limit=2`), so
// "Load more" must reach the rest. Then the flow of deciding: the queue's filter is in its URL, and a
// decision opens the next version of the same filtered queue, saying what was decided.

const operator = { email: 'ops@warnings.test', password: 'operator-password-1' };
const reviewer = { email: 'rita@warnings.test', password: 'reviewer-password-1' };
const contributor = { email: 'carl@warnings.test', password: 'contributor-password-1' };
const MIN_SCORE = 70;
const REFUSAL =
  'This exact data file was already accepted for this request: accepting it again would pay twice for the same data';

/** GOOD_CSV with one row of its own: another file, byte for byte. */
const csvNumbered = (n: number) =>
  `${GOOD_CSV.trim()}\n"Ticket extra ${n}: a refund request",low,2025-03-15\n`;

/** A datasheet with nothing but its shape: no context, no provenance, classes undefined (scores about 44). */
const BARE_MANIFEST: Manifest = {
  title: 'Bare tickets',
  task: 'classification',
  columns: GOOD_MANIFEST.columns,
  label: { column: 'urgency', classes: [{ name: 'high' }, { name: 'low' }] },
};

let app: RunningApp;
let browser: Browser;
let page: Page;
let problems: string[];
let ids: { requestId: string; sameFile: string; bare: string; good: string[] };

/** Submits a version with `manifest` and `csv` to the request and waits until it is in review. */
async function inReview(api: Api, cookie: string, requestId: string, manifest: Manifest, csv: string) {
  return (await submitCsv(app.url, { api, cookie }, { requestId, manifest, csv, states: ['in_review'] }))
    .versionId;
}

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);

  const { reviewer: rita, requestId } = await organisationWithRequest(
    app.url,
    operator,
    { name: 'Rita Reviewer', ...reviewer },
    ticketsRequest({ title: 'Urgent tickets', minRows: 10, minQualityScore: MIN_SCORE }),
  );

  const { api: carl, cookie } = await authenticate(app.url, 'sign-up/email', {
    ...contributor,
    name: 'Carl Contributor',
  });

  // Bought once: the same file, sent again, waits in the queue.
  const bought = await inReview(
    carl,
    cookie,
    requestId,
    { ...GOOD_MANIFEST, title: 'Bought tickets' },
    csvNumbered(0),
  );
  await rita.review.decide.mutate({
    versionId: bought,
    decision: 'accept',
    reasonCodes: ['accept.meets-requirements'],
    comment: 'Clean and documented.',
    timeSpentMs: 1_000,
  });
  const sameFile = await inReview(
    carl,
    cookie,
    requestId,
    { ...GOOD_MANIFEST, title: 'Resent tickets' },
    csvNumbered(0),
  );
  const good = [
    await inReview(carl, cookie, requestId, { ...GOOD_MANIFEST, title: 'Good tickets one' }, csvNumbered(1)),
    await inReview(carl, cookie, requestId, { ...GOOD_MANIFEST, title: 'Good tickets two' }, csvNumbered(2)),
  ];
  // Submitted last: oldest first, two a page, it is on the second page.
  const bare = await inReview(carl, cookie, requestId, BARE_MANIFEST, csvNumbered(3));
  ids = { requestId, sameFile, bare, good };

  // What the badges stand on: the bare datasheet scores under the minimum, the others do not.
  const { items, total } = await rita.review.queue.query({ requestId, limit: 200 });
  expect(total).toBe(4);
  const scoreOf = (versionId: string) => items.find((item) => item.versionId === versionId)?.scores.overall;
  expect(scoreOf(bare)).toBeLessThan(MIN_SCORE);
  for (const versionId of [sameFile, ...good]) expect(scoreOf(versionId)).toBeGreaterThanOrEqual(MIN_SCORE);

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

/** The queue's row linking to `title`. */
const row = (title: string) =>
  page
    .getByTestId('queue')
    .getByRole('row')
    .filter({ hasText: `${title} (v1)` });

describe("a reviewer's warnings", () => {
  it('pages the queue with "Load more" and badges the version below the minimum only', async () => {
    await page.goto(`${app.url}/review?request=${ids.requestId}&limit=2`);
    const count = page.getByTestId('queue-count');
    await count.filter({ hasText: '4 match these filters · 2 shown' }).waitFor();
    await expect(page.getByTestId('queue').getByRole('row').count()).resolves.toBe(3); // with the header
    await expect(row('Bare tickets').count()).resolves.toBe(0);

    const more = page.getByRole('button', { name: 'Load more' });
    await more.click();
    await count.filter({ hasText: '4 match these filters · 4 shown' }).waitFor();
    // The last page: nothing more to load.
    await more.waitFor({ state: 'detached' });
    expect(await page.getByTestId('queue').getByRole('link').allTextContents()).toEqual([
      'Resent tickets (v1)',
      'Good tickets one (v1)',
      'Good tickets two (v1)',
      'Bare tickets (v1)',
    ]);

    await expect(row('Bare tickets').getByText('below minimum').count()).resolves.toBe(1);
    // The badge says against what.
    await expect(
      row('Bare tickets').getByTitle(`The request asks for at least ${MIN_SCORE}`).textContent(),
    ).resolves.toBe('below minimum');
    for (const title of ['Resent tickets', 'Good tickets one', 'Good tickets two']) {
      await expect(row(title).count()).resolves.toBe(1);
      await expect(row(title).getByText('below minimum').count()).resolves.toBe(0);
    }
  });

  it('warns that the same file was accepted, and shows the refusal when it is accepted anyway', async () => {
    await page.goto(`${app.url}/review?request=${ids.requestId}`);
    await row('Resent tickets').getByRole('link').click();
    await page.waitForURL(`${app.url}/review/versions/${ids.sameFile}`);
    const warning = page.getByTestId('same-file-accepted');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(
      /^This request already accepted this exact data file on .+: accepting it again would pay twice for the same data, and is refused\. Reject it \(“Copy of someone else's data”\)\.$/,
    );

    const panel = page.getByTestId('decision-panel');
    await panel.getByRole('checkbox', { name: 'Meets our requirements' }).check();
    await panel.getByLabel('Comment to the contributor').fill('Looks good to me.');
    await panel.getByRole('button', { name: 'Accept', exact: true }).click();
    const refusal = panel.getByRole('alert').filter({ hasText: REFUSAL });
    await refusal.waitFor();
    // Said as a refusal, not a fault: no retry, which would get the same answer.
    expect(await refusal.textContent()).toMatch(/^Not done/);
    await expect(refusal.getByRole('button', { name: 'Retry' }).count()).resolves.toBe(0);
    // Nothing was decided: the page stays, with the version still in review.
    expect(page.url()).toBe(`${app.url}/review/versions/${ids.sameFile}`);
    await expect(page.getByTestId('decided').count()).resolves.toBe(0);
    await expect(panel.getByLabel('Comment to the contributor').inputValue()).resolves.toBe(
      'Looks good to me.',
    );

    // A version without an accepted twin has no such warning.
    await page.goto(`${app.url}/review/versions/${ids.good[0]}`);
    await page.getByTestId('decision-panel').waitFor();
    await expect(page.getByTestId('same-file-accepted').count()).resolves.toBe(0);
    // The refusal is the server's error response: the browser logs the failed request, nothing else.
    expect(problems.filter((problem) => !/status of 409/.test(problem))).toEqual([]);
  });

  it('opens the next version of the same filtered queue after each decision, and says what was decided', async () => {
    const panel = page.getByTestId('decision-panel');
    const notice = page.getByTestId('decided-notice');
    const reject = async (comment: string) => {
      await panel.waitFor();
      await page.locator('body').press('r');
      await panel.getByRole('checkbox', { name: 'Not what we asked for' }).check();
      await panel.getByLabel('Comment to the contributor').fill(comment);
      await panel.getByRole('button', { name: 'Reject', exact: true }).click();
    };
    await page.goto(`${app.url}/review?request=${ids.requestId}`);
    await choose(page, 'Order', 'Newest first');
    await page.waitForURL(`${app.url}/review?request=${ids.requestId}&order=desc`);
    // A score the queue does not take cannot be typed: before, 150 emptied the queue for an alert of raw JSON.
    await field(page, 'Minimum score').pressSequentially('150');
    await page.getByTestId('queue').waitFor();
    expect(Number(await field(page, 'Minimum score').inputValue())).toBeLessThanOrEqual(100);
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await field(page, 'Minimum score').fill(String(MIN_SCORE));
    // The filter is the URL's: newest first, the bare datasheet (under the minimum) left out.
    await page.waitForURL(`${app.url}/review?request=${ids.requestId}&min=${MIN_SCORE}&order=desc`);
    await page.getByTestId('queue-count').filter({ hasText: '3 match these filters · 3 shown' }).waitFor();
    expect(await page.getByTestId('queue').getByRole('link').allTextContents()).toEqual([
      'Good tickets two (v1)',
      'Good tickets one (v1)',
      'Resent tickets (v1)',
    ]);

    // Decided from the middle of the queue, the next is the queue's first, not the row below.
    await row('Good tickets one').getByRole('link').click();
    await page.waitForURL(`${app.url}/review/versions/${ids.good[0]}`);
    await reject('We asked for a different week.');
    await page.waitForURL(`${app.url}/review/versions/${ids.good[1]}`);
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      'Rejected “Good tickets one” v1. 2 more waiting: this is the next. Back to the queue',
    );
    await panel.waitFor();

    // The notice's link goes back to the queue as it was filtered, with its choices shown.
    await notice.getByRole('link', { name: 'Back to the queue' }).click();
    await page.waitForURL(`${app.url}/review?request=${ids.requestId}&min=${MIN_SCORE}&order=desc`);
    await expect(field(page, 'Order').inputValue()).resolves.toBe('Newest first');
    await expect(field(page, 'Minimum score').inputValue()).resolves.toBe(String(MIN_SCORE));
    await page.goBack();
    await page.waitForURL(`${app.url}/review/versions/${ids.good[1]}`);

    await reject('Not the tickets we asked for.');
    await page.waitForURL(`${app.url}/review/versions/${ids.sameFile}`);
    await notice.filter({ hasText: 'Rejected “Good tickets two” v1. 1 more waiting' }).waitFor();
    await reject('The same file as one we bought.');
    // Nothing of this queue is left: the queue says so, filtered as before. The bare version still waits
    // in the unfiltered queue.
    await page.waitForURL(`${app.url}/review?request=${ids.requestId}&min=${MIN_SCORE}&order=desc`);
    await notice
      .filter({ hasText: 'Rejected “Resent tickets” v1. Nothing else is waiting in this queue.' })
      .waitFor();
    await page
      .getByTestId('queue-empty')
      .filter({ hasText: 'Nothing waiting for review matches these filters.' })
      .waitFor();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    // The way back: with the filters cleared, the bare version, waiting all along, shows.
    await page.getByTestId('queue-empty').getByRole('button', { name: 'Clear the filters' }).press('Enter');
    await page.waitForURL(`${app.url}/review?order=desc`);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('queue-title');
    await page.getByTestId('queue').getByRole('link', { name: 'Bare tickets (v1)' }).waitFor();
    await page.goto(`${app.url}/review?request=${ids.requestId}`);
    await page.getByTestId('queue-count').filter({ hasText: '1 matches these filters · 1 shown' }).waitFor();
    expect(await page.getByTestId('queue').getByRole('link').allTextContents()).toEqual([
      'Bare tickets (v1)',
    ]);
    expect(problems.filter((problem) => !/status of 409/.test(problem))).toEqual([]);
  });
});
