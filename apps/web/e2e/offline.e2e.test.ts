import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ticketsCsv } from './fixtures.ts';
import {
  attachFile,
  createPostgresDatabase,
  field,
  fillDatasheet,
  freshDataDir,
  launchBrowser,
  openDatasheet,
  pixelStats,
  type RunningApp,
  screenshot,
  signIn,
  signUp,
  startApp,
  startDraft,
  startScoringWorker,
  waitSaved,
  watchPage,
} from './support.ts';

// A lost connection mid-wizard keeps what was typed, says so, and syncs when the connection returns;
// a submit made offline says so at once and works after reconnecting; an unexpected server error says
// so plainly and offers a retry that works; a submission page whose live updates fail marks its data
// out of date, offers a retry, and recovers by itself.

const contributor = { name: 'Olga Offline', email: 'olga@example.test', password: 'offline-password-1' };
const OFFLINE_MESSAGE = /your draft is saved on this device and will sync when you reconnect/i;

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];
const shots: string[] = [];

beforeAll(async () => {
  app = await startApp(freshDataDir());
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  // The tests cut the network and fail the server on purpose.
  problems = watchPage(page, { isExpectingFailedLoads: true });
  await signUp(page, app.url, contributor);
});

// A failed test must not leave the next one offline.
afterEach(async () => {
  await context.setOffline(false);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Creates a draft with a file attached and opens its datasheet step; returns the wizard's URL. */
async function startDraftAtDatasheet(title: string, target: Page = page, url = app.url): Promise<string> {
  const wizard = await startDraft(target, url, title);
  await attachFile(target, {
    name: 'tickets.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(ticketsCsv(40)),
  });
  await openDatasheet(target);
  return wizard;
}

/** Opens the draft in a new browser context (nothing kept on that device): it shows the server's copy. */
async function readServerCopy(url: string, labels: string[]): Promise<Record<string, string>> {
  const other = await browser.newContext();
  try {
    const fresh = await other.newPage();
    fresh.setDefaultTimeout(20_000);
    await signIn(fresh, app.url, contributor);
    await fresh.goto(url);
    await fresh.getByRole('button', { name: 'Datasheet' }).first().click();
    const values: Record<string, string> = {};
    for (const label of labels) values[label] = await field(fresh, label).inputValue();
    return values;
  } finally {
    await other.close();
  }
}

/** Answers one tRPC procedure (and whatever was batched with it) with the server's shape of an unexpected error. */
function failProcedure(procedure: string, message: string) {
  return async (route: Route) => {
    const names = decodeURIComponent(new URL(route.request().url()).pathname.split('/api/trpc/')[1] ?? '');
    const calls = names.split(',');
    if (!calls.includes(procedure)) return route.continue();
    const error = (path: string) => ({
      error: { message, code: -32603, data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, path } },
    });
    await route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify(calls.map(error)),
    });
  };
}

describe('a lost connection or a failing server', () => {
  it('keeps what was typed offline, says so, and syncs it when the browser reconnects', async () => {
    const url = await startDraftAtDatasheet('Offline tickets');
    await field(page, 'Geography').fill('EU');
    await waitSaved(page);

    await context.setOffline(true);
    await field(page, 'Intended use').fill('Training a triage classifier, typed while offline');
    await field(page, 'Known limitations').fill('English only (typed offline)');
    const notice = page.getByRole('status').filter({ hasText: OFFLINE_MESSAGE });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/You are offline/);
    await page.getByTestId('save-status').filter({ hasText: 'Offline · kept on this device' }).waitFor();
    // Moving between steps offline keeps the values (the file is in the browser, so pre-scoring works too).
    await page.getByRole('button', { name: 'Next: Pre-score' }).click();
    await page.getByTestId('report').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Back' }).click();
    await expect(field(page, 'Intended use').inputValue()).resolves.toBe(
      'Training a triage classifier, typed while offline',
    );
    shots.push(await screenshot(page, 'offline-wizard-offline'));

    await context.setOffline(false);
    await waitSaved(page);
    await expect(notice.count()).resolves.toBe(0);
    shots.push(await screenshot(page, 'offline-wizard-reconnected'));

    // The server has it (a device with nothing kept locally sees it), and a reload here shows it too.
    await expect(readServerCopy(url, ['Geography', 'Intended use', 'Known limitations'])).resolves.toEqual({
      Geography: 'EU',
      'Intended use': 'Training a triage classifier, typed while offline',
      'Known limitations': 'English only (typed offline)',
    });
    await page.reload();
    await field(page, 'Known limitations').waitFor();
    await expect(field(page, 'Known limitations').inputValue()).resolves.toBe('English only (typed offline)');
  });

  it('sends a change typed just before a reload to the server after the reload', async () => {
    const url = await startDraftAtDatasheet('Reloaded tickets');
    await waitSaved(page);
    // The reload comes before the autosave's debounce: only this device has the change.
    await field(page, 'Geography').fill('Typed then reloaded');
    await page.reload();
    await field(page, 'Geography').waitFor();
    await expect(field(page, 'Geography').inputValue()).resolves.toBe('Typed then reloaded');
    await waitSaved(page);
    await expect(readServerCopy(url, ['Geography'])).resolves.toEqual({ Geography: 'Typed then reloaded' });
  });

  it('keeps the draft when the server cannot be reached though the browser thinks it is online', async () => {
    const url = await startDraftAtDatasheet('Unreachable tickets');
    await waitSaved(page);
    const cutOff = (route: Route) => route.abort('internetdisconnected');
    await page.route('**/api/trpc/**', cutOff);
    await field(page, 'Who or what is in the data').fill('Hosting customers');
    await page.getByRole('status').filter({ hasText: OFFLINE_MESSAGE }).waitFor();
    // Background refetches fail too (TanStack Query refetches queries older than their 5 s staleTime when
    // the tab becomes visible again); they must not replace the wizard with an error page.
    await page.waitForTimeout(6_000);
    const refetches: string[] = [];
    page.on('requestfailed', (request) => refetches.push(request.url()));
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    await expect.poll(() => refetches.some((url) => url.includes('account.me'))).toBe(true);
    await page.waitForTimeout(2_000); // the query's one retry, a second later
    await expect(field(page, 'Who or what is in the data').inputValue()).resolves.toBe('Hosting customers');
    shots.push(await screenshot(page, 'offline-wizard-unreachable'));

    await page.unroute('**/api/trpc/**', cutOff);
    // No `online` event comes: the autosave retries on its own.
    await waitSaved(page);
    await expect(readServerCopy(url, ['Who or what is in the data'])).resolves.toEqual({
      'Who or what is in the data': 'Hosting customers',
    });
  });

  it('says at once that a submit made offline did not go, keeps the draft, and submits after reconnecting', async () => {
    const url = await startDraftAtDatasheet('Offline submit tickets');
    await fillDatasheet(page);
    await waitSaved(page);

    await context.setOffline(true);
    await field(page, 'Known limitations').fill('English only (changed offline, just before submitting)');
    await page.getByRole('button', { name: 'Next: Pre-score' }).click();
    await page.getByRole('button', { name: 'Next: Submit' }).click();
    const submitButton = page.getByRole('button', { name: 'Submit for scoring' });
    await submitButton.click();
    // It used to spin until the connection came back (TanStack Query paused the requests), saying nothing.
    const notSubmitted = page.getByTestId('not-submitted');
    await notSubmitted.waitFor({ timeout: 5_000 });
    await expect(notSubmitted.textContent()).resolves.toMatch(
      /You are offline — your draft is saved on this device\. Submit again when you're back online\./,
    );
    await expect(submitButton.getAttribute('data-loading')).resolves.toBeNull();
    await expect(submitButton.isEnabled()).resolves.toBe(true);
    // Still the wizard's Submit step, not the submission's page.
    expect(page.url()).toBe(`${url}?step=submit`);
    shots.push(await screenshot(page, 'offline-submit-offline'));
    // Pressing it again offline says the same, at once.
    await submitButton.click();
    await notSubmitted.waitFor({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: 'Back' }).click();
    await expect(field(page, 'Known limitations').inputValue()).resolves.toBe(
      'English only (changed offline, just before submitting)',
    );

    await context.setOffline(false);
    await waitSaved(page);
    await page.getByRole('button', { name: 'Next: Pre-score' }).click();
    await page.getByRole('button', { name: 'Next: Submit' }).click();
    await submitButton.click();
    await page.waitForURL(url.replace(/\/edit$/, ''));
    await page.getByTestId('state').first().waitFor();
    // What was typed offline is what was submitted.
    const submitted = await page.evaluate(async (id) => {
      const input = encodeURIComponent(JSON.stringify({ id }));
      const response = await fetch(`/api/trpc/submission.byId?input=${input}`, { credentials: 'include' });
      return ((await response.json()) as { result: { data: unknown } }).result.data;
    }, url.split('/').at(-2));
    expect(submitted).toMatchObject({
      versions: [
        {
          manifest: { context: { limitations: 'English only (changed offline, just before submitting)' } },
        },
      ],
    });
  });

  it('shows an unexpected server error on a save plainly, with a retry that saves', async () => {
    await startDraftAtDatasheet('Server error tickets');
    const fail = failProcedure(
      'submission.saveManifest',
      'Cannot read properties of undefined (reading "x")',
    );
    await page.route('**/api/trpc/**', fail);
    await field(page, 'Geography').fill('Worldwide');
    const alert = page.getByRole('alert').filter({ hasText: 'Could not save' });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toMatch(/unexpected problem/i);
    expect(text).toMatch(/kept on this device/i);
    // The raw exception is not what a contributor reads.
    expect(text).not.toContain('Cannot read properties');
    shots.push(await screenshot(page, 'offline-save-error'));

    await page.unroute('**/api/trpc/**', fail);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await waitSaved(page);
    await expect(alert.count()).resolves.toBe(0);
    await expect(field(page, 'Geography').inputValue()).resolves.toBe('Worldwide');
  });

  // The upload's answer carries the draft's new updatedAt. Before, the wizard asked for the draft again
  // after a stored upload, and a failure of that second request marked the file as failed: Submit stayed
  // disabled (a fresh-clone CI run timed out on it).
  it('keeps a stored upload uploaded when the draft cannot be read again after it', async () => {
    await startDraft(page, app.url, 'Upload then refresh fails');
    await page.locator('input[type=file]').first().waitFor({ state: 'attached' });
    let failedReads = 0;
    const fail = (route: Route) => {
      if (!route.request().url().includes('submission.byId')) return route.fallback();
      failedReads++;
      return route.abort('connectionrefused');
    };
    await page.route('**/api/trpc/**', fail);
    await attachFile(page, {
      name: 'tickets.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ticketsCsv(40)),
    });
    // The wizard refreshes the draft after the upload; that read fails, and so does its one retry (a
    // second later). The file stays uploaded: give a wrong state half a second to show, then look.
    await expect.poll(() => failedReads, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(500);
    await expect(page.getByTestId('upload-status').textContent()).resolves.toMatch(/Uploaded/);
    await page.unroute('**/api/trpc/**', fail);
    // Only the upload decides whether Submit is enabled: the steps are walked without filling the datasheet.
    for (const next of ['Preview', 'Datasheet', 'Pre-score', 'Submit']) {
      await page.getByRole('button', { name: `Next: ${next}` }).click();
    }
    await expect(page.getByRole('button', { name: 'Submit for scoring' }).isEnabled()).resolves.toBe(true);
  });

  it('shows an unexpected server error on a page plainly, with a retry that loads it', async () => {
    const fail = failProcedure('submission.list', 'connection terminated unexpectedly');
    await page.route('**/api/trpc/**', fail);
    await page.goto(app.url);
    const alert = page.getByRole('alert').filter({ hasText: 'Something went wrong' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/unexpected problem/i);
    shots.push(await screenshot(page, 'offline-page-error'));

    await page.unroute('**/api/trpc/**', fail);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.getByTestId('submissions').getByText('Server error tickets').waitFor();
    await expect(alert.count()).resolves.toBe(0);
  });

  // Scoring is left to separate workers (PostgreSQL, SCORING_IN_PROCESS=false) and none runs yet, so the
  // version stays "submitted" and the page keeps polling: on SQLite the server scores a small file before
  // the page has loaded.
  it('marks live scoring progress out of date when its polling fails, with a retry, and recovers by itself', async () => {
    const database = await createPostgresDatabase();
    const dataDir = freshDataDir();
    const pgApp = await startApp(dataDir, { DATABASE_URL: database.url, SCORING_IN_PROCESS: 'false' });
    const pgContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    let worker: Awaited<ReturnType<typeof startScoringWorker>> | undefined;
    try {
      const live = await pgContext.newPage();
      live.setDefaultTimeout(20_000);
      const liveProblems = watchPage(live, { isExpectingFailedLoads: true });
      await signUp(live, pgApp.url, contributor);
      const url = await startDraftAtDatasheet('Live progress tickets', live, pgApp.url);
      await fillDatasheet(live);
      await waitSaved(live);
      await live.getByRole('button', { name: 'Next: Pre-score' }).click();
      await live.getByRole('button', { name: 'Next: Submit' }).click();
      await live.getByRole('button', { name: 'Submit for scoring' }).click();
      await live.waitForURL(url.replace(/\/edit$/, ''));
      const progress = live.getByTestId('scoring-progress');
      await progress.filter({ hasText: 'Waiting for a scorer' }).waitFor();

      // The server stops answering: the next poll fails, and the page says so instead of showing the old
      // progress as if it were current.
      let failedPolls = 0;
      const cutOff = (route: Route) => {
        if (route.request().url().includes('submission.byId')) failedPolls++;
        return route.abort('connectionrefused');
      };
      await live.route('**/api/trpc/**', cutOff);
      const notice = live.getByTestId('stale-notice');
      await notice.waitFor();
      const text = (await notice.textContent()) ?? '';
      expect(text).toMatch(/Live updates failed/);
      expect(text).toMatch(/The server cannot be reached\. What you see is from .+ and may be out of date\./);
      expect(text).toMatch(/updates by itself/);
      await expect(progress.textContent()).resolves.toMatch(/out of date/);
      shots.push(await screenshot(live, 'offline-live-progress-failed'));

      // Retry while the server is still away: it tries (one more request) and keeps saying so.
      const before = failedPolls;
      await notice.getByRole('button', { name: 'Retry' }).click();
      // (A retry is two requests a second apart: the query's own retry; expect.poll waits 1 s by default.)
      await expect.poll(() => failedPolls, { timeout: 15_000 }).toBeGreaterThan(before);
      await expect
        .poll(() => notice.getByRole('button', { name: 'Retry' }).getAttribute('data-loading'), {
          timeout: 15_000,
        })
        .toBeNull();
      await expect(notice.count()).resolves.toBe(1);

      // The server answers again: the page recovers by itself (no click), and the data is current.
      await live.unroute('**/api/trpc/**', cutOff);
      await notice.waitFor({ state: 'detached' });
      await expect(progress.textContent()).resolves.not.toMatch(/out of date/);

      // An unexpected server error on a poll: said plainly, and Retry brings the page back.
      const fail = failProcedure('submission.byId', 'relation "version" does not exist');
      await live.route('**/api/trpc/**', fail);
      await notice.waitFor();
      await expect(notice.textContent()).resolves.toMatch(/The server ran into an unexpected problem\./);
      await expect(notice.textContent()).resolves.not.toMatch(/relation/);
      await live.unroute('**/api/trpc/**', fail);
      await notice.getByRole('button', { name: 'Retry' }).click();
      await notice.waitFor({ state: 'detached', timeout: 4_000 });

      // A scorer comes: the page that recovered follows the version to its score of record.
      worker = await startScoringWorker(dataDir, database.url);
      await live.getByRole('heading', { name: 'Score of record' }).waitFor({ timeout: 60_000 });
      await expect(notice.count()).resolves.toBe(0);
      problems.push(...liveProblems);
    } finally {
      await worker?.stop();
      await pgContext.close();
      await pgApp.stop();
      await database.drop();
    }
  });

  it('no page threw, and every screenshot shows a rendered page', () => {
    expect(problems).toEqual([]);
    expect(shots.length).toBe(7);
    for (const file of shots) {
      const stats = pixelStats(file);
      expect(stats.stdDev, file).toBeGreaterThan(8);
      expect(stats.distinctColours, file).toBeGreaterThan(20);
    }
  });
});
