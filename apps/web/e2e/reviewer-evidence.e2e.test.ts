import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GOOD_MANIFEST, UNDATED_CSV } from '../../server/test/support/datasets.ts';
import { type Api, authenticate, organisationWithRequest, submitCsv, ticketsRequest } from './api.ts';
import {
  createOperator,
  freshDataDir,
  isBlocking,
  launchBrowser,
  type RunningApp,
  screenshot,
  sessionPage,
  signIn,
  startApp,
  watchPage,
  wcagViolations,
} from './support.ts';

// A reviewer reads the evidence behind a finding: the rows of the file it cites, before the data is bought,
// and only those, personal data masked ("[email]"); the contributor reads every finding's rows of their own
// file on their submission page, as they are.

const operator = { email: 'ops@evidence.test', password: 'operator-password-1' };
const reviewer = { name: 'Eve Evidence', email: 'eve@evidence.test', password: 'reviewer-password-1' };
const contributor = { name: 'Dan Dates', email: 'dan@evidence.test', password: 'contributor-password-1' };

let app: RunningApp;
let browser: Browser;
let page: Page;
let problems: string[];
let versionId: string;
let submissionId: string;
let danCookie: string;
let reviewerApi: Api;
let repeatedVersionId: string;

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  const { requestId, reviewer: api } = await organisationWithRequest(
    app.url,
    operator,
    reviewer,
    ticketsRequest({ title: 'Dated tickets', minRows: 5 }),
  );
  reviewerApi = api;
  const dan = await authenticate(app.url, 'sign-up/email', contributor);
  danCookie = dan.cookie;
  ({ versionId, submissionId } = await submitCsv(app.url, dan, {
    requestId,
    manifest: { ...GOOD_MANIFEST, title: 'Tickets, some undated' },
    csv: UNDATED_CSV,
    states: ['in_review'],
  }));
  // Rows 41 and 42 repeat rows 3 and 8; row 43 is row 9 in capitals.
  const repeated = UNDATED_CSV.replace(/\n$/, '').split('\n');
  repeated.push(repeated[3]!, repeated[8]!, repeated[9]!.toUpperCase().replace('LOW', 'low'));
  ({ versionId: repeatedVersionId } = await submitCsv(app.url, dan, {
    requestId,
    manifest: { ...GOOD_MANIFEST, title: 'Tickets, some twice' },
    csv: `${repeated.join('\n')}\n`,
    states: ['in_review'],
  }));
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

it('shows the rows a finding cites in a dialog, its column marked, personal data masked', async () => {
  await page.goto(`${app.url}/review/versions/${versionId}`);
  const notDates = page.locator('[data-testid=finding][data-code="structure.type-mismatch"]');
  await notDates.waitFor();
  await notDates.getByRole('button', { name: 'Show the 3 rows' }).click();

  const dialog = page.getByRole('dialog');
  const table = dialog.getByTestId('finding-rows');
  await table.waitFor();
  expect(await dialog.getByText('The 3 rows it is about.').count()).toBe(1);
  const rows = table.locator('tbody tr');
  expect(
    await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLTableRowElement).cells[0]!.textContent)),
  ).toEqual(['5', '12', '30']);
  expect(
    await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLTableRowElement).cells[3]!.textContent)),
  ).toEqual(['soon', 'soon', 'soon']);
  // The column the finding is about is the one set in bold; the others are not.
  const weights = await rows
    .first()
    .evaluate((tr) =>
      Array.from((tr as HTMLTableRowElement).cells, (cell) => getComputedStyle(cell).fontWeight),
    );
  expect(weights.slice(1)).toEqual(['400', '400', '600']);
  await screenshot(page, 'review-finding-rows');
  expect((await wcagViolations(page)).filter(isBlocking)).toEqual([]);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // Personal data: where it is, not what it is, in the finding's rows and in the sample.
  const personal = page.locator('[data-testid=finding][data-code="structure.personal-data-undeclared"]');
  await personal.getByRole('button', { name: 'Show row 20' }).click();
  const masked = page.getByRole('dialog').getByTestId('finding-rows');
  await masked.waitFor();
  expect(await masked.locator('tbody tr').allInnerTexts()).toEqual([
    expect.stringMatching(/^20\s+Write to \[email\] about it\s+high\s+2025-03-02$/),
  ]);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  expect(await page.getByTestId('sample-rows').textContent()).toContain('Write to [email] about it');
  expect(await page.content()).not.toContain('jane.doe@example.com');
  expect(problems).toEqual([]);
});

it("shows the contributor the rows of their own file behind a finding of the score of record, personal data's too", async () => {
  const own = await sessionPage(browser, app.url, danCookie);
  const ownProblems = watchPage(own);
  await own.goto(`${app.url}/submissions/${submissionId}`);
  const personal = own.locator('[data-testid=finding][data-code="structure.personal-data-undeclared"]');
  await personal.getByRole('button', { name: 'Show row 20' }).click();
  const table = own.getByRole('dialog').getByTestId('finding-rows');
  await table.waitFor();
  expect(await table.locator('tbody tr').allInnerTexts()).toEqual([
    expect.stringMatching(/^20\s+Write to jane\.doe@example\.com about it\s+high\s+2025-03-02$/),
  ]);
  await own.keyboard.press('Escape');
  // Their own file, named and counted, downloads as it was sent.
  const file = own.getByTestId('version-file');
  expect(await file.textContent()).toBe('Data file: tickets.csv · 40 rows · Download it');
  const [download] = await Promise.all([
    own.waitForEvent('download'),
    file.getByRole('link', { name: 'Download it' }).click(),
  ]);
  expect(readFileSync(await download.path(), 'utf8')).toBe(UNDATED_CSV);
  expect(ownProblems).toEqual([]);
  await own.context().close();
});

it('shows each repeated row beside the earlier row it repeats', async () => {
  await page.goto(`${app.url}/review/versions/${repeatedVersionId}`);
  const duplicates = page.locator('[data-testid=finding][data-code="structure.duplicate-rows"]');
  await duplicates.getByRole('button', { name: 'Show the 2 rows' }).click();
  const dialog = page.getByRole('dialog');
  const table = dialog.getByTestId('finding-rows');
  await table.waitFor();
  expect(
    await dialog.getByText('The 2 rows it is about. Each is shown with the earlier row it repeats.').count(),
  ).toBe(1);
  const cells = await table
    .locator('tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells, (cell) => cell.textContent).slice(0, 3)),
    );
  // Each earlier row above the rows that repeat it; the earlier row's note is blank.
  expect(cells).toEqual([
    ['Row', 'Repeats', 'text'],
    ['3', '', 'Ticket 3 about the invoice'],
    ['41', 'row 3', 'Ticket 3 about the invoice'],
    ['8', '', 'Ticket 8 about the invoice'],
    ['42', 'row 8', 'Ticket 8 about the invoice'],
  ]);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  const near = page.locator('[data-testid=finding][data-code="structure.near-duplicate-rows"]');
  await near.getByRole('button', { name: 'Show row 43' }).click();
  const nearTable = page.getByRole('dialog').getByTestId('finding-rows');
  await nearTable.waitFor();
  expect(await nearTable.locator('thead').textContent()).toContain('Like');
  expect(await nearTable.locator('tbody tr').allInnerTexts()).toEqual([
    expect.stringMatching(/^9\s+Ticket 9 about the invoice/),
    expect.stringMatching(/^43\s+row 9\s+TICKET 9 ABOUT THE INVOICE/),
  ]);
  await page.keyboard.press('Escape');
  expect(problems).toEqual([]);
});

it('a decision made elsewhere while the page was open is shown in place of the form, and says the other was not sent', async () => {
  await page.goto(`${app.url}/review/versions/${versionId}`);
  const panel = page.getByTestId('decision-panel');
  await panel.waitFor();
  // The same reviewer, in another tab (through the API), rejects it first.
  await reviewerApi.review.decide.mutate({
    versionId,
    decision: 'reject',
    reasonCodes: ['structure.schema-mismatch'],
    comment: 'The created column is not a date in three rows.',
    timeSpentMs: 1000,
  });
  await panel.getByRole('radio', { name: /^Accept/ }).check();
  await panel.getByRole('checkbox').first().check();
  await page.getByLabel('Comment to the contributor').fill('Looks good to me.');
  await panel.getByRole('button', { name: 'Accept' }).click();
  const decided = page.getByTestId('decided');
  await decided.getByTestId('overtaken').waitFor();
  expect(await decided.getByTestId('overtaken').textContent()).toMatch(
    /^You had decided this version already \(in another tab, or by a click whose answer did not arrive\); this decision was not sent\. Your comment was: “Looks good to me\.”$/,
  );
  expect(await decided.textContent()).toContain('The created column is not a date in three rows.');
  expect(await page.getByTestId('decision-panel').count()).toBe(0);
  // The 409 is the answer the page acted on, not a fault.
  expect(problems.filter((problem) => !problem.includes('409'))).toEqual([]);
});

// The decision reached the server, but its answer never reached the page ("No connection"); sent again, it
// was refused as decided "by another reviewer, or by you in another tab". It was this very decision.
it('a decision sent again after its answer was lost is known as recorded, and the page moves on', async () => {
  await page.goto(`${app.url}/review/versions/${repeatedVersionId}`);
  const panel = page.getByTestId('decision-panel');
  await panel.waitFor();
  let isLost = true;
  await page.route('**/api/trpc/review.decide**', async (route) => {
    if (!isLost) return route.continue();
    isLost = false;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.locator('body').press('r');
  await panel.getByRole('checkbox', { name: 'Too many duplicate rows' }).check();
  await page.getByLabel('Comment to the contributor').fill('Rows 41 to 43 repeat earlier rows.');
  await panel.getByRole('button', { name: 'Reject', exact: true }).click();
  await panel
    .getByText(/cannot be reached|connection/i)
    .first()
    .waitFor();
  await panel.getByRole('button', { name: 'Reject', exact: true }).click();
  await page.getByText(/^Rejected “Tickets, some twice” v1\./).waitFor();
  expect(await page.getByTestId('overtaken').count()).toBe(0);
  const item = await reviewerApi.review.byId.query({ versionId: repeatedVersionId });
  expect(item.review).toMatchObject({ decision: 'reject', comment: 'Rows 41 to 43 repeat earlier rows.' });
  await page.unroute('**/api/trpc/review.decide**');
  // The lost answer and the 409 are what the page acted on, not faults.
  expect(problems.filter((problem) => !/409|Failed to fetch|ERR_CONNECTION_RESET/.test(problem))).toEqual([]);
});
