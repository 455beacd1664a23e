import { ACCOUNT_NAME_MAX_LENGTH } from '@assay/schema';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  screenshot,
  signIn,
  startApp,
  watchPage,
} from './support.ts';

// Every page of every role on a phone (375 × 812): nothing scrolls the whole page sideways, and what a
// row is about (its title, its state, its score) is on the screen without scrolling. Titles are long, one
// of them a single unbroken word, as contributors and reviewers type them. Then the operator's Users page
// on a laptop (1280 px) with the suspend form open: the table does not scroll sideways either.

const PHONE = { width: 375, height: 812 };

const operator = { email: 'ops@phone.test', password: 'operator-password-1' };
const reviewer = { name: 'Petra Phone', email: 'petra@phone.test', password: 'reviewer-password-1' };
const contributor = { name: 'Pablo Pocket', email: 'pablo@phone.test', password: 'contributor-password-1' };
/** A name just under the limit, with no space to break at (as in operator-tables.e2e.test.ts). */
const longName = {
  name: 'L'.repeat(ACCOUNT_NAME_MAX_LENGTH - 1),
  email: 'long@phone.test',
  password: 'pw-long-name-1',
};
/** An address wider than its cell, with no hyphen (where a browser would break it anyway). */
const longEmail = {
  name: 'Wilhelmina Wrap',
  email: 'wilhelmina.wrapworthy@subdomain.phone.test',
  password: 'pw-long-email-1',
};

const REQUEST_TITLE =
  'Customer support tickets from European hosting companies, labeled by urgency for a triage model';
/** A long title with spaces, and one that is a single word (no place to break it). */
const LONG_TITLE =
  'Customer support tickets from a small hosting company in the EU, labeled high or low urgency by the agent who closed them';
const UNBROKEN_TITLE = 'support_tickets_export_20250301_to_20250531_labeled_by_urgency_final_v2';

let app: RunningApp;
let browser: Browser;
let requestId: string;
let rita: Api;
/** The submissions the contributor has, by title: their id, latest version and rounded score. */
const made: Record<string, { submissionId: string; versionId: string }> = {};
let draftId: string;
const problems: string[][] = [];

/** A laptop-sized page: signing in waits for the header's address, which a phone's header leaves out. */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  problems.push(watchPage(page));
  return page;
}

/**
 * How far the page reaches sideways, and the elements that stick out past the window's right edge (the
 * outermost of each, for the failure's message).
 */
function sideways(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const sticking: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const right = element.getBoundingClientRect().right;
      const parentRight = element.parentElement?.getBoundingClientRect().right ?? 0;
      if (right > width + 0.5 && parentRight <= width + 0.5) {
        const name = `${element.tagName.toLowerCase()}.${String(element.className).split(' ')[0]}`;
        sticking.push(`${name} to ${Math.round(right)}: ${element.textContent?.slice(0, 60)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, sticking };
  });
}

/** Fails, naming what sticks out, when the page scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, name: string) {
  await screenshot(page, `phone-${name}`);
  const { scrollWidth, width, sticking } = await sideways(page);
  expect
    .soft(scrollWidth, `${name} is ${scrollWidth} px wide: ${sticking.join(' | ')}`)
    .toBeLessThanOrEqual(width);
}

/** The cell of `row` under the column headed `header` (among the columns shown at this width). */
async function cellUnder(table: Locator, row: Locator, header: string): Promise<Locator> {
  const headers = await table.getByRole('columnheader').allTextContents();
  const index = headers.indexOf(header);
  expect(index, `no column "${header}" among ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  return row.getByRole('cell').nth(index);
}

/** Fails when `locator`'s words are cut (an ellipsis, or a badge squeezed to "O…"). */
async function expectWhole(locator: Locator, name: string) {
  const cut = await locator.evaluate((element) =>
    [element, ...Array.from(element.querySelectorAll('*'))].some(
      (node) => node.scrollWidth > node.clientWidth + 1,
    ),
  );
  expect.soft(cut, `${name} is cut short`).toBe(false);
}

/** Each notification's text, and when it came, are on the screen. */
async function expectNotificationsOnScreen(page: Page) {
  const items = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
  await items.first().waitFor();
  for (const [index, item] of (await items.all()).entries()) {
    await expectOnScreen(page, {
      [`notification ${index + 1}`]: item.getByRole('link'),
      [`time of notification ${index + 1}`]: item.locator('p').last(),
    });
  }
}

/** The text of `locator` line by line, as the browser wrapped it (each character's box says its line). */
function linesOf(locator: Locator): Promise<string[]> {
  return locator.evaluate((element) => {
    const lines: { top: number; text: string }[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let at = 0; at < text.length; at++) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        const last = lines.at(-1);
        if (last && Math.abs(last.top - top) < 4) last.text += text[at];
        else lines.push({ top, text: text[at] ?? '' });
      }
    }
    return lines.map((line) => line.text);
  });
}

/** Whether each of `locators` is shown, wholly inside the window's width (without scrolling anything). */
async function expectOnScreen(page: Page, locators: Record<string, Locator>) {
  const width = await page.evaluate(() => window.innerWidth);
  for (const [name, locator] of Object.entries(locators)) {
    const box = await locator.boundingBox();
    expect.soft(box, `${name} is not shown`).not.toBeNull();
    if (!box) continue;
    expect.soft(box.x, `${name} starts off screen`).toBeGreaterThanOrEqual(0);
    expect
      .soft(box.x + box.width, `${name} ends at ${Math.round(box.x + box.width)} px`)
      .toBeLessThanOrEqual(width);
  }
}

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  ({ reviewer: rita, requestId } = await organisationWithRequest(
    app.url,
    operator,
    reviewer,
    ticketsRequest({ title: REQUEST_TITLE }),
  ));
  const pablo = await authenticate(app.url, 'sign-up/email', contributor);
  await authenticate(app.url, 'sign-up/email', longName);
  await authenticate(app.url, 'sign-up/email', longEmail);
  // One accepted (it earns), one waiting in the queue, one scored for no request, and a draft.
  for (const [title, forRequest, states] of [
    [LONG_TITLE, true, ['in_review']],
    [UNBROKEN_TITLE, true, ['in_review']],
    [`${LONG_TITLE}, second export`, false, ['scored']],
  ] as const) {
    made[title] = await submitCsv(app.url, pablo, {
      ...(forRequest ? { requestId } : {}),
      manifest: { ...GOOD_MANIFEST, title },
      csv: GOOD_CSV,
      states: [...states],
    });
  }
  await rita.review.decide.mutate({
    versionId: made[LONG_TITLE]!.versionId,
    decision: 'accept',
    reasonCodes: ['accept.meets-requirements'],
    comment: 'Clean and documented.',
    timeSpentMs: 1_000,
  });
  ({ submissionId: draftId } = await draftCsv(app.url, pablo, {
    requestId,
    manifest: { ...GOOD_MANIFEST, title: `${UNBROKEN_TITLE}_draft` },
    csv: GOOD_CSV,
  }));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('on a 375 px phone', () => {
  it("the contributor's pages stay within the screen, and each submission's title, state and score show", async () => {
    const page = await newPage();
    await signIn(page, app.url, contributor);
    await page.setViewportSize(PHONE);

    const table = page.getByTestId('submissions');
    await table.waitFor();
    const { api } = await authenticate(app.url, 'sign-in/email', contributor);
    const submissions = await api.submission.list.query();
    expect(submissions).toHaveLength(4);
    for (const submission of submissions) {
      const title = submission.latest.manifest.title ?? '';
      const link = table.getByRole('link', { name: title, exact: true });
      const row = table
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: title, exact: true }) });
      const score = submission.latest.score;
      const state = await cellUnder(table, row, 'State');
      await expectOnScreen(page, {
        [`title of ${title}`]: link,
        [`state of ${title}`]: state,
        [`score of ${title}`]: await cellUnder(table, row, 'Score'),
      });
      await expectWhole(state.getByTestId('state'), `state of ${title}`);
      expect(await (await cellUnder(table, row, 'Score')).textContent()).toBe(
        score === null ? '—' : String(Math.round(score)),
      );
    }
    await expectNoSidewaysScroll(page, 'contributor-submissions');

    await page.goto(`${app.url}/submissions/${made[UNBROKEN_TITLE]!.submissionId}`);
    await page.getByTestId('dataset-profile').waitFor();
    await expectOnScreen(page, {
      title: page.getByRole('heading', { name: UNBROKEN_TITLE }),
      state: page.getByTestId('state').first(),
      score: page.getByTestId('overall-score'),
    });
    await expectNoSidewaysScroll(page, 'contributor-submission');

    await page.goto(`${app.url}/requests`);
    await page.getByTestId('request-card').first().waitFor();
    await expectNoSidewaysScroll(page, 'contributor-requests');

    await page.goto(`${app.url}/earnings`);
    const ledger = page.getByTestId('ledger');
    await ledger.waitFor();
    await expectOnScreen(page, { amount: await cellUnder(ledger, ledger.getByRole('row').nth(1), 'Amount') });
    await expectNoSidewaysScroll(page, 'contributor-earnings');

    await page.goto(`${app.url}/notifications`);
    await expectNotificationsOnScreen(page);
    await expectNoSidewaysScroll(page, 'contributor-notifications');

    await page.goto(`${app.url}/new`);
    await page.getByRole('button', { name: 'Start the draft' }).waitFor();
    await expectNoSidewaysScroll(page, 'contributor-new');

    // The wizard's steps, from the preview of a draft with its file uploaded (complete, it opens on Submit).
    await page.goto(`${app.url}/submissions/${draftId}/edit?step=preview`);
    await page.getByTestId('preview').waitFor();
    await expectNoSidewaysScroll(page, 'wizard-preview');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Next: Preview' }).waitFor();
    await expectNoSidewaysScroll(page, 'wizard-file');
    await page.getByRole('button', { name: 'Next: Preview' }).click();
    await page.getByRole('button', { name: 'Next: Datasheet' }).click();
    await page.getByRole('button', { name: 'Next: Pre-score' }).waitFor();
    await expectNoSidewaysScroll(page, 'wizard-datasheet');
    await page.getByRole('button', { name: 'Next: Pre-score' }).click();
    await page.getByTestId('dataset-profile').waitFor({ timeout: 30_000 });
    await expectNoSidewaysScroll(page, 'wizard-pre-score');
    expect(problems.flat()).toEqual([]);
  });

  it("the reviewer's pages stay within the screen, and each queued version's title and score show", async () => {
    const page = await newPage();
    await signIn(page, app.url, reviewer);
    await page.setViewportSize(PHONE);

    const queue = page.getByTestId('queue');
    await queue.waitFor();
    const { items } = await rita.review.queue.query({ sort: 'age', order: 'asc', limit: 100 });
    expect(items).toHaveLength(1);
    for (const item of items) {
      const row = queue.getByRole('row').filter({ hasText: item.title });
      const score = await cellUnder(queue, row, 'Score');
      await expectOnScreen(page, {
        [`title of ${item.title}`]: row.getByRole('link', { name: item.title }),
        [`score of ${item.title}`]: score,
      });
      expect(await score.textContent()).toBe(`${Math.round(item.scores.overall ?? -1)}grade`);
      await expectWhole(score.getByText('grade'), `grade of ${item.title}`);
    }
    await expectNoSidewaysScroll(page, 'reviewer-queue');

    await page.goto(`${app.url}/review/versions/${made[UNBROKEN_TITLE]!.versionId}`);
    await page.getByTestId('dataset-profile').waitFor();
    const decision = page.getByTestId('decision-panel').getByRole('radiogroup', { name: 'Decision' });
    await expectOnScreen(page, {
      title: page.getByRole('heading', { name: UNBROKEN_TITLE }),
      state: page.getByTestId('state').first(),
      // "Ask for changes (c)" ran past its card's edge, clipped.
      'decision choice': decision,
      'ask for changes': decision.getByText(/^Ask for changes/),
    });
    await expectWhole(decision, 'decision choice');
    // A phone has no keys for the shortcuts: the choices do not name them.
    expect(await decision.textContent()).toBe('AcceptRejectAsk for changes');
    await expectNoSidewaysScroll(page, 'reviewer-review');

    await page.goto(`${app.url}/review/accepted`);
    await page.getByTestId('accepted').waitFor();
    await expectNoSidewaysScroll(page, 'reviewer-accepted');

    await page.goto(`${app.url}/review/requests`);
    const requests = page.getByTestId('requests');
    const request = requests.getByRole('row').filter({ hasText: REQUEST_TITLE });
    await request.waitFor();
    const status = await cellUnder(requests, request, 'Status');
    await expectOnScreen(page, {
      title: request.getByRole('link', { name: REQUEST_TITLE }),
      status,
      left: await cellUnder(requests, request, 'Left'),
    });
    await expectWhole(status.getByText('open'), 'status');
    await expectNoSidewaysScroll(page, 'reviewer-requests');

    await page.goto(`${app.url}/review/requests/${requestId}`);
    await page.getByRole('textbox', { name: /^Title/ }).waitFor();
    await expectNoSidewaysScroll(page, 'reviewer-request-editor');

    await page.goto(`${app.url}/review/requests/new`);
    await page.getByRole('textbox', { name: /^Title/ }).waitFor();
    await expectNoSidewaysScroll(page, 'reviewer-request-new');

    await page.goto(`${app.url}/notifications`);
    await expectNotificationsOnScreen(page);
    await expectNoSidewaysScroll(page, 'reviewer-notifications');
    expect(problems.flat()).toEqual([]);
  });

  it("the operator's pages stay within the screen", async () => {
    const page = await newPage();
    await signIn(page, app.url, operator);
    await page.setViewportSize(PHONE);
    await page.getByTestId('chart-funnel').locator('.recharts-label-list').first().waitFor();
    await expectNoSidewaysScroll(page, 'operator-dashboard');

    await page.goto(`${app.url}/operator/activity`);
    await page.getByTestId('events').waitFor();
    await expectNoSidewaysScroll(page, 'operator-activity');

    await page.goto(`${app.url}/operator/users`);
    await page.getByTestId('users').waitFor();
    await expectNoSidewaysScroll(page, 'operator-users');
    // A long address wraps after its "@" or before a dot, not wherever its line ran out.
    const users = page.getByTestId('users');
    const address = await cellUnder(
      users,
      users.getByRole('row').filter({ hasText: longEmail.email }),
      'Email',
    );
    const addressLines = await linesOf(address.locator('p'));
    expect(addressLines.join('')).toBe(longEmail.email);
    expect(addressLines.length, addressLines.join(' / ')).toBeGreaterThan(1);
    for (const [index, line] of addressLines.slice(1).entries())
      expect(
        addressLines[index]!.endsWith('@') || line.startsWith('.'),
        `broken as ${addressLines.join(' / ')}`,
      ).toBe(true);

    await page.goto(`${app.url}/operator/organisations`);
    await page.getByText(`${reviewer.name}'s company`).first().waitFor();
    await expectNoSidewaysScroll(page, 'operator-organisations');

    // The navigation drawer opens from the menu button and closes with Escape, as a dialog does.
    // (Closed, the drawer slides off the screen's left edge: still "visible" to the browser.)
    const activityLink = page.getByRole('link', { name: 'Activity' });
    const isOnScreen = () => activityLink.evaluate((link) => link.getBoundingClientRect().right > 0);
    expect(await isOnScreen()).toBe(false);
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await expect.poll(isOnScreen).toBe(true);
    // The header has no room for who is signed in; the drawer says it.
    expect(await page.getByTestId('whoami').isVisible()).toBe(false);
    expect(await page.getByTestId('whoami-drawer').textContent()).toBe(
      `Signed in as ${operator.email} · operator`,
    );
    expect(await page.getByTestId('whoami-drawer').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(isOnScreen).toBe(false);
    expect(problems.flat()).toEqual([]);
  });
});

it('on a 1280 px laptop the Users table does not scroll sideways with a suspend form open', async () => {
  const page = await newPage();
  await signIn(page, app.url, operator);
  await page.goto(`${app.url}/operator/users`);
  const users = page.getByTestId('users');
  /** How wide the table is against its scroll container. */
  const widths = () =>
    users.evaluate((table) => {
      const viewport = table.closest('.mantine-ScrollArea-viewport');
      return { table: table.scrollWidth, container: viewport?.clientWidth ?? 0 };
    });
  for (const who of [contributor, longName]) {
    const row = users.getByRole('row').filter({ hasText: who.email });
    await row.getByRole('button', { name: `Suspend ${who.name}` }).click();
    await row.getByRole('textbox', { name: 'Reason' }).waitFor();
    await screenshot(page, `laptop-operator-users-suspending-${who.email.split('@')[0]}`);
    const { table, container } = await widths();
    expect(container).toBeGreaterThan(0);
    expect(table, `the table is ${table} px wide in ${container} px`).toBeLessThanOrEqual(container);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await row.getByRole('button', { name: 'Cancel' }).click();
  }
  expect(problems.flat()).toEqual([]);
});
