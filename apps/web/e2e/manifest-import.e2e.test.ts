import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ticketsCsv } from './fixtures.ts';
import {
  attachFile,
  field,
  freshDataDir,
  launchBrowser,
  openDatasheet,
  pixelStats,
  type RunningApp,
  screenshot,
  signUp,
  startApp,
  startDraft,
  watchPage,
} from './support.ts';

// A contributor who described the dataset elsewhere fills the datasheet from that Croissant file.

let app: RunningApp;
let browser: Browser;
let work: string;

/** A Croissant description of the tickets file, with one column the file does not have. */
const CROISSANT = {
  '@context': { '@vocab': 'https://schema.org/', cr: 'http://mlcommons.org/croissant/' },
  '@type': 'sc:Dataset',
  conformsTo: 'http://mlcommons.org/croissant/1.0',
  name: 'Customer support tickets, labeled by urgency',
  description: 'Support tickets of a small hosting company, one per row, labeled high or low urgency.',
  license: 'https://creativecommons.org/licenses/by/4.0/',
  spatialCoverage: 'EU',
  temporalCoverage: '2025-03-01/2025-03-31',
  'rai:dataCollection': 'Exported from our helpdesk, March 2025',
  'rai:dataUseCases': 'Training a ticket triage classifier',
  recordSet: [
    {
      '@type': 'cr:RecordSet',
      '@id': 'tickets',
      field: [
        { '@id': 'tickets/text', name: 'text', description: 'Ticket body as written', dataType: 'sc:Text' },
        { '@id': 'tickets/urgency', name: 'urgency', dataType: ['sc:Text', 'cr:Label'] },
        { '@id': 'tickets/created', name: 'created', dataType: 'sc:Date' },
        { '@id': 'tickets/agent', name: 'agent', dataType: 'sc:Text' },
      ],
    },
  ],
};

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'assay-e2e-import-'));
  writeFileSync(path.join(work, 'tickets.csv'), ticketsCsv(60));
  writeFileSync(path.join(work, 'tickets.croissant.json'), JSON.stringify(CROISSANT));
  app = await startApp(freshDataDir());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
});

it('fills the datasheet from a Croissant file and says what it left out', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(30_000);
  const problems = watchPage(page);
  await signUp(page, app.url, {
    name: 'Ida Import',
    email: 'ida@example.test',
    password: 'import-password-1',
  });
  await startDraft(page, app.url, 'tickets');
  await attachFile(page, path.join(work, 'tickets.csv'));
  await openDatasheet(page);
  expect(await field(page, 'Geography').inputValue()).toBe('');

  await page
    .locator('input[type=file][accept*="json"]')
    .setInputFiles(path.join(work, 'tickets.croissant.json'));
  const result = page.getByTestId('manifest-import-result');
  await result.filter({ hasText: 'Filled from tickets.croissant.json (Croissant)' }).waitFor();
  expect(await result.textContent()).toContain('Not in your data file, so left out: "agent"');
  expect(await field(page, 'Geography').inputValue()).toBe('EU');
  expect(await field(page, 'Title').inputValue()).toBe('Customer support tickets, labeled by urgency');
  expect(await field(page, /^Licence/).inputValue()).toMatch(/^CC-BY-4\.0/);
  // The file declares no classes: those read from the data file stay, ready for definitions.
  await field(page, /Definition of .high./).waitFor();
  await field(page, /Definition of .low./).waitFor();
  const shot = await screenshot(page, 'contributor-wizard-import');
  expect(pixelStats(shot).distinctColours).toBeGreaterThan(20);

  // The import is part of the draft, saved like typed changes: it survives a reload.
  await page.getByTestId('save-status').filter({ hasText: /Saved/ }).waitFor();
  await page.reload();
  await page.getByTestId('save-status').waitFor();
  await page.getByRole('button', { name: 'Datasheet' }).first().click();
  await expect(field(page, 'Geography').inputValue()).resolves.toBe('EU');
  await expect(field(page, 'How the data was collected').inputValue()).resolves.toBe(
    'Exported from our helpdesk, March 2025',
  );
  // A file none of whose fields the datasheet reads changes nothing, and says so rather than "Filled".
  const minimal = path.join(work, 'minimal.json');
  writeFileSync(minimal, JSON.stringify({ '@type': 'sc:Dataset', name: 'X' }));
  await page.locator('input[type=file][accept*="json"]').setInputFiles(minimal);
  await result.filter({ hasText: 'Nothing in minimal.json filled a field' }).waitFor();
  expect(await result.textContent()).toContain('no Croissant file Assay can read');
  await expect(field(page, 'Title').inputValue()).resolves.toBe(
    'Customer support tickets, labeled by urgency',
  );
  // Signing out leaves the account's screens; having signed up here, this browser opens on "Sign in".
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await expect(page.getByTestId('whoami').textContent()).resolves.not.toContain('ida@example.test');
  // The front page too remembers that this browser has an account.
  await page.goto(app.url);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  // Sent to sign in (`/?sign-in`, as signing out does), signing in drops `?sign-in` from the address,
  // replacing the entry (no new one), so that Back does not open the sign-in again.
  await page.goto(`${app.url}/?sign-in`);
  const entries = await page.evaluate(() => history.length);
  await page.getByRole('textbox', { name: /^Email/ }).fill('ida@example.test');
  await page.locator('input[type=password]').fill('import-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('whoami').filter({ hasText: 'ida@example.test' }).waitFor();
  await page.getByRole('heading', { name: 'My submissions' }).waitFor();
  await expect.poll(() => page.url()).toBe(`${app.url}/`);
  expect(await page.evaluate(() => history.length)).toBe(entries);
  expect(problems).toEqual([]);
});
