import type { Page, Request } from 'playwright-core';
import { expect } from 'vitest';

// CI shows only the tests' output: when a journey fails, what its browser showed and did is printed there
// (e2e/setup.ts), for every page `watchPage` watches that is still open.

/** How many of each kind of event a page keeps: the last ones before a failure are what matter. */
const KEPT = 20;
/** How much of the page's visible text a report prints. */
export const MAX_TEXT_CHARS = 4_000;

/** One thing the browser said or did, at `at` (epoch ms). */
export interface PageEvent {
  at: number;
  text: string;
}

/** What a failure report says about one page, read when the test failed. */
export interface PageSnapshot {
  url: string;
  /** The test that began watching the page, or null (a `beforeAll`'s page, shared by the file's tests). */
  watchedIn: string | null;
  /** The page's visible text (`innerText` of its body), or why it could not be read. */
  text: { value: string } | { error: string };
  /** Console errors and uncaught page errors. */
  errors: PageEvent[];
  /** Requests that failed (no answer: aborted, refused) or were answered with an HTTP error. */
  failedRequests: PageEvent[];
  /** The last requests answered, to see what the page last read. */
  finishedRequests: PageEvent[];
  /** Requests sent and not answered yet, `at` when they were sent. */
  pendingRequests: PageEvent[];
}

const watched = new Set<() => Promise<PageSnapshot>>();

/** Keeps the last `KEPT` items of `list`. */
function keep(list: PageEvent[], event: PageEvent) {
  list.push(event);
  if (list.length > KEPT) list.shift();
}

const describeRequest = (request: Request) => `${request.method()} ${request.url()}`;

/**
 * Listens to `page` for a failure report: its console errors, failed, answered and pending requests. The page
 * is reported on (by {@link describeWatchedPages}) until it closes.
 */
export function recordForFailureReport(page: Page): void {
  const watchedIn = expect.getState().currentTestName ?? null;
  const errors: PageEvent[] = [];
  const failedRequests: PageEvent[] = [];
  const finishedRequests: PageEvent[] = [];
  const pending = new Map<Request, number>();
  page.on('console', (message) => {
    if (message.type() === 'error') keep(errors, { at: Date.now(), text: `console: ${message.text()}` });
  });
  page.on('pageerror', (error) => keep(errors, { at: Date.now(), text: `pageerror: ${error.message}` }));
  page.on('request', (request) => pending.set(request, Date.now()));
  page.on('requestfailed', (request) => {
    pending.delete(request);
    const why = request.failure()?.errorText ?? 'failed';
    keep(failedRequests, { at: Date.now(), text: `${describeRequest(request)}: ${why}` });
  });
  page.on('requestfinished', (request) => {
    const sentAt = pending.get(request);
    pending.delete(request);
    request
      .response()
      .then((response) => {
        const status = response?.status() ?? 0;
        const took = sentAt === undefined ? '' : ` in ${Date.now() - sentAt} ms`;
        const event = { at: Date.now(), text: `${describeRequest(request)} → ${status}${took}` };
        keep(status >= 400 ? failedRequests : finishedRequests, event);
      })
      // The page (or the browser) closed before the answer was read: an unhandled rejection here failed a
      // whole CI run whose tests had all passed (journey.e2e). A closed page is reported on no more.
      .catch(() => {});
  });
  const snapshot = async (): Promise<PageSnapshot> => {
    let text: PageSnapshot['text'];
    try {
      // biome-ignore lint/performance/useDomNodeTextContent: the text as shown, without hidden elements' text
      text = { value: await page.locator('body').innerText({ timeout: 3_000 }) };
    } catch (error) {
      text = { error: (error as Error).message.split('\n')[0] ?? String(error) };
    }
    return {
      url: page.url(),
      watchedIn,
      text,
      errors,
      failedRequests,
      finishedRequests,
      pendingRequests: [...pending].map(([request, at]) => ({ at, text: describeRequest(request) })),
    };
  };
  watched.add(snapshot);
  page.once('close', () => watched.delete(snapshot));
}

/** A report on each page still open and watched, or null when there is none. */
export async function describeWatchedPages(now = Date.now()): Promise<string | null> {
  if (watched.size === 0) return null;
  const snapshots = await Promise.all([...watched].map((snapshot) => snapshot()));
  return snapshots.map((snapshot) => formatFailureReport(snapshot, now)).join('\n');
}

/** `at` as seconds before `now`: "-1.2 s". */
function ago(at: number, now: number): string {
  return `-${((now - at) / 1000).toFixed(1)} s`;
}

/**
 * A page's snapshot as text for the test's output: its URL, its visible text (blank lines squeezed, cut at
 * `maxTextChars`), then its errors and requests, each with how long before `now` (the failure) it happened;
 * a pending request with how long it has waited.
 */
export function formatFailureReport(
  snapshot: PageSnapshot,
  now: number,
  maxTextChars = MAX_TEXT_CHARS,
): string {
  const lines = [
    `──── Page at failure: ${snapshot.url}${snapshot.watchedIn ? ` (watched since “${snapshot.watchedIn}”)` : ''}`,
  ];
  if ('error' in snapshot.text) lines.push(`Visible text: not read (${snapshot.text.error})`);
  else {
    const text = snapshot.text.value.replace(/\n\s*\n/g, '\n').trim();
    const isCut = text.length > maxTextChars;
    lines.push(
      `Visible text (${text.length} characters${isCut ? `, the first ${maxTextChars}` : ''}):`,
      ...(isCut ? `${text.slice(0, maxTextChars)}…` : text).split('\n').map((line) => `  | ${line}`),
    );
  }
  const section = (title: string, events: readonly PageEvent[], when: (at: number) => string) => {
    lines.push(`${title}: ${events.length === 0 ? 'none' : ''}`.trimEnd());
    for (const event of events) lines.push(`  ${when(event.at)}  ${event.text}`);
  };
  section('Console and page errors', snapshot.errors, (at) => ago(at, now));
  section('Failed requests', snapshot.failedRequests, (at) => ago(at, now));
  section(
    'Pending requests',
    snapshot.pendingRequests,
    (at) => `waiting ${((now - at) / 1000).toFixed(1)} s`,
  );
  section('Last requests answered', snapshot.finishedRequests, (at) => ago(at, now));
  return lines.join('\n');
}
