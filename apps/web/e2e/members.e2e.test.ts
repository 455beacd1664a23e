import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  choose,
  createOperator,
  field,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  screenshot,
  signIn,
  startApp,
  watchPage,
} from './support.ts';

// An operator makes someone an organisation's admin; the admin invites a reviewer, sees the members and
// removes one; the operator sees the same members.

const operator = { email: 'ops@members.test', password: 'operator-password-1' };
const admin = { name: 'Ada Admin', email: 'ada@beta.test', password: 'admin-password-1' };
const reviewer = { name: 'Rob Reviewer', email: 'rob@beta.test', password: 'reviewer-password-1' };

let app: RunningApp;
let browser: Browser;
const problems: string[][] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  problems.push(watchPage(page));
  return page;
}

/** Invites `email` as `role` from the members panel on the page and returns the link. */
async function invite(page: Page, email: string, role: RegExp): Promise<string> {
  const shown = page.getByTestId('invite-link');
  const before = (await shown.count()) > 0 ? await shown.textContent() : null;
  await field(page, "Reviewer's email").fill(email);
  await choose(page, 'Role', role);
  await page.getByRole('button', { name: 'Invite' }).click();
  // The link of an earlier invitation stays on screen until this one's arrives.
  await expect
    .poll(async () => ((await shown.count()) > 0 ? await shown.textContent() : null))
    .not.toBe(before);
  const link = (await shown.textContent()) ?? '';
  expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
  return link;
}

async function accept(link: string, who: { name: string; password: string }): Promise<Page> {
  const page = await newPage();
  await page.goto(link);
  await page.getByRole('textbox', { name: /^Your name/ }).fill(who.name);
  await page.locator('input[type=password]').fill(who.password);
  await page.getByRole('button', { name: 'Accept and sign in' }).click();
  await page.getByTestId('whoami').filter({ hasText: 'reviewer' }).waitFor();
  // Welcomed, not told that the invitation "has been used" (the signed-in page re-reads it, accepted).
  const joined = page.getByTestId('invitation-joined');
  await joined.getByRole('heading', { name: /^Welcome to / }).waitFor();
  expect(await page.getByText('This invitation has been used').count()).toBe(0);
  await joined.getByRole('link', { name: 'Open the review queue' }).click();
  await page.waitForURL(/\/review$/);
  return page;
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

it('an admin invites and removes members; operators see the same list', async () => {
  const ops = await newPage();
  await signIn(ops, app.url, operator);
  await ops.goto(`${app.url}/operator/organisations`);
  // A name too short is said at the field once it is left, not only by a greyed-out Create.
  await field(ops, 'New organisation').fill('B');
  await field(ops, 'New organisation').press('Tab');
  await ops.getByText('Give the organisation a name of at least 2 characters').waitFor();
  expect(await ops.getByRole('button', { name: 'Create' }).isDisabled()).toBe(true);
  await field(ops, 'New organisation').fill('B'.repeat(201));
  await ops.getByText('Keep the organisation name to at most 200 characters').waitFor();
  await field(ops, 'New organisation').fill('Beta Labs');
  await ops.getByRole('button', { name: 'Create' }).click();
  await ops.getByTestId('organisations').getByText('Beta Labs').waitFor();
  // A name taken is said at the field, until another name is typed.
  await field(ops, 'New organisation').fill('Beta Labs');
  await ops.getByRole('button', { name: 'Create' }).click();
  const nameError = ops.getByText(/already exists/);
  await nameError.waitFor();
  await field(ops, 'New organisation').fill('Beta Labs East');
  await nameError.waitFor({ state: 'detached' });
  await field(ops, 'New organisation').fill('');
  // An address with no organisation chosen: the missing choice is named, not only by a greyed-out Invite.
  await field(ops, "Reviewer's email").fill('someone@beta.test');
  await field(ops, "Reviewer's email").press('Tab');
  await ops.getByText('Choose the organisation to invite them to').waitFor();
  // Invite is not greyed out (it said nothing of why): clicked, it sends nothing and the message stays.
  await ops.getByRole('button', { name: 'Invite' }).click();
  await ops.getByText('Choose the organisation to invite them to').waitFor();
  expect(await ops.getByTestId('invite-link').count()).toBe(0);
  await choose(ops, 'Organisation', 'Beta Labs');
  await ops.getByText('Choose the organisation to invite them to').waitFor({ state: 'detached' });
  // An address that is not one is named once the field is left, or at a click on Invite.
  await field(ops, "Reviewer's email").fill('not-an-email');
  await field(ops, "Reviewer's email").press('Tab');
  await ops.getByText('This is not an email address: write it as name@example.com').waitFor();
  await field(ops, "Reviewer's email").fill('still-not-an-email');
  await ops.getByRole('button', { name: 'Invite' }).press('Enter');
  await ops.getByText('This is not an email address: write it as name@example.com').waitFor();
  expect(await ops.getByTestId('invite-link').count()).toBe(0);
  const adminLink = await invite(ops, admin.email, /^Admin/);

  const adminPage = await accept(adminLink, admin);
  await adminPage.getByRole('link', { name: 'Members' }).click();
  await adminPage.getByRole('heading', { name: 'Members of Beta Labs' }).waitFor();
  const reviewerLink = await invite(adminPage, reviewer.email, /^Reviewer/);
  const pending = adminPage.getByTestId('invitations');
  await pending
    .getByRole('row')
    .filter({ hasText: reviewer.email })
    .filter({ hasText: 'works until' })
    .waitFor();
  const reviewerPage = await accept(reviewerLink, reviewer);

  // A lost link: revoke it, and it stops working at once.
  const lostLink = await invite(adminPage, 'lost@beta.test', /^Reviewer/);
  await adminPage.getByRole('button', { name: 'Revoke the invitation of lost@beta.test' }).click();
  await pending
    .getByRole('row')
    .filter({ hasText: 'lost@beta.test' })
    .filter({ hasText: 'expired or revoked' })
    .waitFor();
  const stranger = await newPage();
  await stranger.goto(lostLink);
  await stranger.getByText('This invitation has expired').waitFor();

  await adminPage.reload();
  const members = adminPage.getByTestId('members');
  await members.getByText(reviewer.email).waitFor();
  // Accepted: no longer among the invitations.
  await expect(pending.getByText(reviewer.email).count()).resolves.toBe(0);
  // The admin is listed as themselves, with nothing to remove.
  const self = members.getByRole('row').filter({ hasText: admin.email });
  await expect(self.textContent()).resolves.toContain('you');
  expect(await self.getByRole('button').count()).toBe(0);
  await screenshot(adminPage, 'reviewer-admin-members');

  // The admin makes the reviewer an admin too, who can then manage the members; and a reviewer again.
  const roleOf = `Role of ${reviewer.name} in Beta Labs`;
  await choose(adminPage, roleOf, 'Admin');
  await reviewerPage.goto(`${app.url}/review/members`);
  await reviewerPage.getByRole('heading', { name: 'Members of Beta Labs' }).waitFor();
  await choose(adminPage, roleOf, 'Reviewer');
  await expect.poll(() => field(adminPage, roleOf).inputValue()).toBe('Reviewer');
  await reviewerPage.reload();
  await reviewerPage.getByText("Only an organisation's admins manage its members.").waitFor();

  // Removing takes a second click.
  await adminPage.getByRole('button', { name: `Remove ${reviewer.name} from Beta Labs` }).click();
  await adminPage.getByRole('button', { name: `Remove ${reviewer.name}`, exact: true }).click();
  await members.getByText(reviewer.email).waitFor({ state: 'detached' });

  await ops.reload();
  await ops.getByTestId('organisations').getByRole('button', { name: 'Beta Labs' }).click();
  const opsMembers = ops.getByTestId('members');
  await opsMembers.getByText(admin.email).waitFor();
  await expect(opsMembers.getByText(reviewer.email).count()).resolves.toBe(0);
  const row = ops.getByTestId('organisations').getByRole('row').filter({ hasText: 'Beta Labs' });
  await expect(row.textContent()).resolves.toContain('1');

  // Signed in, the admin joins a second organisation without a password (the session is the proof).
  await ops.goto(`${app.url}/operator/organisations`);
  await field(ops, 'New organisation').fill('Gamma Labs');
  await ops.getByRole('button', { name: 'Create' }).click();
  await ops.getByTestId('organisations').getByText('Gamma Labs').waitFor();
  await choose(ops, 'Organisation', 'Gamma Labs');
  const gammaLink = await invite(ops, admin.email, /^Reviewer/);
  // Someone signed in with another address is told whose invitation it is.
  const other = await accept(await invite(ops, 'cleo@gamma.test', /^Reviewer/), {
    name: 'Cleo',
    password: 'cleo-password-1',
  });
  await other.goto(gammaLink);
  await other.getByText(`This invitation is for ${admin.email}`).waitFor();
  await adminPage.goto(gammaLink);
  await adminPage.getByRole('heading', { name: 'Join Gamma Labs' }).waitFor();
  expect(await adminPage.locator('input[type=password]').count()).toBe(0);
  await adminPage.getByRole('button', { name: 'Join Gamma Labs' }).click();
  // Welcomed to it, as a new account is, and on to the queue from there.
  const welcome = adminPage.getByTestId('invitation-joined');
  await welcome.getByRole('heading', { name: 'Welcome to Gamma Labs' }).waitFor();
  await welcome.getByRole('link', { name: 'Open the review queue' }).click();
  await adminPage.waitForURL(/\/review$/);
  // Signed out, a reviewer with an account signs in on the invitation's page (where sign-in is rate
  // limited), then joins; a wrong password is the sign-in's refusal, and joins nothing.
  const robLink = await invite(ops, reviewer.email, /^Reviewer/);
  const signedOut = await newPage();
  await signedOut.goto(robLink);
  await signedOut.locator('input[type=password]').fill('not the password');
  await signedOut.getByRole('button', { name: 'Sign in and join' }).click();
  await signedOut.getByText(/invalid email or password/i).waitFor();
  await signedOut.locator('input[type=password]').fill(reviewer.password);
  await signedOut.getByRole('button', { name: 'Sign in and join' }).click();
  await signedOut
    .getByTestId('invitation-joined')
    .getByRole('heading', { name: 'Welcome to Gamma Labs' })
    .waitFor();
  await signedOut.getByTestId('whoami').filter({ hasText: 'reviewer' }).waitFor();
  await ops.reload();
  await ops.getByTestId('organisations').getByRole('button', { name: 'Gamma Labs' }).click();
  await ops.getByTestId('members').getByText(admin.email).waitFor();

  // An unknown page under a role's screens goes to that role's home rather than showing nothing.
  await adminPage.goto(`${app.url}/review/nowhere`);
  await adminPage.waitForURL(/\/review$/);
  await ops.goto(`${app.url}/operator/nowhere`);
  await ops.waitForURL(/\/operator$/);
  // The refusals asked for: the organisation name taken, and the wrong password at the sign-in.
  const expected = /status of 409 .*admin\.organisation\.create|status of 401 .*\/api\/auth\/sign-in\/email/;
  for (const list of problems) expect(list.filter((problem) => !expected.test(problem))).toEqual([]);
});
