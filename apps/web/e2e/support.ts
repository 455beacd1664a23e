import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { recordForFailureReport } from './failure-report.ts';
import { SERVER_BUNDLE } from './server-bundle.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SCREENSHOT_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

export interface RunningApp {
  url: string;
  dataDir: string;
  /** Everything the server printed (JSON logs), for diagnosing a failed journey. */
  log(): string;
  stop(): Promise<void>;
}

/** Creates an operator with the server's own CLI (bundled), against the same (not yet served) data folder. */
export function createOperator(dataDir: string, email: string, password: string): void {
  const result = spawnSync(process.execPath, [SERVER_BUNDLE.adminCli, 'create-operator', email], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ASSAY_OPERATOR_PASSWORD: password, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`create-operator failed: ${result.stderr || result.stdout}`);
}

/** A fresh data folder (SQLite + file store) for one test file. */
export function freshDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'assay-e2e-'));
}

/**
 * Starts the real server (API + built web app; bundled, see `SERVER_BUNDLE`) on a free port and resolves once it logs its URL. `env`
 * adds to its environment (e.g. `DATABASE_URL` and `SCORING_IN_PROCESS` for PostgreSQL).
 */
export function startApp(dataDir: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const child: ChildProcess = spawn(process.execPath, [SERVER_BUNDLE.main], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/localhost:\d+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.on('data', (more: Buffer) => {
          output += more.toString();
        });
        resolve({
          url: match[1],
          dataDir,
          log: () => output,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => {
                rmSync(dataDir, { recursive: true, force: true });
                done();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });
}

/**
 * A scoring worker (`npm run worker`) on the same PostgreSQL database and data folder as a server
 * started with `SCORING_IN_PROCESS=false`. Resolves once it is ready; `stop` ends it.
 */
export function startScoringWorker(
  dataDir: string,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ stop(): Promise<void>; log(): string }> {
  const child: ChildProcess = spawn(process.execPath, [SERVER_BUNDLE.worker], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The worker did not start in 60 s:\n${output}`)), 60_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`The worker exited with ${code}:\n${output}`));
    };
    child.once('exit', onExit);
    const check = setInterval(() => {
      if (!output.includes('scoring worker ready')) return;
      clearInterval(check);
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({
        log: () => output,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    }, 100);
    child.once('exit', () => clearInterval(check));
  });
}

const POSTGRES_ADMIN_URL =
  process.env.ASSAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh PostgreSQL database for one journey, and its dropper. Fails (never skips) when PostgreSQL is
 * unreachable: the journeys that need it cannot run without it.
 */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `assay_e2e_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${POSTGRES_ADMIN_URL} is unreachable (set ASSAY_TEST_POSTGRES_URL): ${(error as Error).message}`,
    );
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Collects what should fail a test: an uncaught page error, a dialog (an XSS payload or a crash shows
 * here) and a console error (React's warnings, a resource that failed to load), with where it came from.
 * A test that cuts the network or fails the server on purpose passes `isExpectingFailedLoads`: the
 * browser's own "Failed to load resource" lines are then expected, every other console error is not.
 * A watched page is described in the output of a test that fails while it is open (failure-report.ts).
 */
export function watchPage(page: Page, { isExpectingFailedLoads = false } = {}): string[] {
  recordForFailureReport(page);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (isExpectingFailedLoads && message.text().startsWith('Failed to load resource:')) return;
    problems.push(`console: ${message.text()} (${message.location().url || page.url()})`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Whether a screenshot shows something: decodes the PNG and measures the spread of its pixels' luminance.
 * A blank (single-colour) page has a standard deviation near 0, and few distinct colours.
 */
export function pixelStats(file: string): {
  width: number;
  height: number;
  stdDev: number;
  distinctColours: number;
} {
  const png = PNG.sync.read(readFileSync(file));
  let sum = 0;
  let sumSquares = 0;
  const colours = new Set<number>();
  const pixels = png.width * png.height;
  for (let i = 0; i < png.data.length; i += 4) {
    const r = png.data[i] ?? 0;
    const g = png.data[i + 1] ?? 0;
    const b = png.data[i + 2] ?? 0;
    const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += luminance;
    sumSquares += luminance * luminance;
    if (colours.size < 5000) colours.add((r << 16) | (g << 8) | b);
  }
  const mean = sum / pixels;
  return {
    width: png.width,
    height: png.height,
    stdDev: Math.sqrt(sumSquares / pixels - mean * mean),
    distinctColours: colours.size,
  };
}

/** Signs up through the form (contributors). */
export async function signUp(
  page: Page,
  url: string,
  who: { name: string; email: string; password: string },
) {
  await page.goto(url);
  await page.getByRole('radio', { name: 'Sign up' }).check({ force: true });
  await page.getByRole('textbox', { name: /^Name/ }).fill(who.name);
  await page.getByRole('textbox', { name: /^Email/ }).fill(who.email);
  await page.locator('input[type=password]').fill(who.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByTestId('whoami').filter({ hasText: who.email }).waitFor();
}

export async function signIn(page: Page, url: string, who: { email: string; password: string }) {
  await page.goto(url);
  await page.getByText('Sign in', { exact: true }).first().click();
  await page.getByRole('textbox', { name: /^Email/ }).fill(who.email);
  await page.locator('input[type=password]').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('whoami').filter({ hasText: who.email }).waitFor();
}

/**
 * A page in a new browser context holding an API session's `cookie` (from `authenticate` in api.ts): signed in
 * without the sign-in form, which allows 10 sign-ins a minute.
 */
export async function sessionPage(browser: Browser, url: string, cookie: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies(
    cookie.split(/;\s*/).map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url };
    }),
  );
  return context.newPage();
}

/** Starts a draft titled `title` from the New submission page and returns the wizard's URL. */
export async function startDraft(page: Page, url: string, title: string): Promise<string> {
  await page.goto(`${url}/new`);
  await field(page, 'Dataset title').fill(title);
  await page.getByRole('button', { name: 'Start the draft' }).click();
  await page.waitForURL(/\/submissions\/[\w-]+\/edit$/);
  return page.url();
}

/**
 * Drops a file on the wizard's File step and waits until it is uploaded. The wait is for this file: a draft
 * with a file already (a new version) says "Uploaded" before the drop, and the browser reads a dropped file
 * before it shows it (its name, then " · " and its size) and starts sending it.
 */
export async function attachFile(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer },
  timeout?: number,
): Promise<void> {
  const name = typeof file === 'string' ? path.basename(file) : file.name;
  await page.locator('input[type=file]').first().setInputFiles(file);
  await page.getByText(`${name} · `).first().waitFor({ timeout });
  await page.getByTestId('upload-status').filter({ hasText: 'Uploaded' }).waitFor({ timeout });
}

/** From the wizard's File step, through the preview, to the datasheet. */
export async function openDatasheet(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next: Preview' }).click();
  await page.getByRole('button', { name: 'Next: Datasheet' }).click();
  await field(page, 'Geography').waitFor();
}

/** Waits until the wizard says the draft is saved on the server. */
export async function waitSaved(page: Page) {
  await page
    .getByTestId('save-status')
    .filter({ hasText: /^Saved/ })
    .waitFor();
}

/** Fills every field the datasheet step requires for `ticketsCsv` (the label column and classes come from the file). */
export async function fillDatasheet(page: Page) {
  await choose(page, 'Licence (SPDX identifier)', /^CC-BY-4\.0 —/, 'CC-BY-4.0');
  await field(page, /^Description/).fill('Helpdesk tickets; one row is one ticket with its urgency.');
  await field(page, 'How the data was collected').fill('Exported from our helpdesk, March 2025');
  await field(page, 'Period start (YYYY-MM-DD)').fill('2025-03-01');
  await field(page, 'Period end (YYYY-MM-DD)').fill('2025-03-31');
  await field(page, 'Who or what is in the data').fill('Customers of a small hosting company');
  await field(page, 'Geography').fill('EU');
  await field(page, 'Language (e.g. en)').fill('en');
  await field(page, 'Intended use').fill('Training a ticket triage classifier');
  await field(page, 'Known limitations').fill('English only; one company; one month');
  await field(page, 'How labels were assigned').fill('One agent per ticket, labeled when it was closed');
  await field(page, 'What “text” holds').fill('Ticket body as written by the customer');
  await field(page, 'What “urgency” holds').fill('Urgency judged by the agent');
  await field(page, 'What “created” holds').fill('Day the ticket was opened');
  await field(page, 'Definition of “high”').fill('Service is down for the customer');
  await field(page, 'Definition of “low”').fill('A question or request that can wait a day');
  await choose(page, 'Source', 'self-collected');
  await choose(page, /^Consent basis/, 'contract');
  await page.getByLabel(/I have the right to contribute/).check();
}

/** The input (not the listbox or wrapper) labelled `label`. */
export function field(page: Page, label: string | RegExp) {
  return page
    .getByLabel(label, typeof label === 'string' ? { exact: true } : {})
    .and(page.locator('input, textarea'));
}

/** Picks an option of a Mantine Select (or searchable Select) by its label. */
export async function choose(page: Page, label: string | RegExp, option: string | RegExp, search?: string) {
  const input = field(page, label);
  await input.click();
  if (search) await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

/**
 * Presses Tab (or Shift+Tab) until `target` (or an element inside it) has the focus: proves it is reachable
 * from the keyboard in the page's tab order. Fails after `max` presses.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { backwards = false, max = 120 }: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  const element = target.first();
  await element.waitFor({ state: 'attached' });
  for (let presses = 0; presses <= max; presses++) {
    const isFocused = await element.evaluate(
      (node) => node === document.activeElement || node.contains(document.activeElement),
      undefined,
      { timeout: 5_000 },
    );
    if (isFocused) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(
    `${String(target)} was not reached with ${max} ${backwards ? 'Shift+Tab' : 'Tab'} presses (focus: ${focused})`,
  );
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core rules that say whether every form control (and button) has an accessible name. */
const NAME_RULES = [
  'label',
  'select-name',
  'aria-input-field-name',
  'aria-toggle-field-name',
  'button-name',
  'link-name',
];

/** Loads axe-core into the page once. */
async function injectAxe(page: Page): Promise<void> {
  // Evaluated over the DevTools protocol: a <script> tag of it would be inline script, which the app's
  // Content-Security-Policy blocks.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
}

/**
 * Runs axe-core's naming rules on the page as it is now and returns each control without an accessible
 * name (`rule: selector html`); an empty list means every input, select, textarea and button is labelled.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async (rules) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'rule', values: rules },
      resultTypes: ['violations'],
    });
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} ${node.html.slice(0, 160)}`),
    );
  }, NAME_RULES);
}

/** axe-core's tags for the success criteria of WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One element that breaks one axe-core rule. */
export interface AxeViolation {
  rule: string;
  /** axe-core's impact: `minor`, `moderate`, `serious` or `critical`. */
  impact: string;
  /** The element's CSS selector (inside iframes or shadow roots: one per level, joined by a space). */
  target: string;
  /** What the rule asks for, in axe-core's words, and why this element fails it. */
  summary: string;
  html: string;
}

/** Runs axe-core's WCAG 2.1 A and AA rules on the page as it is now and returns every element that breaks one. */
export async function wcagViolations(page: Page): Promise<AxeViolation[]> {
  await injectAxe(page);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => ({
        rule: violation.id,
        impact: node.impact ?? violation.impact ?? 'unknown',
        target: node.target.join(' '),
        summary: `${violation.help}: ${node.failureSummary?.replace(/\s+/g, ' ').trim() ?? ''}`,
        html: node.html.slice(0, 160),
      })),
    );
  }, WCAG_TAGS);
}

/** Whether a violation fails the audit: axe-core's `serious` and `critical` impacts. */
export function isBlocking(violation: AxeViolation): boolean {
  return violation.impact === 'serious' || violation.impact === 'critical';
}

/**
 * The violations by page, for a failing test's message: `page: rule (impact) target`, then axe-core's
 * summary and the element's HTML, indented; an empty string when there is none.
 */
export function describeViolations(byPage: Record<string, AxeViolation[]>): string {
  return Object.entries(byPage)
    .flatMap(([where, violations]) =>
      violations.map(
        (violation) =>
          `${where}: ${violation.rule} (${violation.impact}) ${violation.target}\n  ${violation.summary}\n  ${violation.html}`,
      ),
    )
    .join('\n');
}

/** The error message shown for the input labelled `label` (what its aria-describedby points at, not its description). */
export async function errorAt(page: Page, label: string): Promise<string> {
  const input = field(page, label);
  const ids = ((await input.getAttribute('aria-describedby')) ?? '')
    .split(/\s+/)
    .filter((id) => id !== '' && !id.endsWith('-description'));
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.filter((text) => text && text !== '').join(' | ');
}
