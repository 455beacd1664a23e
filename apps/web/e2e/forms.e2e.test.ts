import { setTimeout as sleep } from 'node:timers/promises';
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
  errorAt,
  field,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  sessionPage,
  signIn,
  startApp,
  watchPage,
} from './support.ts';

// Forms that must not do what the person did not ask: a double click on a button that creates something
// creates one; a number typed stays the number typed, and a value the server would refuse is named at its
// field, in words a person reads.

const operator = { email: 'ops@forms.test', password: 'operator-password-1' };
const reviewer = { name: 'Fern Forms', email: 'fern@forms.test', password: 'reviewer-password-1' };
const contributor = { name: 'Dora Double', email: 'dora@forms.test', password: 'contributor-password-1' };
const REQUEST_TITLE = 'Tickets, double-clicked';

let app: RunningApp;
let browser: Browser;
let dora: { api: Api; cookie: string };
let fern: Api;
let requestId: string;
let organisationId: string;
let scored: { submissionId: string; versionId: string };
const problems: string[][] = [];

async function newPage(who: { email: string; password: string }): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  problems.push(watchPage(page));
  await signIn(page, app.url, who);
  return page;
}

let doraPage: Page | undefined;

/**
 * A page of the contributor's, shared by the last tests (they only read the wizard), signed in with the
 * API's session cookie rather than the sign-in form: the server takes 10 sign-ins a minute, and the
 * file's earlier tests come close to that.
 */
async function contributorPage(): Promise<Page> {
  if (doraPage) return doraPage;
  doraPage = await sessionPage(browser, app.url, dora.cookie);
  doraPage.setDefaultTimeout(20_000);
  problems.push(watchPage(doraPage));
  return doraPage;
}

/** Time for a second call a double click might have sent to reach the server and be written. */
const settle = () => sleep(1_500);

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  ({
    reviewer: fern,
    requestId,
    organisationId,
  } = await organisationWithRequest(app.url, operator, reviewer, ticketsRequest({ title: REQUEST_TITLE })));
  dora = await authenticate(app.url, 'sign-up/email', contributor);
  scored = await submitCsv(app.url, dora, { manifest: GOOD_MANIFEST, csv: GOOD_CSV, states: ['scored'] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('a double click on "Start the draft" starts one draft', async () => {
  const page = await newPage(contributor);
  const before = (await dora.api.submission.list.query()).length;
  await page.goto(`${app.url}/new`);
  await field(page, 'Dataset title').fill('Double-clicked draft');
  await page.getByRole('button', { name: 'Start the draft' }).dblclick();
  await page.waitForURL(/\/submissions\/[\w-]+\/edit$/);
  await settle();
  expect((await dora.api.submission.list.query()).length).toBe(before + 1);
  expect(problems.flat()).toEqual([]);
});

it('a double click on "Start a draft for it" offers the data once', async () => {
  const page = await newPage(contributor);
  const forRequest = async () =>
    (await dora.api.submission.list.query()).filter((s) => s.requestId === requestId).length;
  const before = await forRequest();
  await page.goto(`${app.url}/submissions/${scored.submissionId}`);
  await page.getByRole('button', { name: 'Offer to a data request' }).click();
  await choose(page, 'Data request', new RegExp(`^${REQUEST_TITLE} · `));
  await page.getByTestId('offer-to-request').getByRole('button', { name: 'Start a draft for it' }).dblclick();
  await page.waitForURL(/\/submissions\/[\w-]+\/edit$/);
  await settle();
  expect(await forRequest()).toBe(before + 1);
  expect(problems.flat()).toEqual([]);
});

it('a double click on "Post the request" posts one request', async () => {
  const page = await newPage(reviewer);
  await page.goto(`${app.url}/review/requests/new`);
  await field(page, 'Title').fill('Posted once');
  await page.getByRole('button', { name: 'Post the request' }).dblclick();
  await page.getByTestId('requests').getByText('Posted once').waitFor();
  await settle();
  const own = await fern.request.list.query({ isOwnOnly: true, status: 'all', limit: 200, offset: 0 });
  expect(own.filter((request) => request.title === 'Posted once')).toHaveLength(1);
  expect(problems.flat()).toEqual([]);
});

it('the request form keeps the numbers typed and names what is wrong at each field', async () => {
  const page = await newPage(reviewer);
  await page.goto(`${app.url}/review/requests/new`);
  await field(page, 'Title').fill('T'.repeat(201));
  await field(page, 'Budget (€)').fill('100000000000000000000');
  await field(page, 'Reward per accepted submission (€)').fill('-5');
  await field(page, 'Minimum rows').fill('-3');
  await field(page, 'Deadline (YYYY-MM-DD)').fill('2027-13-45');
  await page.keyboard.press('Tab');
  // Negative numbers stay as typed (no clamping to 0 on blur).
  expect(await field(page, 'Reward per accepted submission (€)').inputValue()).toBe('-5');
  expect(await field(page, 'Minimum rows').inputValue()).toBe('-3');
  await page.getByRole('button', { name: 'Post the request' }).click();
  expect(await errorAt(page, 'Title')).toBe('Keep the title to at most 200 characters');
  expect(await errorAt(page, 'Budget (€)')).toBe('Enter a budget of at most €10,000,000.00');
  expect(await errorAt(page, 'Reward per accepted submission (€)')).toBe('The reward cannot be negative');
  expect(await errorAt(page, 'Minimum rows')).toBe('The minimum number of rows cannot be negative');
  expect(await errorAt(page, 'Deadline (YYYY-MM-DD)')).toBe('There is no day 2027-13-45: check the date');
  // A date written out stays as typed, whole (it was cut to 10 characters), beside what to write instead.
  await field(page, 'Deadline (YYYY-MM-DD)').fill('31 December 2027');
  expect(await field(page, 'Deadline (YYYY-MM-DD)').inputValue()).toBe('31 December 2027');
  expect(await errorAt(page, 'Deadline (YYYY-MM-DD)')).toBe('Enter the deadline as a date: YYYY-MM-DD');

  // A reward no budget can pay is refused at the reward; a past deadline at the deadline, until changed.
  await field(page, 'Title').fill('Reward over budget');
  await field(page, 'Budget (€)').fill('10');
  await field(page, 'Reward per accepted submission (€)').fill('15');
  // Said beside another field's message, not only once every other field is right.
  expect(await errorAt(page, 'Minimum rows')).toBe('The minimum number of rows cannot be negative');
  expect(await errorAt(page, 'Reward per accepted submission (€)')).toBe(
    'The reward (€15.00) is more than the whole budget (€10.00): lower the reward or raise the budget',
  );
  await field(page, 'Minimum rows').fill('0');
  await field(page, 'Deadline (YYYY-MM-DD)').fill('2020-01-01');
  expect(await errorAt(page, 'Reward per accepted submission (€)')).toBe(
    'The reward (€15.00) is more than the whole budget (€10.00): lower the reward or raise the budget',
  );
  expect(await errorAt(page, 'Deadline (YYYY-MM-DD)')).toBe(
    'The deadline 2020-01-01 has already passed: choose a later date',
  );
  for (const label of ['Title', 'Budget (€)', 'Minimum rows']) expect(await errorAt(page, label)).toBe('');
  await field(page, 'Reward per accepted submission (€)').fill('0');
  await field(page, 'Deadline (YYYY-MM-DD)').fill('2099-01-01');
  expect(await errorAt(page, 'Reward per accepted submission (€)')).toBe('');
  expect(await errorAt(page, 'Deadline (YYYY-MM-DD)')).toBe('');
  await page.getByRole('button', { name: 'Post the request' }).click();
  await page.getByTestId('requests').getByText('Reward over budget').waitFor();
  expect(problems.flat()).toEqual([]);
});

it('a new request form posted untouched asks for a title, one no contributor could meet is named at its fields, and neither posts', async () => {
  const page = await newPage(reviewer);
  await page.goto(`${app.url}/review/requests/new`);
  const title = field(page, 'Title');
  expect(await title.inputValue()).toBe('');
  expect(await title.getAttribute('placeholder')).toMatch(/^e\.g\. /);
  const before = await fern.request.list.query({ status: 'all' });
  await page.getByRole('button', { name: 'Post the request' }).click();
  expect(await errorAt(page, 'Title')).toBe('Give the request a title of at least 3 characters');
  expect(page.url()).toBe(`${app.url}/review/requests/new`);
  expect(await fern.request.list.query({ status: 'all' })).toEqual(before);

  // A request no contributor could meet: a licence id SPDX does not know, a column asked for twice. (On this
  // page: another sign-in would pass the sign-in rate limit of this file's tests.)
  await field(page, 'Title').fill('Impossible to meet');
  const licences = field(page, 'Accepted licences (SPDX ids)');
  // Suggestions rank the id typed first, whatever its case.
  await licences.fill('mit');
  await expect.poll(() => page.getByRole('option').first().textContent()).toBe('MIT');
  await licences.fill('NOT-A-LICENCE');
  await licences.press('Enter');
  const columns = field(page, 'Required columns');
  for (const tag of ['text:string', 'text:category']) {
    await columns.fill(tag);
    await columns.press('Enter');
  }
  const labels = field(page, 'Label set');
  for (const label of ['high', 'high']) {
    await labels.fill(label);
    await labels.press('Enter');
  }
  await page.getByRole('button', { name: 'Post the request' }).click();
  expect(await errorAt(page, 'Label set')).toBe('Label “high” is listed twice');
  expect(await errorAt(page, 'Accepted licences (SPDX ids)')).toBe(
    '“NOT-A-LICENCE” is not an SPDX licence id: use one from spdx.org/licenses, such as CC-BY-4.0 or MIT',
  );
  expect(await errorAt(page, 'Required columns')).toBe(
    'Column “text” is listed twice: a file has one column of a name, of one type',
  );
  expect(await errorAt(page, 'Title')).toBe('');
  expect(page.url()).toBe(`${app.url}/review/requests/new`);
  expect(await fern.request.list.query({ status: 'all' })).toEqual(before);
  expect(problems.flat()).toEqual([]);
});

it('a session that ends while typing shows sign-in where the person was, and what they typed is saved after', async () => {
  const page = await newPage(contributor);
  const pageProblems = problems.at(-1)!;
  const draft = await draftCsv(app.url, dora, {
    manifest: { title: 'Typed while signed out' },
    csv: GOOD_CSV,
  });
  const wizardUrl = `${app.url}/submissions/${draft.submissionId}/edit?step=datasheet`;
  await page.goto(wizardUrl);
  await field(page, 'Description').waitFor();
  await page.context().clearCookies(); // the session ends (expired, or signed out in another tab)
  await field(page, 'Description').fill('Written after the session ended');
  // The autosave is refused: the app reads the session again and asks to sign in, on the same page.
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 30_000 });
  expect(page.url()).toBe(wizardUrl);
  expect(await page.getByTestId('whoami').textContent()).not.toContain(contributor.email);
  await page.getByText('Sign in', { exact: true }).first().click();
  await page.getByRole('textbox', { name: /^Email/ }).fill(contributor.email);
  await page.locator('input[type=password]').fill(contributor.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect
    .poll(() => field(page, 'Description').inputValue(), { timeout: 30_000 })
    .toBe('Written after the session ended');
  expect(page.url()).toBe(wizardUrl);
  await expect
    .poll(
      async () => {
        const { versions } = await dora.api.submission.byId.query({ id: draft.submissionId });
        return versions[0]!.manifest.description;
      },
      { timeout: 30_000 },
    )
    .toBe('Written after the session ended');
  // The browser logs the refused save (401); that is the one problem this page may have had.
  expect(pageProblems.filter((problem) => !/status of 401 \(Unauthorized\)/.test(problem))).toEqual([]);
  pageProblems.length = 0;
});

it('a negative or fractional threshold stays as typed, is named, and cannot be saved', async () => {
  const page = await newPage(operator);
  await page.goto(`${app.url}/operator`);
  const card = page.getByTestId('threshold-card');
  const threshold = field(page, 'Threshold');
  const save = card.getByRole('button', { name: 'Save threshold' });
  await threshold.fill('-5');
  await page.keyboard.press('Tab');
  expect(await threshold.inputValue()).toBe('-5');
  expect(await errorAt(page, 'Threshold')).toBe('Use a score from 0 to 100');
  expect(await save.isDisabled()).toBe(true);
  await threshold.fill('7.5');
  await page.keyboard.press('Tab');
  expect(await threshold.inputValue()).toBe('7.5');
  expect(await errorAt(page, 'Threshold')).toBe('Use a whole score from 0 to 100');
  expect(await save.isDisabled()).toBe(true);
  expect(problems.flat()).toEqual([]);
});

it('picking the option a select already holds keeps it, rather than emptying the field', async () => {
  const page = await contributorPage();
  const draft = await draftCsv(app.url, dora, {
    manifest: {
      title: 'Picked twice',
      provenance: { sourceType: 'self-collected', consentBasis: 'contract', license: 'CC-BY-4.0' },
    },
    csv: GOOD_CSV,
  });
  await page.goto(`${app.url}/submissions/${draft.submissionId}/edit?step=datasheet`);
  // A second pass over a filled datasheet: each select's current option picked again.
  for (const [label, option, search] of [
    ['Source', 'self-collected', undefined],
    [/^Consent basis/, 'contract', undefined],
    ['Licence (SPDX identifier)', /^CC-BY-4\.0 —/, 'CC-BY-4.0'],
  ] as const) {
    await expect.poll(() => field(page, label).inputValue(), { timeout: 15_000 }).not.toBe('');
    const before = await field(page, label).inputValue();
    await choose(page, label, option, search);
    // The same option (the searchable licence shows its id alone while it has the focus).
    expect(before.startsWith(await field(page, label).inputValue())).toBe(true);
    expect(await field(page, label).inputValue()).not.toBe('');
  }
  await expect
    .poll(
      async () => {
        const { versions } = await dora.api.submission.byId.query({ id: draft.submissionId });
        const provenance = versions[0]!.manifest.provenance;
        return [provenance?.sourceType, provenance?.consentBasis, provenance?.license];
      },
      { timeout: 15_000 },
    )
    .toEqual(['self-collected', 'contract', 'CC-BY-4.0']);
  expect(problems.flat()).toEqual([]);
});

it('a finding about a pair of fields (the period) goes to the first of them, focused', async () => {
  const page = await contributorPage();
  const draft = await draftCsv(app.url, dora, { manifest: { title: 'No period' }, csv: GOOD_CSV });
  await page.goto(`${app.url}/submissions/${draft.submissionId}/edit?step=pre-score`);
  await page.getByRole('button', { name: 'Go to “Period”' }).first().click();
  // Before, no input had the id of the pair: the page scrolled to its end and nothing had the focus.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 15_000 })
    .toBe('field-context.timeframe.start');
  expect(problems.flat()).toEqual([]);
});

it('a draft for a request that was closed cannot be sent to it: its submit button is off, and says why', async () => {
  const page = await contributorPage();
  const { id: closingId } = await fern.request.create.mutate({
    ...ticketsRequest({ title: 'Closing before the submit' }),
    organisationId,
  });
  const draft = await draftCsv(app.url, dora, {
    requestId: closingId,
    manifest: { ...GOOD_MANIFEST, title: 'Sent too late' },
    csv: GOOD_CSV,
  });
  await fern.request.close.mutate({ id: closingId });
  await page.goto(`${app.url}/submissions/${draft.submissionId}/edit?step=submit`);
  await page.getByTestId('intake-over').waitFor();
  await page.getByTestId('submit-intake-over').waitFor();
  // Before, it was on: a click only brought the server's refusal under the banner that said so already.
  await expect(page.getByRole('button', { name: 'Submit for scoring' }).isDisabled()).resolves.toBe(true);
  expect(problems.flat()).toEqual([]);
});
