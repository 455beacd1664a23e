import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spreadRowNumbers } from '@assay/quality';
import { FUNNEL_STEP_LABELS, FUNNEL_STEPS } from '@assay/schema';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketsCsv } from './fixtures.ts';
import {
  choose,
  createOperator,
  errorAt,
  field,
  fillDatasheet,
  freshDataDir,
  launchBrowser,
  pixelStats,
  type RunningApp,
  SCREENSHOT_DIR,
  screenshot,
  signIn,
  signUp,
  startApp,
  watchPage,
} from './support.ts';

const operator = { email: 'ops@assay.test', password: 'operator-password-1' };
const reviewer = { name: 'Rita Reviewer', email: 'rita@acme.test', password: 'reviewer-password-1' };
const contributor = {
  name: 'Carl Contributor',
  email: 'carl@example.test',
  password: 'contributor-password-1',
};
const REQUEST_TITLE = 'Support tickets labeled by urgency';

let app: RunningApp;
let browser: Browser;
const contexts: Record<string, { context: BrowserContext; page: Page; problems: string[] }> = {};
const shots: string[] = [];
let inviteLink = '';
let submissionUrl = '';

async function as(role: 'operator' | 'reviewer' | 'contributor'): Promise<Page> {
  if (!contexts[role]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    contexts[role] = { context, page, problems: watchPage(page) };
  }
  return contexts[role].page;
}

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  shots.push(await screenshot(page, name));
}

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  if (app) writeFileSync(path.join(SCREENSHOT_DIR, 'journey-server.log'), app.log());
  await browser?.close();
  await app?.stop();
});

describe('the journeys of the three roles', () => {
  it('operator signs in, creates an organisation and invites a reviewer', async () => {
    const page = await as('operator');
    await signIn(page, app.url, operator);
    await page.goto(`${app.url}/operator/organisations`);
    await field(page, 'New organisation').fill('Acme Data');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('organisations').getByText('Acme Data').waitFor();
    await choose(page, 'Organisation', 'Acme Data');
    await field(page, "Reviewer's email").fill(reviewer.email);
    await page.getByRole('button', { name: 'Invite' }).click();
    inviteLink = (await page.getByTestId('invite-link').textContent()) ?? '';
    expect(inviteLink).toMatch(/\/invite\/[\w-]{20,}$/);
    await shot(page, 'operator-organisations');
  });

  it('reviewer accepts the invitation and posts a data request', async () => {
    const page = await as('reviewer');
    await page.goto(inviteLink);
    // The link says who invites which address, and asks a new address for a name and a new password.
    await page.getByRole('heading', { name: 'Join Acme Data' }).waitFor();
    expect(await page.getByRole('textbox', { name: /^Email/ }).inputValue()).toBe(
      reviewer.email.toLowerCase(),
    );
    expect(await page.locator('input[type=password]').getAttribute('autocomplete')).toBe('new-password');
    await shot(page, 'reviewer-invitation');
    await page.getByRole('textbox', { name: /^Your name/ }).fill(reviewer.name);
    await page.locator('input[type=password]').fill(reviewer.password);
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.getByTestId('whoami').filter({ hasText: 'reviewer' }).waitFor();
    await page.goto(`${app.url}/review/requests/new`);
    await field(page, 'Title').fill(REQUEST_TITLE);
    await field(page, 'Description').fill('Tickets from a helpdesk, each labeled high or low urgency.');
    await field(page, 'Reward per accepted submission (€)').fill('25');
    // Enough for one acceptance: the journey sees the budget spent once it is paid.
    await field(page, 'Budget (€)').fill('25');
    await field(page, 'Minimum quality score').fill('60');
    await page.getByRole('button', { name: 'Post the request' }).click();
    await page.getByTestId('requests').getByText(REQUEST_TITLE).waitFor();
    await shot(page, 'reviewer-requests');
  });

  it('contributor signs up, uploads a CSV, sees pre-score findings, fixes the manifest and submits', async () => {
    const page = await as('contributor');
    await signUp(page, app.url, contributor);
    await shot(page, 'contributor-submissions-empty');
    await page.goto(`${app.url}/requests`);
    const card = page.getByTestId('request-card').filter({ hasText: REQUEST_TITLE });
    await card.waitFor();
    expect(await card.getByTestId('request-budget').textContent()).toBe('Budget for 1 more acceptance.');
    await shot(page, 'contributor-requests');
    await card.getByRole('link', { name: 'Contribute to this request' }).click();
    // On a phone the six steps are one row of numbered circles, the current one written out beneath (with
    // their labels they wrapped into four rows above the form).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('current-step').filter({ hasText: 'Step 1 of 6: Request' }).waitFor();
    // Measured once the layout has settled: the shell slides its navbar away over 200 ms after a resize,
    // and a loaded machine caught the steps mid-slide.
    const layout = async () => {
      const stepper = await page.getByLabel('Submission steps').boundingBox();
      const lastStep = await page.getByRole('button', { name: 'Submit' }).boundingBox();
      return {
        stepperHeight: stepper!.height,
        lastStepBelowStepperTop: lastStep!.y - stepper!.y,
        lastStepRight: lastStep!.x + lastStep!.width,
      };
    };
    await expect.poll(layout, { timeout: 5_000 }).toEqual({
      stepperHeight: expect.toSatisfy((h: number) => h < 60),
      lastStepBelowStepperTop: expect.toSatisfy((d: number) => d < 60),
      lastStepRight: expect.toSatisfy((x: number) => x <= 390 - 16),
    });
    await shot(page, 'contributor-new-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    // The layout follows a media query, which answers a resize asynchronously: wait for the phone line to go.
    await page.getByTestId('current-step').waitFor({ state: 'detached' });
    // On a laptop beside the navigation the steps are one row too: only the current step keeps its
    // description (with all six, "Submit" went onto a second row at this width).
    await expect.poll(layout, { timeout: 5_000 }).toEqual({
      stepperHeight: expect.toSatisfy((h: number) => h < 60),
      lastStepBelowStepperTop: expect.toSatisfy((d: number) => d < 60),
      lastStepRight: expect.toSatisfy((x: number) => x <= 1280 - 16),
    });
    const stepper = page.getByLabel('Submission steps');
    expect(await stepper.getByText('What it is for').isVisible()).toBe(true);
    expect(await stepper.getByText('Score of record').count()).toBe(0);
    await page.getByRole('button', { name: 'Start the draft' }).click();
    await page.waitForURL(/\/submissions\/[\w-]+\/edit$/);
    submissionUrl = page.url().replace(/\/edit$/, '');

    // Drop a file: upload with progress, preview, detected label column and classes.
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(ticketsCsv(60)) });
    await page.getByTestId('upload-status').filter({ hasText: 'Uploaded' }).waitFor();
    await page.getByRole('button', { name: 'Next: Preview' }).click();
    await page.getByTestId('preview').waitFor();
    // The first 50 rows count 25 and 25 until the whole file is counted (60 rows): CI read the whole file's
    // counts before the test read the sample's, so the test waits for the whole file's.
    await expect
      .poll(() => page.getByTestId('label-classes').textContent(), { timeout: 30_000 })
      .toMatch(/\(whole file\)high: 30low: 30/);
    await shot(page, 'contributor-wizard-preview');

    // Pre-score with an empty datasheet: findings, each linking to its field.
    await page.getByRole('button', { name: 'Next: Datasheet' }).click();
    await page.getByRole('button', { name: 'Next: Pre-score' }).click();
    await page.getByTestId('report').waitFor({ timeout: 30_000 });
    const before = Number(await page.getByTestId('overall-score').textContent());
    // An empty datasheet keeps the file below the request's bar, and the report says so.
    expect(await page.getByTestId('request-minimum').textContent()).toBe(
      `Below the request's minimum score: it asks for at least 60, this scores ${before}.`,
    );
    const findings = page.getByTestId('finding');
    expect(await findings.count()).toBeGreaterThan(0);
    await shot(page, 'contributor-wizard-prescore');
    // A finding names its field as the form labels it, and its link goes there.
    const licenceFinding = findings.filter({ hasText: 'Go to “Licence (SPDX identifier)”' });
    await licenceFinding
      .first()
      .getByRole('button', { name: /^Go to “/ })
      .click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-provenance.license');

    // Fix the manifest: datasheet, provenance, attestation.
    await fillDatasheet(page);
    await page.getByTestId('save-status').filter({ hasText: /Saved/ }).waitFor();
    await shot(page, 'contributor-wizard-datasheet');

    // The draft survives a reload (server copy and local copy).
    await page.reload();
    await page.getByTestId('save-status').waitFor();
    await page.getByRole('button', { name: 'Datasheet' }).first().click();
    await expect(field(page, 'Geography').inputValue()).resolves.toBe('EU');
    // The dropped file is gone with the reload: the preview and the pre-score read the server's copy.
    await page.getByRole('button', { name: 'Preview' }).first().click();
    await expect(page.locator('#preview-row-1').textContent()).resolves.toContain('ticket 1)');
    await page.getByRole('button', { name: 'Pre-score' }).first().click();
    await page.getByTestId('report').waitFor({ timeout: 30_000 });
    const after = Number(await page.getByTestId('overall-score').textContent());
    expect(after).toBeGreaterThan(before);

    await page.getByRole('button', { name: 'Next: Submit' }).click();
    await page.getByRole('button', { name: 'Submit for scoring' }).click();
    await page.waitForURL(submissionUrl);
    await page.getByTestId('state').first().waitFor();
    shots.push(await screenshot(page, 'contributor-submission-submitted'));
    await page.reload();
    await page.getByTestId('state').first().waitFor();
    shots.push(await screenshot(page, 'contributor-submission-reloaded'));
    await page
      .getByRole('heading', { name: 'Score of record' })
      .waitFor({ timeout: 60_000 })
      .catch(async () => {
        const state = await page.getByTestId('state').first().textContent();
        throw new Error(
          `The server did not score the submitted version within 60 s (state: ${state}); see e2e/screenshots/journey-server.log`,
        );
      });
    // Under the findings, the file's shape: 60 rows, half of them each label, nothing missing.
    const labels = page.getByTestId('profile-labels').getByRole('progressbar');
    expect(await labels.evaluateAll((bars) => bars.map((bar) => bar.getAttribute('aria-label')))).toEqual([
      'high: 30 rows',
      'low: 30 rows',
    ]);
    await page.getByTestId('profile-missing').getByText('Every column has a value in every row.').waitFor();
    await shot(page, 'contributor-submission-scored');
  });

  it('reviewer accepts it from the queue with a reason and a comment', async () => {
    const page = await as('reviewer');
    // The reviewer is told the submission arrived: a count in the navigation, cleared by reading it.
    await page.goto(`${app.url}/review`);
    const unread = page.getByRole('navigation', { name: 'Main' }).getByTestId('unread');
    expect(await unread.getAttribute('aria-label')).toBe('1 unread');
    await page.getByRole('link', { name: /^Notifications/ }).click();
    const arrived = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
    await arrived.first().waitFor();
    expect(await arrived.allTextContents()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^A new submission to “${REQUEST_TITLE}” is waiting: version 1 of “.+”, scored \\d+\\.New`,
        ),
      ),
    ]);
    await unread.waitFor({ state: 'detached' });
    await shot(page, 'reviewer-notifications');
    // While it awaits a decision, the request cannot be closed: its editor says so and links to the queue.
    await page.goto(`${app.url}/review/requests`);
    await page.getByTestId('requests').getByRole('link', { name: REQUEST_TITLE }).click();
    const pending = page.getByTestId('close-pending');
    await pending.waitFor();
    expect(await pending.textContent()).toBe(
      '1 submission awaits your decision: decide it before closing the request. Open the queue',
    );
    expect(await page.getByRole('button', { name: 'Close the request' }).isDisabled()).toBe(true);
    await pending.getByRole('link', { name: 'Open the queue' }).click();
    await page.waitForURL(/\/review\?request=[\w-]+$/);
    const row = page.getByTestId('queue').getByRole('link', { name: /tickets/i });
    await row.waitFor();
    // Each queued version shows its score by dimension; this one meets the request's minimum of 60.
    const queueRow = page
      .getByTestId('queue')
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: /tickets/i }) });
    expect(await queueRow.getByTestId('dimension-scores').textContent()).toMatch(/^\d+ · \d+ · \d+$/);
    expect(await queueRow.getByText('below minimum').count()).toBe(0);
    await shot(page, 'reviewer-queue');
    await row.click();
    await page.getByTestId('decision-panel').waitFor();
    await page.getByTestId('sample-rows').waitFor();
    // The sample spreads over the file's 60 rows, each with its row number.
    expect(await page.getByTestId('sample-caption').textContent()).toMatch(
      /^25 rows of 60, spread over the whole file/,
    );
    const rowNumbers = await page
      .getByTestId('sample-rows')
      .locator('tbody tr td:first-child')
      .allTextContents();
    // One from each stretch of the file, as the library picks them (not an even stride: see sample.ts).
    expect(rowNumbers.map(Number)).toEqual(spreadRowNumbers(60, 25));
    expect(await page.getByTestId('contributor-record').textContent()).toBe(
      'No other submission of theirs has been decided yet.',
    );
    expect(await page.getByTestId('request-minimum').textContent()).toBe(
      "Meets the request's minimum score of 60.",
    );
    // The contributor signed the attestation with their name; the reviewer sees their pseudonym there too.
    const attestedBy = await page.locator('dt:text-is("Attested by") + dd').textContent();
    // Its time is written as the reader's locale writes one, not as an ISO timestamp.
    expect(attestedBy).toMatch(/^contributor-[\w-]+, \D*\d.*\d{4}.*\d{1,2}:\d{2}/);
    expect(attestedBy).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:/);
    const pageText = await page.locator('body').textContent();
    expect(pageText).not.toContain(contributor.name);
    expect(pageText).not.toContain(contributor.email);
    await shot(page, 'reviewer-review');
    await page.locator('body').press('r');
    await page.locator('body').press('a');
    await page.getByLabel('Meets our requirements').check();
    await field(page, 'Comment to the contributor').fill('Clean, documented and licensed: thank you.');
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    // Nothing else waits for this request: the reviewer is back at its queue, told what they decided.
    await page.waitForURL(/\/review\?request=[\w-]+$/);
    expect(await page.getByTestId('decided-notice').textContent()).toMatch(
      /^Accepted “.+” v1\. Nothing else is waiting in this queue\.$/,
    );
    // The acceptance was paid from the request's budget, which it used up.
    await page.goto(`${app.url}/review/requests`);
    const left = page
      .getByTestId('requests')
      .getByRole('row')
      .filter({ hasText: REQUEST_TITLE })
      .getByTestId('request-budget-left');
    await left.getByText('spent', { exact: true }).waitFor();
    expect(await left.textContent()).toMatch(/^€0\.00/);
    // Its editor says what is paid, and what a budget typed there would leave for rewards.
    await page.getByTestId('requests').getByRole('link', { name: REQUEST_TITLE }).click();
    await page.getByText('€25.00 paid so far: this budget leaves €0.00 for rewards.').waitFor();
    await field(page, 'Budget (€)').fill('60');
    await page.getByText('€25.00 paid so far: this budget leaves €35.00 for rewards.').waitFor();
  });

  it('reviewer downloads the accepted data and its Croissant metadata, and checks the hash', async () => {
    const page = await as('reviewer');
    await page.getByRole('link', { name: 'Accepted data' }).click();
    const table = page.getByTestId('accepted');
    await table.waitFor();
    expect(await page.getByTestId('accepted-summary').textContent()).toBe('1 dataset, 60 rows, €25.00 paid.');
    const row = table.getByRole('row').filter({ hasText: REQUEST_TITLE });
    expect(await row.getByRole('cell').nth(2).textContent()).toMatch(/^contributor-/);
    const uploaded = Buffer.from(ticketsCsv(60));
    const sha256 = createHash('sha256').update(uploaded).digest('hex');
    expect(await row.getByTestId('accepted-sha256').getAttribute('data-sha256')).toBe(sha256);
    await shot(page, 'reviewer-accepted');

    // The file comes back byte for byte as the contributor uploaded it.
    const [data] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: /Download the data of/ }).click(),
    ]);
    // Named after the dataset and its version, as the buyer will look for it.
    expect(data.suggestedFilename()).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*-v1\.csv$/);
    expect(readFileSync(await data.path())).toEqual(uploaded);
    // Its Croissant metadata names the same hash.
    const [metadata] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: /Download the Croissant metadata of/ }).click(),
    ]);
    expect(metadata.suggestedFilename()).toBe(data.suggestedFilename().replace(/\.csv$/, '.croissant.json'));
    const croissant = JSON.parse(readFileSync(await metadata.path(), 'utf8'));
    expect(croissant.distribution).toEqual(expect.arrayContaining([expect.objectContaining({ sha256 })]));
    // The decided version's review page offers the same downloads.
    const dataUrl = await row.getByRole('link', { name: /Download the data of/ }).getAttribute('href');
    await row.getByRole('link', { name: /\(v1\)$/ }).click();
    const decided = page.getByTestId('decided');
    // Its banner says the decision as the state badges do ("Decided: accept" before).
    await decided.getByText('Accepted', { exact: true }).waitFor();
    expect(await decided.getByRole('link', { name: 'Download the data' }).getAttribute('href')).toBe(dataUrl);
    await decided.getByRole('link', { name: 'Download its Croissant metadata' }).waitFor();
  });

  it('contributor sees the decision and the credit', async () => {
    const page = await as('contributor');
    // Told of the score and the decision, newest first; the acceptance links to the submission.
    await page.goto(app.url);
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByTestId('unread').getAttribute('aria-label'),
    ).toBe('2 unread');
    await page.getByRole('link', { name: /^Notifications/ }).click();
    const told = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
    await told.first().waitFor();
    expect(await told.allTextContents()).toEqual([
      expect.stringMatching(
        new RegExp(`^Version 1 of “.+” was accepted for “${REQUEST_TITLE}”: you earned €25\\.00\\.New`),
      ),
      expect.stringMatching(/^Version 1 of “.+” for “.+” scored \d+, enterprise grade\.New/),
    ]);
    await shot(page, 'contributor-notifications');
    await told.first().getByRole('link').click();
    await page.waitForURL(submissionUrl);
    await page.getByTestId('decision').filter({ hasText: 'accepted' }).waitFor();
    await page.getByTestId('decision-reasons').filter({ hasText: 'Meets our requirements' }).waitFor();
    await page
      .getByTestId('decision-comment')
      .filter({ hasText: 'Clean, documented and licensed: thank you.' })
      .waitFor();
    // The decision comes first, the report it was made on under it.
    const decision = await page.getByTestId('decision').boundingBox();
    const report = await page.getByRole('heading', { name: 'Score of record' }).boundingBox();
    expect(decision!.y).toBeLessThan(report!.y);
    // What the acceptance paid, linked to the earnings that hold it.
    const credited = page.getByTestId('decision-credit');
    expect(await credited.textContent()).toBe('€25.00 credited to your earnings.');
    await shot(page, 'contributor-decision');
    await credited.getByRole('link', { name: 'earnings' }).click();
    await page.waitForURL(`${app.url}/earnings`);
    await page.getByTestId('balance').filter({ hasText: '25' }).waitFor();
    // The credit says which submission earned it, for which request, and links to it.
    const credit = page
      .getByTestId('ledger')
      .getByRole('row')
      .filter({ hasText: `(version 1) for “${REQUEST_TITLE}”` });
    await credit.waitFor();
    await shot(page, 'contributor-earnings');
    await credit.getByRole('link').click();
    await page.waitForURL(submissionUrl);
    await page.getByTestId('decision').filter({ hasText: 'accepted' }).waitFor();
    // Contributors are told the request cannot pay for another acceptance.
    await page.goto(`${app.url}/requests`);
    const card = page.getByTestId('request-card').filter({ hasText: REQUEST_TITLE });
    expect(await card.getByTestId('request-budget').textContent()).toBe(
      'Budget spent: no more acceptances can be paid until it is raised.',
    );
  });

  it('operator dashboard shows the acceptance', async () => {
    const page = await as('operator');
    await page.goto(`${app.url}/operator`);
    await page
      .getByTestId('curve-summary')
      .filter({ hasText: '1 decided version (each version counts), 1 accepted' })
      .waitFor({ timeout: 30_000 });
    // The double-entry books balance after the budget was funded and the reward paid.
    expect(await page.getByTestId('books-status').textContent()).toMatch(
      /^The books balance: \d+ transactions, \d+ entries, summing to €0\.00\.$/,
    );
    await page.getByTestId('chart-funnel').locator('svg').first().waitFor();
    // The funnel's steps read as words, in the funnel's order (they were identifiers such as draftStarted).
    const funnelTicks = page
      .getByTestId('chart-funnel')
      .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
    await funnelTicks.first().waitFor();
    const steps = await funnelTicks.allTextContents();
    expect(steps).toEqual(FUNNEL_STEPS.map((step) => FUNNEL_STEP_LABELS[step]));
    // The acceptance curve marks the server's enterprise-grade threshold (70 by default).
    await page.getByTestId('chart-acceptance').getByText('enterprise grade').waitFor();
    // This journey's submit and review take seconds (a minute or two on a slow machine): charted in their
    // unit, the bars have a height (in hours they were 0.0, invisible).
    const time = page.getByTestId('chart-time');
    await time.getByText(/^Median and 90th percentile, (seconds|minutes)$/).waitFor();
    const barHeights = await time
      .locator('.recharts-bar-rectangle path')
      .evaluateAll((bars) => bars.map((bar) => (bar as SVGGraphicsElement).getBBox().height));
    expect(barHeights.length).toBeGreaterThanOrEqual(2);
    for (const height of barHeights) expect(height).toBeGreaterThan(1);
    // One week of decisions is two filled points of their lines' colours, whole inside the plot.
    const dots = await page
      .getByTestId('chart-weekly')
      .locator('.recharts-line-dot')
      .evaluateAll((circles) => circles.map((c) => [c.getAttribute('fill'), c.getAttribute('r')]));
    expect(dots).toEqual([
      ['#0ca678', '4'],
      ['#1c7ed6', '4'],
    ]);
    // And it says what those points rest on (a week of two rejections drew a bare 0%, read as a collapse): the
    // caption says thin weeks are uncertain, a bar counts the week's decided versions, the acceptance has its
    // Wilson interval, and the tooltip says the count beside the rate, in the summary's unit.
    const weekly = page.getByTestId('chart-weekly');
    await weekly.getByText(/A week of few decisions is uncertain/).waitFor();
    const weekBars = await weekly
      .locator('.recharts-bar-rectangle path')
      .evaluateAll((bars) => bars.map((bar) => (bar as SVGGraphicsElement).getBBox().height));
    expect(weekBars).toHaveLength(1);
    expect(weekBars[0]).toBeGreaterThan(1);
    expect(await weekly.locator('.recharts-errorBar').count()).toBeGreaterThan(0);
    const acceptanceDot = await weekly.locator('.recharts-line-dot').first().boundingBox();
    await page.mouse.move(
      acceptanceDot!.x + acceptanceDot!.width / 2,
      acceptanceDot!.y + acceptanceDot!.height / 2,
    );
    const weekTip = weekly.getByTestId('weekly-tooltip');
    await weekTip.waitFor();
    expect(await weekTip.locator('p').allTextContents()).toEqual([
      expect.stringMatching(/^Week from \d{4}-\d{2}-\d{2}$/),
      '1 decided version, 1 accepted',
      'Acceptance 100% (95% interval 20.7–100%)',
      expect.stringMatching(/^Median score \d+(\.\d+)?$/),
    ]);
    await page.mouse.move(0, 0);
    // The friction measures that are one number each. No draft is 72 hours old yet, so none can have been
    // abandoned, and nothing is said about abandonment.
    const facts = await page.getByTestId('friction-facts').locator('p').allTextContents();
    expect(facts).toContain('Versions until acceptance: median 1, mean 1 over 1 accepted');
    expect(
      facts.some((fact) => /^Validation errors: [\d.]+ per draft; [\d.]+% of drafts had one$/.test(fact)),
    ).toBe(true);
    expect(facts.some((fact) => fact.startsWith('Abandoned'))).toBe(false);
    // The idle time is the operator's to set: at 0.001 h (3.6 s) the journey's one draft, long submitted, is old
    // enough to count, and was not abandoned.
    await field(page, 'Abandoned after (hours idle)').fill('0.001');
    await page
      .getByTestId('friction-facts')
      .getByText('Abandoned: 0 of 1 drafts started 0.001 h or more ago (0%)')
      .waitFor();
    await page.getByTestId('chart-abandonment-fields').getByText('No data in this range yet.').waitFor();
    // Values that are not hours or a share are said at their fields, and the charts keep the last valid
    // ones (150 % and -3 hours had been ignored without a word).
    await field(page, 'Acceptance target (%)').fill('150');
    expect(await errorAt(page, 'Acceptance target (%)')).toBe(
      'Enter the acceptance to aim for, from 1 to 99 %',
    );
    await field(page, 'Abandoned after (hours idle)').fill('-3');
    expect(await errorAt(page, 'Abandoned after (hours idle)')).toMatch(/^Enter the hours idle: more than 0/);
    await page
      .getByTestId('friction-facts')
      .getByText('Abandoned: 0 of 1 drafts started 0.001 h or more ago (0%)')
      .waitFor();
    // The filters are in the address: a reload keeps them.
    await field(page, 'Acceptance target (%)').fill('75');
    await page.waitForURL(/[?&]target=75(&|$)/);
    expect(page.url()).toMatch(/[?&]idle=0\.001(&|$)/);
    await page.reload();
    expect(await field(page, 'Acceptance target (%)').inputValue()).toBe('75');
    expect(await field(page, 'Abandoned after (hours idle)').inputValue()).toBe('0.001');
    await page
      .getByTestId('friction-facts')
      .getByText('Abandoned: 0 of 1 drafts started 0.001 h or more ago (0%)')
      .waitFor();
    // Back to the default, which the address leaves out.
    await field(page, 'Acceptance target (%)').fill('80');
    await page.waitForURL((url) => !url.searchParams.has('target'));
    // The menu's "Dashboard" opens it without filters, and the fields follow the address (they kept the
    // filters while the address had none).
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL((url) => url.search === '');
    await expect
      .poll(() => field(page, 'Abandoned after (hours idle)').inputValue(), { timeout: 15_000 })
      .toBe('72');
    for (const chart of ['chart-learning', 'chart-versions', 'chart-cohorts', 'chart-budget']) {
      await page.getByTestId(chart).locator('svg').first().waitFor();
    }
    // The contributor's first submission was accepted: the learning curve has one bar at 100%, the first
    // version was the one accepted, and this week's cohort reached submission and acceptance.
    const ticks = (testId: string) =>
      page.getByTestId(testId).locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
    expect(await ticks('chart-learning').allTextContents()).toEqual(['1']);
    const learningBars = page.getByTestId('chart-learning').locator('.recharts-bar-rectangle path');
    expect(await learningBars.count()).toBe(1);
    expect(await ticks('chart-versions').allTextContents()).toEqual(['1']);
    const cohortDots = page.getByTestId('chart-cohorts').locator('.recharts-line-dot');
    expect(await cohortDots.count()).toBe(2);
    // Its tooltip writes percentages with their sign, in the legend's order (it sorted by name, Accepted first).
    await cohortDots.first().scrollIntoViewIfNeeded();
    const dot = await cohortDots.first().boundingBox();
    if (!dot) throw new Error('The cohort chart drew no dot to point at');
    await page.mouse.move(dot.x + dot.width / 2, dot.y + dot.height / 2);
    const cohortTooltip = page.getByTestId('chart-cohorts').locator('.recharts-tooltip-item');
    await expect
      .poll(() => cohortTooltip.allTextContents(), { timeout: 15_000 })
      .toEqual([
        expect.stringMatching(/^Submitted % : [\d.]+%$/),
        expect.stringMatching(/^Accepted % : [\d.]+%$/),
      ]);
    // Requests are the per-request charts' vertical axis; recharts wraps a long title into lines.
    const requestTicks = (testId: string) =>
      page
        .getByTestId(testId)
        .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
        .evaluateAll((labels) =>
          labels.map((label) =>
            Array.from(label.querySelectorAll('tspan'), (line) => line.textContent).join(' '),
          ),
        );
    expect(await requestTicks('chart-requirements')).toEqual([REQUEST_TITLE]);
    expect(await requestTicks('chart-supply')).toEqual([REQUEST_TITLE]);
    expect(await requestTicks('chart-rows')).toEqual([REQUEST_TITLE]);
    expect(await requestTicks('chart-budget')).toEqual([REQUEST_TITLE]);
    /** A per-request chart's bars, as their drawn widths: two equal, non-zero bars say "the same value". */
    const barWidths = (testId: string) =>
      page
        .getByTestId(testId)
        .locator('.recharts-bar-rectangle path')
        .evaluateAll((bars) => bars.map((bar) => Math.round(bar.getBoundingClientRect().width)));
    const twoEqualBars = [expect.toSatisfy((w: number) => w > 0), expect.any(Number)];
    // The request's one draft was submitted and accepted: two bars, both at 100%.
    expect(await requestTicks('chart-funnel-requests')).toEqual([REQUEST_TITLE]);
    const funnelWidths = await barWidths('chart-funnel-requests');
    expect(funnelWidths).toEqual(twoEqualBars);
    expect(funnelWidths[1]).toBe(funnelWidths[0]);
    // The budget of one reward was offered and paid: two bars of the same length.
    const budgetWidths = await barWidths('chart-budget');
    expect(budgetWidths).toEqual(twoEqualBars);
    expect(budgetWidths[1]).toBe(budgetWidths[0]);
    // Legends list the series in the order they are drawn.
    expect(
      await page.getByTestId('chart-requirements').locator('.recharts-legend-item-text').allTextContents(),
    ).toEqual(['Licence or consent', 'Schema', 'Context', 'Quality']);
    await shot(page, 'operator-dashboard');
    // The acceptance target is the operator's: the curve is read off where acceptance reaches it.
    const summary = page.getByTestId('curve-summary');
    expect(await summary.textContent()).toContain('score where acceptance reaches 80%');
    await field(page, 'Acceptance target (%)').fill('50');
    await summary.filter({ hasText: 'score where acceptance reaches 50%' }).waitFor();
  });

  it('operator lists the users with their roles, pseudonyms and organisations', async () => {
    const page = await as('operator');
    await page.getByRole('link', { name: 'Users' }).click();
    const users = page.getByTestId('users');
    const row = (email: string) => users.getByRole('row').filter({ hasText: email });
    await row(reviewer.email).waitFor();
    // The dashboard's filters (its target was 50) stayed with the dashboard: they were once written onto the
    // page it was left for.
    expect(new URL(page.url()).pathname).toBe('/operator/users');
    expect(new URL(page.url()).search).toBe('');
    expect(await row(reviewer.email).textContent()).toContain('Acme Data (reviewer)');
    // A contributor is listed with the pseudonym reviewers know them by.
    expect(await row(contributor.email).getByRole('cell').nth(3).textContent()).toMatch(/^contributor-/);
    expect(await row(operator.email).getByRole('cell').nth(2).textContent()).toBe('operator');
    await choose(page, 'Role', 'Contributors');
    await row(reviewer.email).waitFor({ state: 'detached' });
    expect(await users.getByRole('row').count()).toBe(2); // the header and the contributor
    await shot(page, 'operator-users');
  });

  it('operator reads the activity: who decided what, on which request', async () => {
    const page = await as('operator');
    await page.getByRole('link', { name: 'Activity' }).click();
    const events = page.getByTestId('events');
    await events.waitFor();
    // The filter finds a type by its words; the table shows the words, and the code the log keeps.
    await choose(page, 'Event', /^Decided/, 'decided');
    const decided = events.getByRole('row').filter({ hasText: 'version.decided' });
    await expect.poll(() => events.getByRole('row').count()).toBe(2); // the header and the decision
    const cells = await decided.getByRole('cell').allInnerTexts();
    expect(cells[1]).toMatch(/^Decided\s+version\.decided$/);
    expect(cells.slice(2, 4)).toEqual([`${reviewer.email} (reviewer)`, REQUEST_TITLE]);
    // The version decided comes first, by its dataset's title and number.
    expect(cells[4]).toMatch(
      /^“[^”]+”, version 1 · decision: accept · reasons: Meets our requirements · score: \d+(\.\d+)? · time spent: \d+ (s|min( \d+ s)?)$/,
    );
    await shot(page, 'operator-activity');
  });

  it("a request past its deadline leaves the contributors' list; its reviewers see it marked", async () => {
    // A second draft for the request, started in time.
    const contributorPage = await as('contributor');
    await contributorPage.goto(`${app.url}/requests`);
    await contributorPage
      .getByTestId('request-card')
      .filter({ hasText: REQUEST_TITLE })
      .getByRole('link', { name: 'Contribute to this request' })
      .click();
    await field(contributorPage, 'Dataset title').fill('Late tickets');
    await contributorPage.getByRole('button', { name: 'Start the draft' }).click();
    await contributorPage.waitForURL(/\/submissions\/[\w-]+\/edit$/);
    const draftUrl = contributorPage.url();
    expect(await contributorPage.getByTestId('intake-over').count()).toBe(0);
    // The deadline passes: written where the server reads it (its own SQLite file), as time would.
    const db = new Database(path.join(app.dataDir, 'assay.sqlite'));
    try {
      const changed = db
        .prepare('UPDATE data_request SET deadline_at = ? WHERE title = ?')
        .run(Date.now() - 60_000, REQUEST_TITLE);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    await contributorPage.goto(`${app.url}/requests`);
    await contributorPage.getByText('No open requests right now.').waitFor();
    // The draft says so before its contributor gets to the submit button.
    await contributorPage.goto(draftUrl);
    await contributorPage
      .getByTestId('intake-over')
      .getByText(
        /^It stopped taking them at its deadline, .*\. Your draft is kept, but it cannot be submitted to this request\.$/,
      )
      .waitFor();
    const reviewerPage = await as('reviewer');
    await reviewerPage.goto(`${app.url}/review/requests`);
    await reviewerPage
      .getByTestId('requests')
      .getByRole('row')
      .filter({ hasText: REQUEST_TITLE })
      .getByTestId('past-deadline')
      .waitFor();
    // The list gives the deadline, with its time (it had no deadline column: QA pass).
    const deadlineCell = reviewerPage
      .getByTestId('requests')
      .getByRole('row')
      .filter({ hasText: REQUEST_TITLE })
      .getByRole('cell')
      .last();
    expect(await deadlineCell.textContent()).toMatch(/\d{4}.*\d{1,2}:\d{2}/);
    // Its reviewer closes it; the draft then says it was closed, and nothing else.
    await reviewerPage.getByRole('link', { name: REQUEST_TITLE }).click();
    await reviewerPage.getByRole('button', { name: 'Close the request' }).click();
    // Closing asks first, saying what happens to the budget.
    await reviewerPage
      .getByRole('group', { name: 'Close the request' })
      .getByText(/what is left of its budget goes back to the organisation/)
      .waitFor();
    await reviewerPage.getByRole('button', { name: 'Close it' }).click();
    await reviewerPage
      .getByTestId('requests')
      .getByRole('row')
      .filter({ hasText: REQUEST_TITLE })
      .getByText('closed', { exact: true })
      .waitFor();
    // Opened again, the closed request reads as it was and cannot be changed; its books say what it paid
    // and what went back (the budget's note counted the refund as paid, and "Save changes" was refused).
    await reviewerPage.getByRole('link', { name: REQUEST_TITLE }).click();
    const closed = reviewerPage.getByTestId('request-closed');
    await closed.getByText(/It paid/).waitFor();
    const [, paid, returned] =
      /It paid €([\d,.]+) in rewards; €([\d,.]+) of its budget went back/.exec(
        (await closed.textContent()) ?? '',
      ) ?? [];
    const euros = (text: string | undefined) => Number(text?.replaceAll(',', ''));
    expect(euros(paid) + euros(returned)).toBe(euros(await field(reviewerPage, 'Budget (€)').inputValue()));
    expect(await field(reviewerPage, 'Title').isDisabled()).toBe(true);
    expect(await reviewerPage.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    await reviewerPage.getByRole('link', { name: 'Back' }).click();
    await reviewerPage.getByTestId('requests').waitFor();
    await contributorPage.goto(draftUrl);
    await contributorPage
      .getByTestId('intake-over')
      .getByText('It has been closed. Your draft is kept, but it cannot be submitted to this request.')
      .waitFor();
  });

  it('no page threw, logged an error or opened a dialog', () => {
    for (const [role, { problems }] of Object.entries(contexts)) expect(problems, role).toEqual([]);
  });

  it('every screenshot shows a rendered page, not a blank one', () => {
    expect(shots.length).toBeGreaterThanOrEqual(8);
    for (const file of shots) {
      const stats = pixelStats(file);
      expect(stats.width, file).toBeGreaterThan(300);
      expect(stats.stdDev, file).toBeGreaterThan(8);
      expect(stats.distinctColours, file).toBeGreaterThan(20);
    }
  });
});
