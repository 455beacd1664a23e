import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { authenticate, organisationWithRequest, ticketsRequest } from './api.ts';
import {
  createOperator,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  sessionPage,
  signIn,
  startApp,
  watchPage,
} from './support.ts';

// A mistyped id in a URL (/review/versions/not-a-uuid) said "Check what you entered: Invalid UUID", as if
// the person had filled in a form wrong, while a well-formed unknown id said "Not found". Both are pages
// that do not exist, and now say so alike.

const operator = { email: 'ops@not-found.test', password: 'operator-password-1' };
const reviewer = { name: 'Nell Nowhere', email: 'nell@not-found.test', password: 'reviewer-password-1' };
const contributor = {
  name: 'Milo Mistype',
  email: 'milo@not-found.test',
  password: 'contributor-password-1',
};
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let app: RunningApp;
let browser: Browser;
let reviewerPage: Page;
let contributorPage: Page;
let problems: string[];

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  await organisationWithRequest(app.url, operator, reviewer, ticketsRequest({ title: 'Somewhere' }));
  const { cookie } = await authenticate(app.url, 'sign-up/email', contributor);

  browser = await launchBrowser();
  reviewerPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  reviewerPage.setDefaultTimeout(20_000);
  // The API answers 404, which the browser logs as a failed load: expected here.
  problems = watchPage(reviewerPage, { isExpectingFailedLoads: true });
  await signIn(reviewerPage, app.url, reviewer);
  contributorPage = await sessionPage(browser, app.url, cookie);
  contributorPage.setDefaultTimeout(20_000);
  problems.push(...watchPage(contributorPage, { isExpectingFailedLoads: true }));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The page's alert, once it shows: its title, then its text. */
async function alertAt(page: Page, path: string): Promise<string> {
  await page.goto(`${app.url}${path}`);
  const alert = page.getByRole('alert').filter({ hasText: /Not found|Check what you entered/ });
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

const PAGES = [
  {
    what: 'a version under review',
    as: 'reviewer',
    path: '/review/versions/:id',
    names: 'submission version',
  },
  {
    what: 'a data request in the editor',
    as: 'reviewer',
    path: '/review/requests/:id',
    names: 'data request',
  },
  { what: 'a submission', as: 'contributor', path: '/submissions/:id', names: 'submission' },
  { what: 'a draft in the wizard', as: 'contributor', path: '/submissions/:id/edit', names: 'submission' },
] as const;

it.each(PAGES)('a malformed id for $what shows the not-found page an unknown id shows', async (page) => {
  const browserPage = page.as === 'reviewer' ? reviewerPage : contributorPage;
  expect(await alertAt(browserPage, page.path.replace(':id', UNKNOWN))).toBe(
    `Not foundNo ${page.names} with id '${UNKNOWN}'`,
  );
  expect(await alertAt(browserPage, page.path.replace(':id', 'not-a-uuid'))).toBe(
    `Not foundNo ${page.names} with id 'not-a-uuid'`,
  );
  expect(problems).toEqual([]);
});
