import { ACCOUNT_NAME_MAX_LENGTH } from '@assay/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from '../../server/test/support/datasets.ts';
import { type Api, authenticate, draftCsv, organisationWithRequest, ticketsRequest } from './api.ts';
import {
  choose,
  createOperator,
  field,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  screenshot,
  signIn,
  signUp,
  startApp,
  watchPage,
} from './support.ts';

// What operators read stays readable whatever was typed elsewhere: a contributor's name just under the
// limit (with no space to break at) leaves the Users table's actions on a 1280 px screen, and the Activity
// page says an offered submission's origin, a request's changed fields and its money in words and amounts.

const operator = { email: 'ops@tables.test', password: 'operator-password-1' };
const reviewer = { name: 'Rita Reviewer', email: 'rita@tables.test', password: 'reviewer-password-1' };
const longName = {
  name: 'L'.repeat(ACCOUNT_NAME_MAX_LENGTH - 1),
  email: 'long@tables.test',
  password: 'pw-long-name-1',
};
const offering = { name: 'Otto Offering', email: 'otto@tables.test', password: 'contributor-password-1' };

let app: RunningApp;
let browser: Browser;
let requestId: string;
let rita: Api;
const problems: string[][] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  problems.push(watchPage(page));
  return page;
}

beforeAll(async () => {
  const dataDir = freshDataDir();
  createOperator(dataDir, operator.email, operator.password);
  app = await startApp(dataDir);
  ({ reviewer: rita, requestId } = await organisationWithRequest(
    app.url,
    operator,
    reviewer,
    ticketsRequest({ title: 'Tickets, offered' }),
  ));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('a name just under the limit leaves the Users table narrow enough to suspend its account', async () => {
  const contributorPage = await newPage();
  await signUp(contributorPage, app.url, longName);

  const ops = await newPage();
  await signIn(ops, app.url, operator);
  await ops.goto(`${app.url}/operator/users`);
  const row = ops.getByTestId('users').getByRole('row').filter({ hasText: longName.email });
  await row.waitFor();
  // The whole name is there to read on hover.
  expect(await row.getByTitle(longName.name, { exact: true }).count()).toBe(1);
  const suspend = row.getByRole('button', { name: `Suspend ${longName.name}` });
  await suspend.scrollIntoViewIfNeeded();
  const box = await suspend.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
  // Nothing scrolls sideways: the table fits the page.
  expect(await ops.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

  // Asking for the reason keeps the confirmation, which names the account, on the screen too.
  await suspend.click();
  const confirm = row.getByRole('button', { name: `Suspend ${longName.name}` });
  const confirmBox = await confirm.boundingBox();
  expect(confirmBox!.x + confirmBox!.width).toBeLessThanOrEqual(1280);
  await screenshot(ops, 'operator-users-long-name');
  expect(problems.flat()).toEqual([]);
});

it("the Activity page names an offered submission's origin, a request's changed fields, and money as money", async () => {
  const otto = await authenticate(app.url, 'sign-up/email', offering);
  const { versionId } = await draftCsv(app.url, otto, { manifest: GOOD_MANIFEST, csv: GOOD_CSV });
  await otto.api.submission.offer.mutate({ versionId, requestId });
  // The editor sends the whole form: only the reward and the budget differ.
  const { id, budgetLeftCents, organisationId, organisationName, status, createdAt, ...form } =
    await rita.request.byId.query({ id: requestId });
  await rita.request.update.mutate({
    id,
    ...form,
    rewardCents: form.rewardCents + 500,
    budgetCents: form.budgetCents + 1000,
  });

  const ops = await newPage();
  await signIn(ops, app.url, operator);
  await ops.goto(`${app.url}/operator/activity`);
  const events = ops.getByTestId('events');
  await events.waitFor();
  const details = async (type: string) => {
    await choose(ops, 'Event', type, type);
    const row = events.getByRole('row').filter({ hasText: type }).first();
    await row.waitFor();
    return (await row.getByRole('cell').allTextContents())[4];
  };
  // A search no type matches says so, rather than closing as if nothing were typed.
  await field(ops, 'Event').fill('xyz');
  await ops.getByText('No event type matches').waitFor();
  await field(ops, 'Event').fill('');
  const offered = await details('submission.created');
  // The new draft first (the version the event is about), then the version it was offered from.
  expect(offered).toBe(
    `“${GOOD_MANIFEST.title}”, version 1 · offered from: “${GOOD_MANIFEST.title}”, version 1`,
  );
  const updated = await details('request.updated');
  expect(updated).toBe('fields: Reward per accepted submission, Budget · budget change: +€10.00');
  // The filter is in the address: reloaded (or shared), the log is still filtered.
  expect(new URL(ops.url()).searchParams.get('type')).toBe('request.updated');
  await ops.reload();
  await events.getByRole('row').filter({ hasText: 'request.updated' }).first().waitFor();
  expect(await field(ops, 'Event').inputValue()).toBe('Request edited');
  expect(await events.getByRole('row').filter({ hasText: 'submission.created' }).count()).toBe(0);
  await screenshot(ops, 'operator-activity-details');
  // Membership events name the organisation and the account, not their ids.
  const company = `${reviewer.name}'s company`;
  expect(await details('member.invited')).toBe(
    `organisation: ${company} · email: ${reviewer.email} · role: reviewer`,
  );
  expect(await details('member.joined')).toBe(
    `organisation: ${company} · account: ${reviewer.email} (reviewer) · role: reviewer`,
  );
  expect(problems.flat()).toEqual([]);
});

it("the dashboard's funnel writes each step's count and conversion beside its bar", async () => {
  const ops = await newPage();
  await signIn(ops, app.url, operator);
  const funnel = ops.getByTestId('chart-funnel');
  await funnel.locator('.recharts-label-list').first().waitFor();
  // A range that ends before it starts is said at the field; the charts keep their data (they said "No data
  // in this range yet" under the server's refusal, and the console logged two 400s).
  await field(ops, 'From').fill('2026-11-20');
  await field(ops, 'To').fill('2026-11-10');
  await ops.getByText('Choose a day on or after “From”').waitFor();
  // The range from the 20th on (the From just typed) is still being read when the To comes: poll.
  await expect
    .poll(() => funnel.locator('.recharts-label-list').count(), { timeout: 15_000 })
    .toBeGreaterThan(0);
  await field(ops, 'From').fill('');
  await field(ops, 'To').fill('');
  // Legends read in the text colour, not their series' light grey ("Wanted", "Offered").
  const legendColours = await ops
    .locator('.recharts-legend-item-text')
    .evaluateAll((labels) => labels.map((label) => getComputedStyle(label.firstElementChild ?? label).color));
  expect(legendColours.length).toBeGreaterThan(0);
  expect(legendColours.filter((colour) => colour === 'rgb(173, 181, 189)')).toEqual([]);
  const labels = await funnel.locator('.recharts-label-list text').allTextContents();
  expect(labels.length).toBeGreaterThan(1);
  expect(labels[0]).toMatch(/^\d+$/);
  expect(labels.slice(1).every((label) => /^\d+ · \d+(\.\d)?%$/.test(label))).toBe(true);
  await screenshot(ops, 'operator-funnel-labels');
  expect(problems.flat()).toEqual([]);
});
