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
  createOperator,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  signIn,
  startApp,
  watchPage,
} from './support.ts';

// The pre-score in the browser and the score of record on the server are the same library at the same
// version: for the same file and datasheet they must say the same. QA found a pre-score of 43 against a
// record of 53 once other contributors' data had been accepted, which the browser cannot see.

const operator = { email: 'ops@parity.test', password: 'operator-password-1' };
const reviewer = { name: 'Rita Record', email: 'rita@parity.test', password: 'reviewer-password-1' };
const first = { name: 'Fay First', email: 'fay@parity.test', password: 'contributor-password-1' };
const second = { name: 'Sam Second', email: 'sam@parity.test', password: 'contributor-password-1' };

let app: RunningApp;
let browser: Browser;
let page: Page;
let problems: string[];
let rita: Api;
let requestId: string;

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  ({ reviewer: rita, requestId } = await organisationWithRequest(
    app.url,
    operator,
    reviewer,
    ticketsRequest({ title: 'Tickets, scored alike' }),
  ));
  // Someone else's data is accepted: from now on, the record compares new files with it.
  const fay = await authenticate(app.url, 'sign-up/email', first);
  const accepted = await submitCsv(app.url, fay, {
    requestId,
    manifest: GOOD_MANIFEST,
    csv: GOOD_CSV,
    states: ['in_review'],
  });
  await rita.review.decide.mutate({
    versionId: accepted.versionId,
    decision: 'accept',
    reasonCodes: ['accept.meets-requirements'],
    comment: 'Just what we asked for.',
    timeSpentMs: 5_000,
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(30_000);
  problems = watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The overall and per-dimension scores the report on the page shows. */
async function shownScores(): Promise<string[]> {
  const report = page.getByTestId('report');
  const scores = [await report.getByTestId('overall-score').textContent()];
  for (const dimension of ['structure', 'context', 'provenance']) {
    scores.push(await report.getByTestId(`dimension-${dimension}`).locator('p').nth(1).textContent());
  }
  return scores.map((score) => score?.trim() ?? '');
}

it('shows the same scores before upload as the score of record, with others’ data accepted', async () => {
  const sam = await authenticate(app.url, 'sign-up/email', second);
  // Tickets of Sam's own, and no licence: provenance has a rule failing, so every rule's weight shows.
  const { submissionId, versionId } = await draftCsv(app.url, sam, {
    requestId,
    manifest: { ...GOOD_MANIFEST, provenance: { ...GOOD_MANIFEST.provenance, license: null } },
    csv: GOOD_CSV.replaceAll('Ticket ', 'Request '),
  });
  await signIn(page, app.url, second);
  await page.goto(`${app.url}/submissions/${submissionId}/edit?step=pre-score`);
  await page.getByTestId('report').getByTestId('overall-score').waitFor({ timeout: 60_000 });
  const preScore = await shownScores();

  await sam.api.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
  await page.goto(`${app.url}/submissions/${submissionId}`);
  await page.getByRole('heading', { name: 'Score of record' }).waitFor({ timeout: 60_000 });
  const record = await shownScores();
  expect(preScore).toEqual(record);
  expect(Number(record[3])).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

it('reads a CSV that Excel wrote with semicolons and decimal commas alike before upload and on record', async () => {
  const sam = await authenticate(app.url, 'sign-in/email', second);
  // As Excel writes CSV where the comma is the decimal separator (scorer 2.6.0 reads it; it was one column).
  const csv = GOOD_CSV.split('\n')
    .map((line, i) => `${line.replaceAll(',', ';')};${i === 0 ? 'minutes' : `${i},5`}`)
    .join('\r\n');
  const { submissionId, versionId } = await draftCsv(app.url, sam, {
    requestId,
    manifest: {
      ...GOOD_MANIFEST,
      columns: [
        ...GOOD_MANIFEST.columns,
        { name: 'minutes', type: 'number', description: 'Minutes until the first answer', unit: 'minutes' },
      ],
    },
    csv: csv.replaceAll('Ticket ', 'Anfrage '),
  });
  await page.goto(`${app.url}/submissions/${submissionId}/edit?step=pre-score`);
  const report = page.getByTestId('report');
  await report.getByTestId('overall-score').waitFor({ timeout: 60_000 });
  const said =
    'separates its values with semicolons (;), as Excel writes CSV where the comma is the decimal separator. It was read that way. 60 numbers written with a decimal comma (such as 3,5) were read as numbers too.';
  await report.getByText(said).waitFor();
  const reportText = await report.textContent();
  for (const wrong of ['Unexpected separator', 'not of the declared type', 'not in the file'])
    expect(reportText).not.toContain(wrong);
  const preScore = await shownScores();

  await sam.api.submission.submit.mutate({ versionId, idempotencyKey: `k-${versionId}` });
  await page.goto(`${app.url}/submissions/${submissionId}`);
  await page.getByRole('heading', { name: 'Score of record' }).waitFor({ timeout: 60_000 });
  await report.getByText(said).waitFor();
  expect(await shownScores()).toEqual(preScore);
  expect(problems).toEqual([]);
});
