import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ticketsCsv } from './fixtures.ts';
import {
  attachFile,
  choose,
  field,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  signUp,
  startApp,
  startDraft,
  waitSaved,
  watchPage,
} from './support.ts';

// The wizard's step is in its URL: the browser's Back and Forward move between steps (they used to leave
// the wizard), a reload stays on the step, and nothing typed is lost on the way. And a multilabel file's
// classes are the labels in its cells, as the scorer counts them.

let app: RunningApp;
let browser: Browser;

const contributor = { name: 'Hal History', email: 'hal@example.test', password: 'history-password-1' };

beforeAll(async () => {
  app = await startApp(freshDataDir());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** What each step shows first, to know which one is on screen. */
const ON_SCREEN = {
  file: (page: Page) => page.getByTestId('dropzone'),
  preview: (page: Page) => page.getByTestId('preview'),
  datasheet: (page: Page) => field(page, 'Geography'),
  'pre-score': (page: Page) => page.getByTestId('report'),
  submit: (page: Page) => page.getByRole('button', { name: 'Submit for scoring' }),
} as const;

type StepName = keyof typeof ON_SCREEN;

/** Waits until the wizard shows `step`, and only it, with `?step=` saying so (or no `?step=` at all). */
async function expectStep(page: Page, step: StepName, inUrl: StepName | null = step) {
  await ON_SCREEN[step](page).waitFor({ timeout: 30_000 });
  for (const other of Object.keys(ON_SCREEN) as StepName[])
    if (other !== step) expect(await ON_SCREEN[other](page).count(), `${other} is not on screen`).toBe(0);
  await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe(inUrl);
}

const historyLength = (page: Page) => page.evaluate(() => history.length);

it('Back and Forward move between steps, a reload stays on one, and typed values stay', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  const problems = watchPage(page);
  await signUp(page, app.url, contributor);
  const wizard = await startDraft(page, app.url, 'Tickets with a history');
  // Opened from elsewhere, without a step: the draft's first step, and the URL as it was linked.
  await expectStep(page, 'file', null);

  // A step the draft cannot show before it has a file: the file step, replacing the entry, not adding one.
  await page.goto(`${wizard}?step=datasheet`);
  await expectStep(page, 'file');
  const before = await historyLength(page);
  await page.goto(`${wizard}?step=no-such-step`);
  await expectStep(page, 'file');
  expect(await historyLength(page)).toBe(before + 1);

  await attachFile(page, { name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(ticketsCsv(40)) });
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  await expectStep(page, 'preview');
  await page.getByRole('button', { name: 'Next: Datasheet' }).click();
  await expectStep(page, 'datasheet');
  expect(await historyLength(page)).toBe(before + 3);
  await field(page, 'Geography').fill('Typed on the datasheet');

  // Back, Back: the preview, then the file step; Forward, Forward: the datasheet with what was typed.
  await page.goBack();
  await expectStep(page, 'preview');
  await page.goBack();
  await expectStep(page, 'file');
  await page.goForward();
  await expectStep(page, 'preview');
  await page.goForward();
  await expectStep(page, 'datasheet');
  expect(await field(page, 'Geography').inputValue()).toBe('Typed on the datasheet');

  // A reload stays on the step, with the value.
  await waitSaved(page);
  await page.reload();
  await expectStep(page, 'datasheet');
  expect(await field(page, 'Geography').inputValue()).toBe('Typed on the datasheet');

  // Clicking a step is a move like Next; the wizard's own Back button too.
  await page.getByRole('button', { name: 'Pre-score' }).first().click();
  await expectStep(page, 'pre-score');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expectStep(page, 'datasheet');
  await page.goBack();
  await expectStep(page, 'pre-score');

  // A finding's link goes to its field's step and focuses the field; Back returns to the report.
  const licence = page.locator('[data-testid=finding][data-code="provenance.license-missing"]');
  await licence.getByRole('button', { name: 'Go to “Licence (SPDX identifier)”' }).click();
  await expectStep(page, 'datasheet');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-provenance.license');
  await page.goBack();
  await expectStep(page, 'pre-score');

  // The draft's page links to the wizard without a step: it opens where the contributor was.
  await page.goto(wizard.replace(/\/edit$/, ''));
  await page.getByRole('link', { name: 'Continue editing' }).click();
  await page.waitForURL(/\/edit$/);
  await expectStep(page, 'pre-score', null);
  await page.getByRole('button', { name: 'Next: Submit' }).click();
  await expectStep(page, 'submit');
  await page.goBack();
  await expectStep(page, 'pre-score', null);
  // Back again leaves the wizard for the page that opened it.
  await page.goBack();
  await page.getByRole('link', { name: 'Continue editing' }).waitFor();
  expect(new URL(page.url()).pathname).toBe(new URL(wizard).pathname.replace(/\/edit$/, ''));

  expect(problems).toEqual([]);
  await page.close();
}, 180_000);

/** The accessible name of what has the focus: a step's region ("Step 3: Preview"), or else its tag. */
const focused = (page: Page) => () =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active?.getAttribute('aria-label') ?? `${active?.tagName}: ${active?.textContent?.slice(0, 40)}`;
  });

// A save still on its way when the contributor left the wizard for another page: back in the wizard (the
// browser's Back), the page read the draft's time from the cached draft, older than that save's, and its
// next save was refused as "This draft changed in another tab", Retry too (QA pass). It takes the newer of
// the two times it knows now: the cached draft's and the one this device kept from its last save.
it('a save that ends after the contributor left the wizard does not make the next one a conflict', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  const problems = watchPage(page);
  await signUp(page, app.url, { ...contributor, email: 'hal.back@example.test' });
  await startDraft(page, app.url, 'Tickets saved on the way out');
  await attachFile(page, { name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(ticketsCsv(20)) });
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  await page.getByRole('button', { name: 'Next: Datasheet' }).click();
  await expectStep(page, 'datasheet');
  await waitSaved(page);

  // The save's answer comes a second after the server stored it; the contributor leaves meanwhile.
  let release = () => {};
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/trpc/submission.saveManifest**', async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.fulfill({ response });
    release();
  });
  await field(page, 'Geography').fill('Ireland');
  await page.waitForRequest((request) => request.url().includes('submission.saveManifest'));
  await page.getByRole('link', { name: 'Earnings' }).click();
  await page.waitForURL(/\/earnings$/);
  await answered;
  await page.unroute('**/api/trpc/submission.saveManifest**');

  await page.goBack();
  await expectStep(page, 'datasheet');
  expect(await field(page, 'Geography').inputValue()).toBe('Ireland');
  await field(page, 'Geography').fill('Ireland and Wales');
  await waitSaved(page);
  expect(await page.getByText('Could not save').count()).toBe(0);
  expect(problems).toEqual([]);
  await page.close();
});

it('Back and Forward put the focus on the step they show, and opening the wizard leaves it alone', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  const problems = watchPage(page);
  await signUp(page, app.url, { name: 'Flo Focus', email: 'flo@example.test', password: 'focus-password-1' });
  await startDraft(page, app.url, 'Tickets in focus');
  await attachFile(page, { name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(ticketsCsv(40)) });
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  await page.getByRole('button', { name: 'Next: Datasheet' }).click();
  await expectStep(page, 'datasheet');
  // Typing on the datasheet, whose field goes with its step: the focus would fall to the page's body.
  await field(page, 'Geography').fill('Typed before Back');
  await page.goBack();
  await expectStep(page, 'preview');
  await expect.poll(focused(page)).toBe('Step 3: Preview');
  // On a button every step has: it stays, but the step it was for has gone.
  await page.getByRole('button', { name: 'Next: Datasheet' }).focus();
  await page.goBack();
  // The entry the wizard opened on, without a step.
  await expectStep(page, 'file', null);
  await expect.poll(focused(page)).toBe('Step 2: File');
  await page.goForward();
  await expectStep(page, 'preview');
  await expect.poll(focused(page)).toBe('Step 3: Preview');

  // A reload opens the wizard afresh: the focus is not taken.
  await page.reload();
  await expectStep(page, 'preview');
  await page.waitForTimeout(500);
  expect(await focused(page)()).toMatch(/^BODY/);

  expect(problems).toEqual([]);
  await page.close();
});

it("a multilabel file's classes are the labels in its cells, and hints name fields as the form does", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  const problems = watchPage(page);
  await signUp(page, app.url, { name: 'Mel Multi', email: 'mel@example.test', password: 'multi-password-1' });
  await startDraft(page, app.url, 'Pets in photos');

  const cells = ['cat|dog', 'cat', 'dog; bird', 'bird', '"cat, bird"', 'dog'];
  const lines = ['text,labels'];
  for (let i = 0; i < 30; i++) lines.push(`"Photo ${i + 1} of the garden",${cells[i % cells.length]}`);
  lines.push('"Photo 31, send it to jane.doe@example.com",cat');
  await attachFile(page, {
    name: 'pets.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${lines.join('\n')}\n`),
  });
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  await expectStep(page, 'preview');
  // Read as one label per cell first (the task detected is a classification)...
  const classes = page.getByTestId('label-classes');
  await classes.getByText('cat|dog: 5').waitFor();

  // ...then as the scorer reads a multilabel file: each label of a cell counted.
  await choose(page, 'Task', /^Multi-label classification/);
  await classes.getByText('cat: 16').waitFor();
  expect((await classes.getByText(/^[^:]+: \d+$/).allTextContents()).sort()).toEqual([
    'bird: 15',
    'cat: 16',
    'dog: 15',
  ]);
  expect(await page.getByTestId('undeclared-classes').count()).toBe(0);
  await page.getByRole('button', { name: 'Next: Datasheet' }).click();
  await expectStep(page, 'datasheet');
  for (const name of ['cat', 'dog', 'bird']) await field(page, `Definition of “${name}”`).waitFor();
  expect(await page.getByText(/cat\|dog|dog; bird/).count()).toBe(0);

  // The pre-score finds every label declared; the personal-data hint names the question and its answer, not
  // the path and `true`.
  await page.getByRole('button', { name: 'Next: Pre-score' }).click();
  await expectStep(page, 'pre-score');
  const report = page.getByTestId('report');
  expect(await report.locator('[data-code="structure.label-outside-schema"]').count()).toBe(0);
  const undeclared = report.locator('[data-testid=finding][data-code="structure.personal-data-undeclared"]');
  expect(await undeclared.textContent()).toContain(
    'or set “Does the data contain personal data (names, emails, phone numbers…)?” to “Yes”',
  );
  expect(await report.textContent()).not.toMatch(/provenance\.|label\.classes/);

  expect(problems).toEqual([]);
  await page.close();
});

it('a draft is discarded from the wizard, and the list keeps it out of the way, behind a switch', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  const problems = watchPage(page);
  await signUp(page, app.url, {
    name: 'Dee Discard',
    email: 'dee@example.test',
    password: 'discard-password-1',
  });
  await startDraft(page, app.url, 'Kept draft');
  await startDraft(page, app.url, 'Draft to throw away');
  await page.getByRole('button', { name: 'Discard the draft' }).click();
  await page
    .getByRole('group', { name: 'Discard the draft' })
    .getByRole('button', { name: 'Discard' })
    .click();
  await page.waitForURL(`${app.url}/`);
  const list = page.getByTestId('submissions');
  // On a loaded machine the wizard, still shown while React made the way home, read its draft withdrawn
  // and sent the page on to the draft's own page: the list never came.
  await list.getByText('Kept draft').waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  expect(await list.getByText('Draft to throw away').count()).toBe(0);
  await page.getByRole('button', { name: 'Show 1 discarded draft' }).click();
  const row = list.getByRole('row').filter({ hasText: 'Draft to throw away' });
  expect(await row.getByTestId('state').textContent()).toBe('discarded');
  expect(problems).toEqual([]);
  await page.close();
});
