import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from '../../server/test/support/datasets.ts';
import { authenticate, submitCsv } from './api.ts';
import { ticketsCsv } from './fixtures.ts';
import {
  type AxeViolation,
  choose,
  createOperator,
  describeViolations,
  field,
  freshDataDir,
  isBlocking,
  launchBrowser,
  pixelStats,
  type RunningApp,
  screenshot,
  signIn,
  signUp,
  startApp,
  tabTo,
  unnamedControls,
  watchPage,
  wcagViolations,
} from './support.ts';

// The contributor wizard from the keyboard alone (Tab, Shift+Tab, Enter, Space, arrows; Enter on the
// dropzone opens the file picker, which the test answers), the reviewer's decision shortcuts, and an
// axe-core audit of the wizard, contributor, reviewer and operator pages: every control has an accessible
// name, and no WCAG 2.1 A or AA rule of serious or critical impact is broken.

const operator = { email: 'ops@assay.test', password: 'operator-password-1' };
const reviewer = { name: 'Kim Keys', email: 'kim@acme.test', password: 'reviewer-password-1' };
const contributor = { name: 'Kai Keyboard', email: 'kai@example.test', password: 'keyboard-password-1' };
const REQUEST_TITLE = 'Tickets for keyboard people';
/** Every page and wizard step `audit` runs on, by the name it is audited under. */
const AUDITED = [
  'sign in',
  'invitation',
  'wizard: request',
  'wizard: file',
  'wizard: preview',
  'wizard: datasheet',
  'wizard: pre-score',
  'wizard: datasheet filled',
  'wizard: submit',
  'contributor submission',
  'contributor offer to a request',
  'contributor notifications',
  'contributor requests',
  'contributor earnings',
  'contributor submissions',
  'reviewer queue',
  'reviewer review',
  'reviewer review, no findings',
  'reviewer accepted data',
  'reviewer members',
  'reviewer request editor',
  'reviewer requests',
  'operator dashboard',
  'operator users',
  'operator activity',
  'operator organisations',
];

let app: RunningApp;
let browser: Browser;
const pages: Record<'operator' | 'reviewer' | 'contributor', Page> = {} as never;
const problems: string[][] = [];
const shots: string[] = [];
/** Controls without an accessible name, by page. */
const unnamed: Record<string, string[]> = {};
/** Every WCAG 2.1 A/AA violation axe-core finds, by page. */
const wcag: Record<string, AxeViolation[]> = {};
let submissionUrl = '';
/** The reviewer's invitation link, used once the reviewer has accepted it. */
let inviteLink = '';

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  problems.push(watchPage(page));
  return page;
}

/**
 * How long the focus may take to reach a page's heading: the heading comes with the page's data, which on a
 * busy two-core machine running two browser files at once took longer than expect.poll's 1 s (a run failed
 * with "not a heading: BODY" after "Start the draft", and passed alone).
 */
const FOCUS_WAIT = { timeout: 15_000 };

/** The text of the heading that has the focus, or what has it instead (the body, after a navigation). */
const focusedHeading = (page: Page) => () =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active && /^H[1-6]$/.test(active.tagName)
      ? active.textContent
      : `not a heading: ${active?.tagName}`;
  });

/** Another contributor's data accepted for the request, over the API: its one reward spends the budget. */
async function spendBudget() {
  const { api: kim } = await authenticate(app.url, 'sign-in/email', reviewer);
  const own = await kim.request.list.query({ isOwnOnly: true, status: 'open', limit: 200, offset: 0 });
  const request = own.find((r) => r.title === REQUEST_TITLE)!;
  const other = await authenticate(app.url, 'sign-up/email', {
    name: 'Ola Other',
    email: 'ola@example.test',
    password: 'other-password-1',
  });
  const { versionId } = await submitCsv(app.url, other, {
    requestId: request.id,
    manifest: GOOD_MANIFEST,
    csv: GOOD_CSV,
    states: ['in_review'],
  });
  await kim.review.decide.mutate({
    versionId,
    decision: 'accept',
    reasonCodes: ['accept.meets-requirements'],
    comment: 'Clean and documented.',
    timeSpentMs: 1_000,
  });
}

async function audit(page: Page, name: string) {
  unnamed[name] = await unnamedControls(page);
  wcag[name] = await wcagViolations(page);
}

/** Types into the focused element, one key at a time. */
async function type(page: Page, text: string) {
  await page.keyboard.type(text);
}

/** Tabs to a labelled text field and types into it. */
async function tabAndType(page: Page, label: string | RegExp, text: string, backwards = false) {
  await tabTo(page, field(page, label), { backwards });
  await type(page, text);
}

/** Opens a Mantine Select from the keyboard, moves to the option and picks it with Enter. */
async function pickWithArrows(page: Page, label: string | RegExp, option: string | RegExp) {
  const input = field(page, label);
  await tabTo(page, input);
  await page.keyboard.press('ArrowDown');
  const target = page.getByRole('option', { name: option }).first();
  await target.waitFor();
  for (let presses = 0; presses < 20; presses++) {
    if ((await target.getAttribute('data-combobox-selected')) !== null) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
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

describe('keyboard and labels', () => {
  it('sets up an organisation, a reviewer and a request (with the mouse; not under test)', async () => {
    pages.operator = await newPage();
    const ops = pages.operator;
    await signIn(ops, app.url, operator);
    await ops.goto(`${app.url}/operator/organisations`);
    await field(ops, 'New organisation').fill('Keys Ltd');
    await ops.getByRole('button', { name: 'Create' }).click();
    await ops.getByTestId('organisations').getByText('Keys Ltd').waitFor();
    await choose(ops, 'Organisation', 'Keys Ltd');
    await field(ops, "Reviewer's email").fill(reviewer.email);
    // An admin, so that the reviewer's Members page has its panel to audit.
    await choose(ops, 'Role', /^Admin/);
    await ops.getByRole('button', { name: 'Invite' }).click();
    inviteLink = (await ops.getByTestId('invite-link').textContent()) ?? '';
    await audit(ops, 'operator organisations');

    pages.reviewer = await newPage();
    const rev = pages.reviewer;
    await rev.goto(inviteLink);
    await audit(rev, 'invitation');
    await rev.getByRole('textbox', { name: /^Your name/ }).fill(reviewer.name);
    await rev.locator('input[type=password]').fill(reviewer.password);
    await rev.getByRole('button', { name: 'Accept and sign in' }).click();
    await rev.getByTestId('whoami').filter({ hasText: 'reviewer' }).waitFor();
    await rev.goto(`${app.url}/review/requests/new`);
    await field(rev, 'Title').waitFor();
    await audit(rev, 'reviewer request editor');
    await field(rev, 'Title').fill(REQUEST_TITLE);
    await field(rev, 'Description').fill('Helpdesk tickets labeled high or low urgency.');
    await field(rev, 'Reward per accepted submission (€)').fill('10');
    // A budget for one acceptance and half, the one taken by another contributor's data (below): the wizard,
    // the contributor's page and the reviewer are told the €5 left cannot pay a reward (the decision here
    // asks for changes). A reward over the budget is refused.
    await field(rev, 'Budget (€)').fill('15');
    await rev.getByRole('button', { name: 'Post the request' }).click();
    await rev.getByTestId('requests').getByText(REQUEST_TITLE).waitFor();
    await audit(rev, 'reviewer requests');
    await spendBudget();
  });

  it("Back and Forward between an invitation and the sign-in put the focus on the page's heading", async () => {
    const page = await newPage();
    await page.goto(inviteLink);
    // Used by the reviewer above, so it sends to the sign-in. Opened, the page leaves the focus alone.
    await page.getByText('This invitation has been used').waitFor();
    await page.waitForTimeout(500);
    expect(await focusedHeading(page)()).toBe('not a heading: BODY');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await expect.poll(focusedHeading(page), FOCUS_WAIT).toBe('Sign in');
    await page.goBack();
    await expect.poll(focusedHeading(page), FOCUS_WAIT).toBe('Join Keys Ltd');
    await page.goForward();
    await expect.poll(focusedHeading(page), FOCUS_WAIT).toBe('Sign in');
    await page.context().close();
  });

  it('a contributor completes the wizard with the keyboard only', { timeout: 300_000 }, async () => {
    pages.contributor = await newPage();
    const page = pages.contributor;
    await page.goto(app.url);
    await audit(page, 'sign in');
    await signUp(page, app.url, contributor);
    await page.goto(`${app.url}/new`);
    await field(page, 'Dataset title').waitFor();
    await audit(page, 'wizard: request');

    // Step 1: name it, choose the request with the arrow keys, start with Enter.
    await tabAndType(page, 'Dataset title', 'Keyboard tickets');
    const noRequest = page.getByRole('radio', { name: 'No particular request' });
    await tabTo(page, noRequest);
    // Its description is read with it: without a request nobody pays.
    const describedBy = await noRequest.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe(
      'Scored like any other, but no reviewer sees it and it cannot be paid: choose a request to sell it',
    );
    await page.keyboard.press('ArrowDown');
    const chosen = page.getByRole('radio', { name: new RegExp(REQUEST_TITLE) });
    await expect(chosen.isChecked()).resolves.toBe(true);
    // The request's reward, and that its budget pays for no acceptance.
    await expect(
      page
        .getByRole('radio', {
          name: /€10\.00 per accepted submission · Budget left \(€5\.00\) is less than one reward: no more acceptances can be paid until it is raised\.$/,
        })
        .isChecked(),
    ).resolves.toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Start the draft' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/submissions\/[\w-]+\/edit$/);
    submissionUrl = page.url().replace(/\/edit$/, '');
    // The button went with its page: the focus is on the wizard's heading, not on the page's body.
    await expect.poll(focusedHeading(page), FOCUS_WAIT).toBe('Keyboard tickets');

    // Step 2: the dropzone is reachable and named by its text; Enter opens the file picker (through the
    // hidden file input), which takes the file.
    // The wait starts before the Tab presses: Playwright turns Chromium's file-chooser interception on only
    // when something waits for one, and a chooser opened before that is lost (Chromium 156.0.8078.114 lost
    // 7 of 8 when the wait began with the Enter press).
    const choosing = page.waitForEvent('filechooser');
    await field(page, 'Dataset title').waitFor({ state: 'detached' });
    await tabTo(page, page.getByRole('button', { name: /^Drop a CSV, TSV or JSONL file here, or click/ }));
    await audit(page, 'wizard: file');
    await page.keyboard.press('Enter');
    const chooser = await choosing;
    await chooser.setFiles({
      name: 'tickets.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ticketsCsv(60)),
    });
    await page.getByTestId('upload-status').filter({ hasText: 'Uploaded' }).waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Next: Preview' }));
    await page.keyboard.press('Enter');

    // Step 3: the detected label column; change a column type with the arrows.
    await page.getByTestId('preview').waitFor();
    await audit(page, 'wizard: preview');
    await expect(field(page, 'Label column').inputValue()).resolves.toBe('urgency');
    await pickWithArrows(page, 'Type of “created”', /^Date$/);
    await expect(field(page, 'Type of “created”').inputValue()).resolves.toBe('Date');
    await tabTo(page, page.getByRole('button', { name: 'Next: Datasheet' }));
    await page.keyboard.press('Enter');

    // Step 4 left empty, step 5: the pre-score's findings; one link takes the focus to its field.
    await field(page, 'Geography').waitFor();
    await audit(page, 'wizard: datasheet');
    await tabTo(page, page.getByRole('button', { name: 'Next: Pre-score' }));
    await page.keyboard.press('Enter');
    await page.getByTestId('report').waitFor({ timeout: 60_000 });
    await audit(page, 'wizard: pre-score');
    const before = Number(await page.getByTestId('overall-score').textContent());
    await tabTo(page, page.getByRole('button', { name: 'Go to “Licence (SPDX identifier)”' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-provenance.license');
    // A focused field shows a ring, not only a border 1 px wide turning teal.
    await expect(
      page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return `${style.outlineStyle} ${style.outlineWidth}`;
      }),
    ).resolves.toBe('solid 2px');

    // The licence picker is searchable: type to filter, arrow to the match, Enter.
    await type(page, 'CC-BY-4.0');
    await page.getByRole('option', { name: /^CC-BY-4\.0 —/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(field(page, 'Licence (SPDX identifier)').inputValue()).resolves.toMatch(/^CC-BY-4\.0/);

    // Shift+Tab goes back up the form to its first fields; then Tab through the datasheet in order.
    await tabAndType(
      page,
      /^Description/,
      'Helpdesk tickets of a small hosting company; one row is one ticket with its urgency.',
      true,
    );
    await tabAndType(page, 'What “text” holds', 'Ticket body as written by the customer');
    await tabAndType(page, 'What “urgency” holds', 'Urgency judged by the agent');
    await tabAndType(page, 'What “created” holds', 'Day the ticket was opened');
    await tabAndType(page, 'Definition of “high”', 'Service is down for the customer');
    await tabAndType(page, 'Definition of “low”', 'A question or request that can wait a day');
    await tabAndType(page, 'How the data was collected', 'Exported from our helpdesk, March 2025');
    await tabAndType(page, 'Period start (YYYY-MM-DD)', '2025-03-01');
    await tabAndType(page, 'Period end (YYYY-MM-DD)', '2025-03-31');
    await tabAndType(page, 'Who or what is in the data', 'Customers of a small hosting company');
    await tabAndType(page, 'Geography', 'EU');
    await tabAndType(page, 'Language (e.g. en)', 'en');
    await tabAndType(page, 'Intended use', 'Training a ticket triage classifier');
    await tabAndType(page, 'Known limitations', 'English only; one company; one month');
    await tabAndType(page, 'How labels were assigned', 'One agent per ticket, labeled when it was closed');
    await pickWithArrows(page, 'Source', 'self-collected');
    await pickWithArrows(page, /^Consent basis/, 'contract');
    const attestation = page.getByRole('checkbox', { name: /I have the right to contribute/ });
    await tabTo(page, attestation);
    await page.keyboard.press('Space');
    await expect(attestation.isChecked()).resolves.toBe(true);
    await page
      .getByTestId('save-status')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    await audit(page, 'wizard: datasheet filled');

    // Pre-score again: higher.
    await tabTo(page, page.getByRole('button', { name: 'Next: Pre-score' }));
    await page.keyboard.press('Enter');
    await page.getByTestId('report').waitFor({ timeout: 60_000 });
    shots.push(await screenshot(page, 'keyboard-wizard-prescore'));
    await expect
      .poll(async () => Number(await page.getByTestId('overall-score').textContent()), { timeout: 30_000 })
      .toBeGreaterThan(before);
    await tabTo(page, page.getByRole('button', { name: 'Next: Submit' }));
    await page.keyboard.press('Enter');

    // Step 6: submit with Enter.
    const submit = page.getByRole('button', { name: 'Submit for scoring' });
    await submit.waitFor();
    await audit(page, 'wizard: submit');
    await tabTo(page, submit);
    await page.keyboard.press('Enter');
    await page.waitForURL(submissionUrl);
    await expect.poll(focusedHeading(page), FOCUS_WAIT).toBe('Keyboard tickets');
    await page.getByRole('heading', { name: 'Score of record' }).waitFor({ timeout: 60_000 });
    // Its acceptance would wait for the budget, and the page says so.
    await expect(page.getByTestId('budget-on-hold').textContent()).resolves.toContain(
      'Budget left (€5.00) is less than one reward',
    );
    await audit(page, 'contributor submission');
    shots.push(await screenshot(page, 'keyboard-submission-scored'));
    await page.getByRole('button', { name: 'Offer to another request' }).click();
    // Its request is the only one open: there is no other to offer it to, and the panel says so.
    await page
      .getByTestId('offer-to-request')
      .getByText('No other open request takes submissions right now.')
      .waitFor();
    await audit(page, 'contributor offer to a request');
    await page.goto(`${app.url}/notifications`);
    await page.getByRole('list', { name: 'Notifications' }).waitFor();
    await audit(page, 'contributor notifications');
    await page.goto(`${app.url}/requests`);
    await page.getByTestId('request-card').first().waitFor();
    await audit(page, 'contributor requests');
    await page.goto(`${app.url}/earnings`);
    await page.getByTestId('balance').waitFor();
    await audit(page, 'contributor earnings');
    await page.goto(app.url);
    await page.getByTestId('submissions').waitFor();
    await audit(page, 'contributor submissions');
  });

  it('a reviewer decides with the keyboard shortcuts (c, m, Ctrl+Enter) after ticking a reason', async () => {
    const page = pages.reviewer;
    await page.goto(`${app.url}/review`);
    const row = page.getByTestId('queue').getByRole('link', { name: /Keyboard tickets/ });
    await row.waitFor();
    await audit(page, 'reviewer queue');
    await tabTo(page, row);
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('decision-panel');
    await panel.waitFor();
    // An acceptance would be refused for budget: the reviewer is told before choosing, with a way to raise it.
    await panel.getByTestId('budget-spent').getByRole('link', { name: 'Raise the budget' }).waitFor();
    await expect(panel.getByTestId('budget-spent').textContent()).resolves.toContain(
      'This request has €5.00 left, less than its reward of €10.00: an acceptance would be refused.',
    );
    await audit(page, 'reviewer review');
    const decision = (value: string) =>
      panel.getByRole('radio', { name: new RegExp(`^${value}`) }).isChecked();

    // The shortcuts switch the decision while the focus is on the page.
    await page.keyboard.press('r');
    await expect(decision('Reject')).resolves.toBe(true);
    await page.keyboard.press('a');
    await expect(decision('Accept')).resolves.toBe(true);
    await page.keyboard.press('c');
    await expect(decision('Ask for changes')).resolves.toBe(true);

    // Tick a reason with Space; the shortcuts still work from a checkbox (it takes no text).
    const firstReason = panel.getByRole('checkbox').first();
    const reasonLabel = await firstReason.evaluate(
      (input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '',
    );
    await tabTo(page, firstReason);
    await page.keyboard.press('Space');
    await expect(firstReason.isChecked()).resolves.toBe(true);
    await page.keyboard.press('m');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    // In the comment, letters are text, not shortcuts.
    await type(page, 'Please add a week of tickets from April as well.');
    await expect(decision('Ask for changes')).resolves.toBe(true);
    await expect(field(page, 'Comment to the contributor').inputValue()).resolves.toBe(
      'Please add a week of tickets from April as well.',
    );
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.waitForURL(`${app.url}/review`);
    await expect.poll(focusedHeading(page), FOCUS_WAIT).toMatch(/^Review queue/);
    // Only the other contributor's data was accepted (it spent the budget): the accepted data page lists
    // it alone, and its request filter has a name.
    await page.goto(`${app.url}/review/accepted`);
    await page.getByText(GOOD_MANIFEST.title).first().waitFor();
    expect(await page.getByText('Keyboard tickets').count()).toBe(0);
    await audit(page, 'reviewer accepted data');
    await page.goto(`${app.url}/review/members`);
    await page.getByTestId('members').getByText(reviewer.email).waitFor();
    await audit(page, 'reviewer members');

    const contributorPage = pages.contributor;
    await contributorPage.goto(submissionUrl);
    await contributorPage
      .getByTestId('decision')
      .filter({ hasText: /changes requested/i })
      .waitFor();
    expect(reasonLabel).not.toBe('');
    await contributorPage.getByTestId('decision-reasons').filter({ hasText: reasonLabel }).waitFor();
    await contributorPage
      .getByTestId('decision-comment')
      .filter({ hasText: 'Please add a week of tickets from April as well.' })
      .waitFor();
  });

  it('a review page with no findings reads its notes in place: it announces none of them as an alert', async () => {
    // A file with no findings, offered to the request whose budget is spent: the page opens with three
    // "Nothing to fix here." and the budget note, all of them there from the start. Mantine made each an
    // alert, and a screen reader broke in with them one after another as the page opened.
    const { api: kim } = await authenticate(app.url, 'sign-in/email', reviewer);
    const own = await kim.request.list.query({ isOwnOnly: true, status: 'open', limit: 200, offset: 0 });
    const request = own.find((r) => r.title === REQUEST_TITLE)!;
    const nia = await authenticate(app.url, 'sign-up/email', {
      name: 'Nia Nofindings',
      email: 'nia@example.test',
      password: 'nofindings-password-1',
    });
    const { versionId } = await submitCsv(app.url, nia, {
      requestId: request.id,
      manifest: GOOD_MANIFEST,
      csv: ticketsCsv(40),
      states: ['in_review'],
    });
    const page = pages.reviewer;
    await page.goto(`${app.url}/review/versions/${versionId}`);
    await page.getByTestId('decision-panel').getByTestId('budget-spent').waitFor();
    const nothing = page.getByText('Nothing to fix here.', { exact: true });
    await expect.poll(() => nothing.count()).toBe(3);
    await expect(page.getByRole('note').filter({ hasText: 'Nothing to fix here.' }).count()).resolves.toBe(3);
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    // Nor a live region of any kind holds them (a status would be read out too, if more politely).
    const live = await page
      .locator('[role=alert], [role=status], [role=log], [aria-live]:not([aria-live=off])')
      .allTextContents();
    expect(live.filter((text) => /Nothing to fix|budget/.test(text))).toEqual([]);
    await audit(page, 'reviewer review, no findings');
  });

  it('the operator pages are audited too', async () => {
    const page = pages.operator;
    await page.goto(`${app.url}/operator`);
    await page.getByTestId('chart-funnel').locator('svg').first().waitFor({ timeout: 30_000 });
    await audit(page, 'operator dashboard');
    await page.goto(`${app.url}/operator/users`);
    await page.getByTestId('users').waitFor();
    await audit(page, 'operator users');
    await page.goto(`${app.url}/operator/activity`);
    await page.getByTestId('events').waitFor();
    await audit(page, 'operator activity');
  });

  it("the first Tab shows a link past the header and navigation; Enter on it moves the focus to the page's content", async () => {
    const page = pages.operator;
    await page.goto(`${app.url}/operator/users`);
    await page.getByTestId('users').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip.evaluate((link) => link === document.activeElement)).resolves.toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.width > 20 && box.y >= 0 && box.y < 100).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('content');
    // The next Tab is in the page itself, not in the header's "Sign out" or the navigation.
    await page.keyboard.press('Tab');
    await expect(
      page.evaluate(
        () => !!document.activeElement?.closest('#content') && document.activeElement?.id !== 'content',
      ),
    ).resolves.toBe(true);
    expect(await skip.boundingBox().then((hidden) => (hidden?.width ?? 0) <= 1)).toBe(true);
  });

  it('every input, select, textarea and button on those pages has an accessible name', () => {
    expect(Object.keys(unnamed).sort()).toEqual([...AUDITED].sort());
    for (const [where, controls] of Object.entries(unnamed)) expect(controls, where).toEqual([]);
  });

  it('no page breaks a WCAG 2.1 A or AA rule with serious or critical impact', () => {
    expect(Object.keys(wcag).sort()).toEqual([...AUDITED].sort());
    const blocking = Object.fromEntries(
      Object.entries(wcag).map(([where, violations]) => [where, violations.filter(isBlocking)]),
    );
    expect(describeViolations(blocking), 'axe-core found (page: rule (impact) element)').toBe('');
  });

  it('the label check finds an unlabelled input (it can fail)', async () => {
    const page = pages.operator;
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'unlabelled-probe';
      document.body.append(input);
    });
    const found = await unnamedControls(page);
    expect(found.some((entry) => entry.includes('#unlabelled-probe'))).toBe(true);
  });

  it('the WCAG check finds text too faint to read (it can fail)', async () => {
    const page = pages.operator;
    await page.evaluate(() => {
      const faint = document.createElement('p');
      faint.id = 'contrast-probe';
      faint.textContent = 'Grey on white, 2.8:1';
      faint.style.color = '#999999';
      document.querySelector('main')?.append(faint);
    });
    const found = (await wcagViolations(page)).filter(isBlocking);
    expect(found.map((violation) => `${violation.rule} ${violation.target}`)).toContain(
      'color-contrast #contrast-probe',
    );
  });

  it('no page threw, and the screenshots show rendered pages', () => {
    for (const list of problems) expect(list).toEqual([]);
    expect(shots.length).toBe(2);
    for (const file of shots) {
      const stats = pixelStats(file);
      expect(stats.stdDev, file).toBeGreaterThan(8);
      expect(stats.distinctColours, file).toBeGreaterThan(20);
    }
  });
});
