import type { DraftManifest } from '@assay/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GOOD_CSV, GOOD_MANIFEST } from '../../server/test/support/datasets.ts';
import { type Api, authenticate, draftCsv } from './api.ts';
import {
  field,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  sessionPage,
  startApp,
  watchPage,
} from './support.ts';

// A draft reopened from the submissions list on another device (nothing kept in its browser, only what the
// server has) opened on its Preview, even with every step done. It opens where work is left: the first step
// that still needs something, or Submit when none does. This device, which kept where the contributor was,
// opens there, as before.

let app: RunningApp;
let browser: Browser;
let contributor: { api: Api; cookie: string };

beforeAll(async () => {
  app = await startApp(freshDataDir());
  browser = await launchBrowser();
  contributor = await authenticate(app.url, 'sign-up/email', {
    name: 'Rhea Reopen',
    email: 'rhea@example.test',
    password: 'reopen-password-1',
  });
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
  submit: (page: Page) => page.getByRole('button', { name: 'Submit for scoring' }),
} as const;

type StepName = keyof typeof ON_SCREEN;

/** A page signed in as the contributor in a browser context of its own: another device, nothing kept. */
async function newDevice(): Promise<{ page: Page; problems: string[] }> {
  const page = await sessionPage(browser, app.url, contributor.cookie);
  page.setDefaultTimeout(20_000);
  return { page, problems: watchPage(page) };
}

/**
 * Opens the draft titled `title` from the submissions list and waits until the wizard shows `step`, and only
 * it, without a `?step=` in its URL. The wizard takes no focus on opening, whichever step it opens on: the
 * app's, after a link inside it, is on the new page's heading (the draft's title).
 */
async function reopenFromList(opened: Page, title: string, step: StepName): Promise<void> {
  await opened.goto(`${app.url}/`);
  await opened.getByTestId('submissions').getByRole('link', { name: title }).click();
  await opened.waitForURL(/\/edit$/);
  await ON_SCREEN[step](opened).waitFor({ timeout: 30_000 });
  for (const other of Object.keys(ON_SCREEN) as StepName[])
    if (other !== step) expect(await ON_SCREEN[other](opened).count(), `${other} is not on screen`).toBe(0);
  expect(new URL(opened.url()).searchParams.get('step')).toBeNull();
  await opened.waitForTimeout(300);
  expect(
    await opened.evaluate(() => `${document.activeElement?.tagName}: ${document.activeElement?.textContent}`),
  ).toBe(`H2: ${title}`);
}

const draft = (title: string, manifest: DraftManifest) =>
  draftCsv(app.url, contributor, { manifest: { ...manifest, title }, csv: GOOD_CSV });

it('a complete draft reopened on another device opens on Submit; this device opens where it was', async () => {
  await draft('Complete tickets', GOOD_MANIFEST);
  const { page, problems } = await newDevice();
  await reopenFromList(page, 'Complete tickets', 'submit');
  expect(await page.getByRole('button', { name: 'Submit for scoring' }).isEnabled()).toBe(true);

  // This device keeps the step last shown: back on the Preview, reopened from the list, it opens there.
  await page.getByRole('button', { name: 'Preview' }).first().click();
  await ON_SCREEN.preview(page).waitFor();
  await reopenFromList(page, 'Complete tickets', 'preview');
  // Another device still opens on Submit.
  const other = await newDevice();
  await reopenFromList(other.page, 'Complete tickets', 'submit');

  expect([...problems, ...other.problems]).toEqual([]);
  await other.page.context().close();
  await page.context().close();
});

it('an incomplete draft reopened on another device opens on its first step with something to do', async () => {
  // A datasheet question unanswered: the Datasheet.
  const { provenance, ...rest } = GOOD_MANIFEST;
  await draft('Tickets without a licence', { ...rest, provenance: { ...provenance, license: null } });
  // A classification without its label column: the Preview, where it is chosen (the datasheet lacks more).
  await draft('Tickets without labels', { ...rest, label: null, context: null });
  // No file: the File step.
  await contributor.api.submission.create.mutate({
    manifest: { ...GOOD_MANIFEST, title: 'Tickets without a file' },
  });

  for (const [title, step] of [
    ['Tickets without a licence', 'datasheet'],
    ['Tickets without labels', 'preview'],
    ['Tickets without a file', 'file'],
  ] as const) {
    const { page, problems } = await newDevice();
    await reopenFromList(page, title, step);
    expect(problems).toEqual([]);
    await page.context().close();
  }
});
