import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from '../../server/test/support/datasets.ts';
import { type Api, authenticate, organisationWithRequest, submitCsv, ticketsRequest } from './api.ts';
import {
  attachFile,
  createOperator,
  freshDataDir,
  isBlocking,
  launchBrowser,
  type RunningApp,
  screenshot,
  sessionPage,
  startApp,
  watchPage,
  wcagViolations,
} from './support.ts';

// A contributor answers a reviewer's request for changes in a new version: the wizard shows what the
// reviewer asked, above every step, and each reason leads to where it is answered.

const operator = { email: 'ops@feedback.test', password: 'operator-password-1' };
const reviewer = { name: 'Rhea Reviewer', email: 'rhea@feedback.test', password: 'reviewer-password-1' };
const contributor = {
  name: 'Cleo Contributor',
  email: 'cleo@feedback.test',
  password: 'contributor-password-1',
};
const COMMENT = 'The licence must allow commercial use.\nAlso, several rows repeat: please remove them.';

let app: RunningApp;
let browser: Browser;
let page: Page;
let problems: string[];
let submissionId: string;
let cleo: { api: Api; cookie: string };
let requestId: string;

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  const made = await organisationWithRequest(
    app.url,
    operator,
    reviewer,
    ticketsRequest({ title: 'Tickets to answer', minRows: 5 }),
  );
  const rhea = made.reviewer;
  requestId = made.requestId;
  cleo = await authenticate(app.url, 'sign-up/email', contributor);
  const submitted = await submitCsv(app.url, cleo, {
    requestId,
    manifest: { ...GOOD_MANIFEST, title: 'Tickets with feedback' },
    csv: GOOD_CSV,
    states: ['in_review'],
  });
  submissionId = submitted.submissionId;
  await rhea.review.decide.mutate({
    versionId: submitted.versionId,
    decision: 'request_changes',
    reasonCodes: ['provenance.license', 'structure.duplicates'],
    comment: COMMENT,
    timeSpentMs: 1_000,
  });
  browser = await launchBrowser();
  page = await sessionPage(browser, app.url, cleo.cookie);
  page.setDefaultTimeout(20_000);
  problems = watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it("shows the reviewer's reasons and comment in the new version's wizard, each reason linked to where it is answered", async () => {
  await page.goto(`${app.url}/submissions/${submissionId}`);
  await page.getByRole('button', { name: 'Start a new version from this feedback' }).click();
  await page.waitForURL(/\/edit/);

  const feedback = page.getByRole('region', { name: 'The reviewer asked for changes to version 1' });
  await feedback.waitFor();
  expect(await feedback.getByTestId('feedback-comment').textContent()).toBe(`“${COMMENT}”`);
  expect((await feedback.getByRole('listitem').allTextContents()).map((text) => text.trim())).toEqual([
    'Licence missing or does not permit our use · Go to “Licence (SPDX identifier)”',
    'Too many duplicate rows · Go to the File step',
  ]);

  await screenshot(page, 'wizard-reviewer-feedback');
  // Readable to everyone: no serious WCAG 2.1 A/AA violation (contrast of the links, names, the region).
  expect((await wcagViolations(page)).filter(isBlocking)).toEqual([]);

  // A field's reason focuses the field, on its step.
  await feedback.getByRole('button', { name: 'Go to “Licence (SPDX identifier)”' }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-provenance.license');
  expect(new URL(page.url()).searchParams.get('step')).toBe('datasheet');
  // Focused, the licence's list stays closed, as every other field's does (it covered the form); the arrow
  // key opens it.
  await page.waitForTimeout(300);
  expect(await page.getByRole('listbox').count()).toBe(0);
  await page.keyboard.press('ArrowDown');
  await page.getByRole('listbox').waitFor();
  // A search lists the licence whose id it is first ("MIT" listed "AML — Apple MIT License" first).
  await page.locator('[id="field-provenance.license"]').fill('MIT');
  await expect
    .poll(() => page.getByRole('listbox').getByRole('option').first().textContent())
    .toMatch(/^MIT — MIT License/);
  await page.keyboard.press('Escape');

  // A reason answered by another file opens the File step; the feedback stays above it.
  await feedback.getByRole('button', { name: 'Go to the File step' }).click();
  await page.getByTestId('dropzone').waitFor();
  expect(new URL(page.url()).searchParams.get('step')).toBe('file');
  // The step itself takes the focus (on a phone the feedback fills the screen: a changed address alone
  // looked like nothing happened), also when it is the step on screen already.
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wizard-step');
  await page.getByRole('button', { name: 'Next: Preview' }).focus();
  await feedback.getByRole('button', { name: 'Go to the File step' }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wizard-step');
  expect(await feedback.isVisible()).toBe(true);

  // The new version starts with version 1's attestation, signed for version 1's file: a new file takes it
  // back, and the Datasheet asks for it again.
  const attestation = page.locator('[id="field-provenance.attestation"]');
  await page.getByRole('button', { name: 'Datasheet' }).first().click();
  await expect.poll(() => attestation.isChecked()).toBe(true);
  await page.getByRole('button', { name: 'File' }).first().click();
  await page.getByTestId('dropzone').waitFor();
  await attachFile(page, {
    name: 'tickets-v2.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${GOOD_CSV.trim()}\n"A new ticket for version 2",low,2025-04-02\n`),
  });
  expect(await page.getByTestId('attestation-withdrawn').textContent()).toBe(
    'Your attestation was for the file before: sign it again for this one on the Datasheet.',
  );
  await page.getByRole('button', { name: 'Datasheet' }).first().click();
  await expect.poll(() => attestation.isChecked()).toBe(false);
  // As the server holds the draft, once the autosave is through ("Saved" may be the save before the change).
  const attestationSaved = async () =>
    (await cleo.api.submission.byId.query({ id: submissionId })).versions.at(-1)?.manifest.provenance
      ?.attestation ?? null;
  await expect.poll(attestationSaved, { timeout: 15_000, interval: 250 }).toBeNull();
  expect(problems).toEqual([]);
});

it('shows no feedback on a first version', async () => {
  await page.goto(`${app.url}/new`);
  await page.getByRole('textbox', { name: 'Dataset title' }).fill('A first version');
  await page.getByRole('button', { name: 'Start the draft' }).click();
  await page.waitForURL(/\/edit$/);
  await page.getByTestId('dropzone').waitFor();
  expect(await page.getByTestId('reviewer-feedback').count()).toBe(0);
  expect(problems).toEqual([]);
});

// The time spent was sent as measured: over a day, the schema refused it, and the form, which shows only the
// reasons' and the comment's errors, sent nothing and said nothing (QA pass).
it('decides from a review page left open for more than a day', async () => {
  const { submissionId: nextDay, versionId } = await submitCsv(app.url, cleo, {
    requestId,
    manifest: { ...GOOD_MANIFEST, title: 'Tickets reviewed the next day' },
    csv: GOOD_CSV,
    states: ['in_review'],
  });
  const rhea = await authenticate(app.url, 'sign-in/email', reviewer);
  const review = await sessionPage(browser, app.url, rhea.cookie);
  review.setDefaultTimeout(20_000);
  const reviewProblems = watchPage(review);
  await review.clock.install();
  await review.goto(`${app.url}/review/versions/${versionId}`);
  await review.getByRole('checkbox', { name: 'Meets our requirements' }).waitFor();
  // The next day, the reviewer picks up where they left off.
  await review.clock.fastForward('25:00:00');
  await review.getByRole('checkbox', { name: 'Meets our requirements' }).check();
  // The comment says it is needed for every decision, Accept too, before its error does.
  await review.getByText('Required for every decision: say what to fix or why it fits').waitFor();
  await review.getByRole('textbox', { name: 'Comment to the contributor' }).fill('Fits the request.');
  await review.getByRole('button', { name: 'Accept', exact: true }).click();
  const state = async () => (await cleo.api.submission.byId.query({ id: nextDay })).versions.at(-1)?.state;
  await expect.poll(state, { timeout: 15_000, interval: 250 }).toBe('accepted');
  expect(await review.getByTestId('decision-issues').count()).toBe(0);
  expect(reviewProblems).toEqual([]);
  await review.context().close();
});
