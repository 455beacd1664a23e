import type { DraftManifest } from '@assay/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { authenticate, draftCsv } from './api.ts';
import {
  attachFile,
  freshDataDir,
  launchBrowser,
  type RunningApp,
  signIn,
  startApp,
  startDraft,
  watchPage,
} from './support.ts';

// What the File step and the Preview say about a file they cannot show: a binary, empty or header-only
// file is refused with what to do (it used to show "Uploaded", then garbage or an empty table); a draft's
// file loading from the server is said to load (it looked lost); a finding's row past the preview lands
// on the note that says so; an empty file's pre-score names no column it does not have; and a JSON line
// that is not an object shows as what it is, not as a blank row.

let app: RunningApp;
let browser: Browser;
let session: Awaited<ReturnType<typeof authenticate>>;

const contributor = { name: 'Pia Preview', email: 'pia@example.test', password: 'preview-password-1' };

beforeAll(async () => {
  app = await startApp(freshDataDir());
  browser = await launchBrowser();
  // One API session for the file: signing in again for each test ran into the limit of 10 a minute.
  session = await authenticate(app.url, 'sign-up/email', contributor);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function newPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(30_000);
  const problems = watchPage(page);
  await signIn(page, app.url, contributor);
  return { page, problems };
}

const MANIFEST: DraftManifest = {
  title: 'Preview checks',
  task: 'classification',
  columns: [
    { name: 'text', type: 'string' },
    { name: 'label', type: 'category' },
  ],
  label: { column: 'label', classes: [{ name: 'a' }, { name: 'b' }] },
};

/** `rows` data rows labeled a and b in turn; row `ragged` (1-based) has a field too many. */
function csv(rows: number, ragged?: number): string {
  const lines = ['text,label'];
  for (let i = 1; i <= rows; i++)
    lines.push(`message ${i},${i % 2 ? 'a' : 'b'}${i === ragged ? ',extra' : ''}`);
  return `${lines.join('\n')}\n`;
}

it('refuses a binary, an empty and a header-only file and a JSON array, saying what to do, and keeps the file taken before', async () => {
  const { page, problems } = await newPage();
  await startDraft(page, app.url, 'Refused files');
  await page.getByTestId('dropzone').waitFor();
  const input = page.locator('input[type=file]').first();
  const refused = page.getByTestId('file-rejected');

  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919 + 13) % 256;
  const cases = [
    {
      name: 'sheet.csv',
      buffer: binary,
      says: ['“sheet.csv” is not a text file', 'Export your data as CSV'],
    },
    {
      name: 'empty.csv',
      buffer: Buffer.alloc(0),
      says: ['“empty.csv” is empty', 'a header row and at least one'],
    },
    {
      name: 'header.csv',
      buffer: Buffer.from('text,label\n'),
      says: ['“header.csv” has a header but no data rows', 'Add your data below the header'],
    },
    {
      name: 'array.jsonl',
      buffer: Buffer.from('[{"text": "a", "label": "x"}, {"text": "b", "label": "y"}]\n'),
      says: ['“array.jsonl” holds a JSON array, not JSON Lines', 'one object per line'],
    },
  ];
  for (const { name, buffer, says } of cases) {
    await input.setInputFiles({ name, mimeType: 'text/csv', buffer });
    await refused.filter({ hasText: name }).waitFor();
    for (const text of says) expect(await refused.textContent()).toContain(text);
    expect(await page.getByTestId('upload-status').count(), name).toBe(0);
    expect(await page.getByRole('button', { name: 'Next: Preview' }).isDisabled(), name).toBe(true);
  }

  // A good file goes in; a bad one dropped after it is refused and the good one stays.
  await input.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(10)) });
  await page.getByTestId('upload-status').filter({ hasText: 'Uploaded' }).waitFor();
  expect(await refused.count()).toBe(0);
  await input.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
  await refused.filter({ hasText: '“good.csv” stays attached' }).waitFor();
  // Refused for its type (by the dropzone, before it is read), it says so too.
  await input.setInputFiles({
    name: 'notes.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4'),
  });
  await refused.filter({ hasText: 'notes.pdf' }).filter({ hasText: '“good.csv” stays attached' }).waitFor();
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  await page.getByTestId('preview').getByText('message 10').waitFor();
  expect(problems).toEqual([]);
  await page.close();
});

it("shows that a draft's file is loading, not missing, while the server's copy comes", async () => {
  const { cookie, api } = session;
  const { submissionId } = await draftCsv(app.url, { api, cookie }, { manifest: MANIFEST, csv: csv(10) });
  const { page, problems } = await newPage();
  // The server's copy comes slowly, as from a bucket.
  await page.context().route('**/api/files/**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await route.continue();
  });
  await page.goto(`${app.url}/submissions/${submissionId}/edit?step=preview`);
  await page.getByTestId('preview-loading').waitFor();
  expect(await page.getByText('Add a file to see its first rows.').count()).toBe(0);
  await page.getByTestId('preview').getByText('message 10').waitFor();
  expect(await page.getByTestId('preview-loading').count()).toBe(0);
  expect(problems).toEqual([]);
  await page.close();
});

it('a finding on a row past the preview lands on the note that says so, focused', async () => {
  const { cookie, api } = session;
  const { submissionId } = await draftCsv(
    app.url,
    { api, cookie },
    { manifest: MANIFEST, csv: csv(120, 90) },
  );
  const { page, problems } = await newPage();
  await page.goto(`${app.url}/submissions/${submissionId}/edit?step=pre-score`);
  await page.getByRole('button', { name: /^Go to row 90/ }).click();
  const note = page.getByTestId('preview-row-beyond');
  await note.waitFor();
  expect(await note.textContent()).toContain('Row 90 is beyond the first 50 rows shown');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('preview-row-beyond');
  expect(
    await note.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    }),
  ).toBe(true);
  expect(problems).toEqual([]);
  await page.close();
});

// "Go to row 5" and Back left the focus on the page's body: the next Tab started again at "Sign out".
it('a finding on a row in the preview focuses that row, and Back and Next focus the step they open', async () => {
  const { cookie, api } = session;
  const { submissionId } = await draftCsv(app.url, { api, cookie }, { manifest: MANIFEST, csv: csv(20, 5) });
  const { page, problems } = await newPage();
  const focusedId = () => page.evaluate(() => document.activeElement?.id);
  await page.goto(`${app.url}/submissions/${submissionId}/edit?step=pre-score`);
  await page.getByRole('button', { name: /^Go to row 5/ }).click();
  await expect.poll(focusedId).toBe('preview-row-5');
  expect(await page.locator('#preview-row-5').getAttribute('aria-current')).toBe('true');

  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByTestId('dropzone').waitFor();
  await expect.poll(focusedId).toBe('wizard-step');
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  await page.getByTestId('preview').waitFor();
  await expect.poll(focusedId).toBe('wizard-step');
  expect(problems).toEqual([]);
  await page.close();
});

// The Submit step said nothing of the pre-score's errors, and the Pre-score step was ticked as done.
it("the Submit step repeats a pre-score's verdict that is not enterprise grade, with the way back", async () => {
  const { cookie, api } = session;
  const { submissionId } = await draftCsv(app.url, { api, cookie }, { manifest: MANIFEST, csv: csv(20, 5) });
  const { page, problems } = await newPage();
  await page.goto(`${app.url}/submissions/${submissionId}/edit?step=pre-score`);
  await page.getByTestId('report').waitFor();
  await page.getByRole('button', { name: 'Next: Submit' }).click();
  const verdict = page.getByTestId('submit-prescore-verdict');
  await verdict.waitFor();
  expect(await verdict.textContent()).toMatch(/^The pre-score says “Not enterprise grade: .*error/);
  await verdict.getByRole('button', { name: 'Back to the pre-score' }).click();
  await page.getByTestId('report').waitFor();
  expect(new URL(page.url()).searchParams.get('step')).toBe('pre-score');
  expect(problems).toEqual([]);
  await page.close();
});

it("an empty file's pre-score names no column: the file has none", async () => {
  const { cookie, api } = session;
  // Uploaded before the File step refused empty files, or by another client: the server takes it.
  const { submissionId } = await draftCsv(
    app.url,
    { api, cookie },
    { manifest: { title: 'Empty', task: 'other' }, csv: '' },
  );
  const { page, problems } = await newPage();
  await page.goto(`${app.url}/submissions/${submissionId}/edit?step=pre-score`);
  const report = page.getByTestId('report');
  await report.getByText('The file is empty').first().waitFor();
  const text = (await report.textContent()) ?? '';
  expect(text).not.toMatch(/has no description/);
  expect(text).not.toMatch(/column 1|“value”|"value"/);
  expect(problems).toEqual([]);
  await page.close();
});

it('shows a JSON line that is not an object as what is wrong with it and the line as written', async () => {
  const { page, problems } = await newPage();
  await startDraft(page, app.url, 'Broken lines');
  await page.getByTestId('dropzone').waitFor();
  const lines = [
    '{"text": "message 1", "label": "a"}',
    '{"text": "message 2", "label": "b"',
    '["message 3", "a"]',
    '{"text": "message 4", "label": "b"}',
  ];
  await attachFile(page, {
    name: 'broken.jsonl',
    mimeType: 'application/jsonl',
    buffer: Buffer.from(`${lines.join('\n')}\n`),
  });
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  const preview = page.getByTestId('preview');
  await preview.getByText('message 4').waitFor();
  const cells = preview.getByTestId('unreadable-row');
  expect(await cells.allTextContents()).toEqual([
    `Not valid JSON${lines[1]}`,
    `Not a JSON object${lines[2]}`,
  ]);
  // Each spans the row beside its number, as the scorer numbers rows (the pre-score cites rows 2 and 3).
  expect(await cells.first().evaluate((cell) => cell.parentElement?.firstElementChild?.textContent)).toBe(
    '2',
  );
  expect(await cells.first().getAttribute('colspan')).toBe('2');
  expect(problems).toEqual([]);
  await page.close();
});

// A TSV whose prices have decimal commas (scorer 2.8.0): the finding names the column, and its link shows
// it on the Preview, highlighted and focused (it went to "the header row" and left the focus on the body).
it("a finding about a column's values goes to that column on the Preview, focused", async () => {
  const { page, problems } = await newPage();
  await startDraft(page, app.url, 'Prices with decimal commas');
  const lines = ['id\titem\tprice'];
  for (let i = 1; i <= 20; i++) lines.push(`${i}\tItem number ${i}\t${i},50`);
  await attachFile(page, {
    name: 'prices.tsv',
    mimeType: 'text/tab-separated-values',
    buffer: Buffer.from(`${lines.join('\n')}\n`),
  });
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  await page.getByRole('button', { name: 'Next: Datasheet' }).click();
  await page.getByRole('button', { name: 'Next: Pre-score' }).click();
  const finding = page.locator('[data-testid=finding][data-code="structure.decimal-comma-numbers"]');
  await finding.waitFor();
  expect(await finding.textContent()).toContain(
    '20 numbers in column "price" are written with a decimal comma',
  );
  expect(await page.locator('[data-testid=finding][data-code="structure.type-mismatch"]').count()).toBe(0);
  await finding.getByRole('button', { name: 'Go to column price' }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('preview-column-price');
  expect(new URL(page.url()).searchParams.get('step')).toBe('preview');
  expect(problems).toEqual([]);
  await page.close();
});
