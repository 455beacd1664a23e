import type { DraftManifest, Manifest } from '@assay/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GOOD_MANIFEST } from '../../server/test/support/datasets.ts';
import { TASK_LABELS } from '../src/lib/option-labels.ts';
import {
  type Api,
  authenticate,
  draftCsv,
  organisationWithRequest,
  submitCsv,
  ticketsRequest,
} from './api.ts';
import {
  attachFile,
  choose,
  createOperator,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  sessionPage,
  signIn,
  startApp,
  startDraft,
  watchPage,
} from './support.ts';

// What the wizard makes of a file's labels. Classes were proposed from the preview's first 50 rows, so a
// label first seen in row 61 was never declared, and the pre-score's "Go to “Label classes”" opened the
// Datasheet, which cannot add a class. A regression had no way to say which column it predicts. A file
// of `health|politics` labels became single-label classification, each combination a class.

let app: RunningApp;
let browser: Browser;
let contributorApi: { api: Api; cookie: string };

const operator = { email: 'ops@labels.test', password: 'operator-password-1' };
const reviewer = { name: 'Rhea Reviewer', email: 'rhea@labels.test', password: 'reviewer-password-1' };
const contributor = { name: 'Lea Labels', email: 'lea@labels.test', password: 'labels-password-1' };

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  browser = await launchBrowser();
  contributorApi = await authenticate(app.url, 'sign-up/email', contributor);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function newPage(who: { email: string; password: string } = contributor) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(30_000);
  const problems = watchPage(page);
  await signIn(page, app.url, who);
  return { page, problems };
}

/** 60 rows labelled `low`, then 60 `high`: the first 50 rows show only `low`. */
const LOW_THEN_HIGH = [
  'text,label',
  ...Array.from({ length: 120 }, (_, i) => `message ${i + 1},${i < 60 ? 'low' : 'high'}`),
].join('\n');

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** The manifest the server holds for a submission's draft. */
/** Long enough for the autosave (800 ms after the last change) and its request, on a busy machine. */
const SAVED = { timeout: 15_000, interval: 250 };

/**
 * The draft's manifest as the server holds it. Tests poll it: "Saved" on the page can still be the save
 * before a change whose autosave has not started yet (CI read the classes before a removal).
 */
async function savedManifest(submissionId: string): Promise<DraftManifest> {
  const { versions } = await contributorApi.api.submission.byId.query({ id: submissionId });
  return versions.at(-1)?.manifest as DraftManifest;
}

it('proposes the classes of the whole file, not of its first 50 rows', async () => {
  const { page, problems } = await newPage();
  const url = await startDraft(page, app.url, 'Low then high');
  await attachFile(page, { name: 'low-high.csv', mimeType: 'text/csv', buffer: Buffer.from(LOW_THEN_HIGH) });
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  const classes = page.getByTestId('label-classes');
  // Polled: under load the count may be read again (a saved change starts a new run) before it settles.
  const isWholeFileCounted = async () => {
    const text = (await classes.textContent()) ?? '';
    return ['(whole file)', 'low: 60', 'high: 60'].every((part) => text.includes(part));
  };
  await expect.poll(isWholeFileCounted, { timeout: 30_000 }).toBe(true);
  expect(await page.getByTestId('undeclared-classes').count()).toBe(0);
  const submissionId = /submissions\/([\w-]+)\/edit/.exec(url)?.[1] ?? '';
  await expect
    .poll(async () => (await savedManifest(submissionId)).label?.classes?.map((c) => c.name), SAVED)
    .toEqual(['low', 'high']);
  // The pre-score has no label outside the classes.
  await page.getByRole('button', { name: 'Next: Datasheet' }).click();
  await page.getByRole('button', { name: 'Next: Pre-score' }).click();
  await page.getByTestId('report').waitFor();
  expect(await page.locator('[data-code="structure.label-outside-schema"]').count()).toBe(0);
  expect(problems).toEqual([]);
  await page.close();
});

// The upload's end refreshes the draft, and the wizard made the file's source (what the Preview's count of
// the whole file's labels reads) again from the refreshed draft: the count started over for the same file,
// "counting the whole file…" again after "(whole file)". The upload is held here until the count is done.
it("keeps the whole file's label count when the file's upload ends and the draft is read again", async () => {
  const { page, problems } = await newPage();
  await startDraft(page, app.url, 'Counted once');
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/files/versions/**', async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    await released;
    await route.continue();
  });
  // Each text the classes' heading shows, in order, from before the file is dropped.
  await page.evaluate(`(() => {
    const seen = [];
    window.__headings = seen;
    new MutationObserver(() => {
      const text = document.getElementById('label-classes')?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({
      name: 'counted-once.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(LOW_THEN_HIGH),
    });
  await page.getByTestId('upload-status').filter({ hasText: 'Uploading' }).waitFor();
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  const classes = page.getByTestId('label-classes');
  await classes.getByText('(whole file)').waitFor();

  // The draft read again once the upload is in, holding the file.
  const refreshed = page.waitForResponse(
    async (response) =>
      response.url().includes('/api/trpc/submission.byId') &&
      (await response.text()).includes('counted-once.csv'),
  );
  release();
  await (await refreshed).finished();
  // To the Datasheet and back: the page has shown the draft as read again by the time the Preview is back.
  await page.getByRole('button', { name: 'Next: Datasheet' }).click();
  await page.getByText('Geography').first().waitFor();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await classes.waitFor();

  const headings = (await page.evaluate('window.__headings')) as string[];
  const counted = headings.findIndex((text) => text.includes('(whole file)'));
  expect(counted, headings.join(' | ')).toBeGreaterThanOrEqual(0);
  expect(headings.slice(counted), headings.join(' | ')).toEqual(['Classes of “label” (whole file)']);
  expect(await classes.textContent()).toContain('high: 60');
  expect(problems).toEqual([]);
  await page.close();
});

it("a finding's link about the classes lands on the Preview's control that fixes it, focused", async () => {
  const { submissionId } = await draftCsv(app.url, contributorApi, {
    manifest: {
      title: 'Declared before',
      task: 'classification',
      columns: [
        { name: 'text', type: 'string' },
        { name: 'label', type: 'category' },
      ],
      label: { column: 'label', classes: [{ name: 'low' }, { name: 'medium' }] },
    },
    csv: LOW_THEN_HIGH,
  });
  const { page, problems } = await newPage();
  await page.goto(`${app.url}/submissions/${submissionId}/edit?step=pre-score`);
  const outside = page.locator('[data-code="structure.label-outside-schema"]');
  await outside.getByText('The label "high" is not one of the declared classes').waitFor();
  await outside.getByRole('button', { name: 'Go to “Label classes”' }).click();
  await page.waitForURL(/step=preview/);
  await page.getByRole('button', { name: 'Declare them as classes' }).waitFor();
  await expect.poll(() => focusedId(page), { timeout: 15_000 }).toBe('label-classes-declare');
  await page.keyboard.press('Enter');
  await page.getByTestId('undeclared-classes').waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Next: Datasheet' }).click();
  await page.getByRole('button', { name: 'Next: Pre-score' }).click();
  const absent = page.locator('[data-code="structure.class-imbalance"]');
  await absent.getByText('The class "medium" is declared but no row has it.').waitFor();
  await absent.getByRole('button', { name: 'Go to “Label class ‘medium’”' }).click();
  await page.waitForURL(/step=preview/);
  await expect.poll(() => focusedId(page), { timeout: 15_000 }).toBe('label-classes-remove-absent');
  await page.keyboard.press('Enter');
  await page.getByTestId('absent-classes').waitFor({ state: 'detached' });
  await expect
    .poll(async () => (await savedManifest(submissionId)).label?.classes?.map((c) => c.name), SAVED)
    .toEqual(['low', 'high']);
  expect(problems).toEqual([]);
  await page.close();
});

it('proposes multilabel classification for a file whose labels hold several', async () => {
  const csv = [
    'text,label',
    ...['health|politics', 'sport', 'health|economy', 'politics|sport', 'economy|health'].map(
      (topics, i) => `story ${i},${topics}`,
    ),
  ].join('\n');
  const { page, problems } = await newPage();
  await startDraft(page, app.url, 'Topics');
  await attachFile(page, { name: 'topics.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  expect(await page.locator('#field-task').inputValue()).toBe(TASK_LABELS['multilabel-classification']);
  const classes = page.getByTestId('label-classes');
  await classes.getByText('(whole file)').waitFor();
  expect(await classes.textContent()).toContain('health: 3');
  expect(await classes.textContent()).not.toContain('health|politics');
  expect(problems).toEqual([]);
  await page.close();
});

it('a regression names its target column, which the reviewer sees as its target', async () => {
  const csv = ['text,minutes', ...Array.from({ length: 12 }, (_, i) => `ticket ${i},${i * 3 + 1}`)].join(
    '\n',
  );
  const { page, problems } = await newPage();
  const url = await startDraft(page, app.url, 'Handling time');
  await attachFile(page, { name: 'minutes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  await choose(page, 'Task', /^Regression/);
  await choose(page, /^Target column/, 'minutes');
  const submissionId = /submissions\/([\w-]+)\/edit/.exec(url)?.[1] ?? '';
  await expect
    .poll(async () => (await savedManifest(submissionId)).label, SAVED)
    .toEqual({ column: 'minutes', classes: [] });
  expect((await savedManifest(submissionId)).task).toBe('regression');
  // The Datasheet has no classes to define for it.
  await page.getByRole('button', { name: 'Next: Datasheet' }).click();
  await page.getByText('Geography').first().waitFor();
  expect(await page.getByText('Label classes of').count()).toBe(0);

  // A target declared as text is a pre-score error whose link goes to the column's type (scorer 2.3.0).
  await page.getByRole('button', { name: 'Preview' }).first().click();
  await choose(page, 'Type of “minutes”', /^Text$/);
  await page.getByRole('button', { name: 'Pre-score' }).first().click();
  const notNumeric = page.locator('[data-testid=finding][data-code="structure.target-not-numeric"]');
  await notNumeric.waitFor({ timeout: 30_000 });
  expect(await notNumeric.textContent()).toContain(
    'The target column "minutes" is declared as text, but a regression predicts a number.',
  );
  await notNumeric.getByRole('button', { name: 'Go to “Type of ‘minutes’”' }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-columns.1.type');
  await choose(page, 'Type of “minutes”', /^Whole number$/);
  await page.getByRole('button', { name: 'Pre-score' }).first().click();
  await page.getByTestId('report').waitFor({ timeout: 30_000 });
  await expect.poll(() => notNumeric.count(), { timeout: 30_000 }).toBe(0);
  expect(problems).toEqual([]);
  await page.close();

  // A reviewer of a regression request reads the target on the datasheet.
  const { requestId } = await organisationWithRequest(
    app.url,
    operator,
    reviewer,
    ticketsRequest({
      title: 'Handling times',
      task: 'regression',
      requiredColumns: [{ name: 'text', type: 'string' }],
      labelSet: [],
    }),
  );
  const regression: Manifest = {
    ...GOOD_MANIFEST,
    title: 'Handling time per ticket',
    task: 'regression',
    columns: [
      { name: 'text', type: 'string', description: 'Ticket body' },
      { name: 'minutes', type: 'integer', description: 'Minutes to close the ticket' },
    ],
    label: { column: 'minutes', classes: [] },
  };
  const { versionId } = await submitCsv(app.url, contributorApi, {
    requestId,
    manifest: regression,
    csv,
    states: ['in_review'],
  });
  const review = await newPage(reviewer);
  await review.page.goto(`${app.url}/review/versions/${versionId}`);
  const target = review.page.getByTestId('label-target');
  await target.waitFor();
  expect(await target.textContent()).toBe('Target: minutes');
  expect(await review.page.getByText('Labels (minutes)').count()).toBe(0);
  expect(review.problems).toEqual([]);
  await review.page.close();
});

// The request's label set showed first at the Pre-score, as an error, after every class was defined.
it("the Preview says which classes the request asks for, and how the file's differ", async () => {
  const { requestId } = await organisationWithRequest(
    app.url,
    operator,
    { name: 'Ravi Requests', email: 'ravi@labels.test', password: 'reviewer-password-2' },
    ticketsRequest({ title: 'Tickets, high or low', labelSet: ['high', 'low'] }),
  );
  const { submissionId } = await draftCsv(app.url, contributorApi, {
    requestId,
    manifest: {
      title: 'Urgent or low',
      task: 'classification',
      columns: [
        { name: 'text', type: 'string' },
        { name: 'urgency', type: 'category' },
      ],
      label: { column: 'urgency', classes: [{ name: 'urgent' }, { name: 'low' }] },
    },
    csv: [
      'text,urgency',
      ...Array.from({ length: 8 }, (_, i) => `ticket ${i},${i % 2 ? 'low' : 'urgent'}`),
    ].join('\n'),
  });
  // Signed in by the API's session: the sign-in form allows 10 a minute, and this file signs in often.
  const page = await sessionPage(browser, app.url, contributorApi.cookie);
  page.setDefaultTimeout(30_000);
  const problems = watchPage(page);
  await page.goto(`${app.url}/submissions/${submissionId}/edit?step=preview`);
  const requested = page.getByTestId('requested-classes');
  await expect
    .poll(() => requested.textContent(), { timeout: 30_000 })
    .toContain(
      'The request asks for the classes “high”, “low”. Not declared: “high”. Not asked for: “urgent”.',
    );
  expect(problems).toEqual([]);
  await page.context().close();
});
