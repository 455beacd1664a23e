import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { PNG } from 'pngjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
export const SCREENSHOT_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

export interface RunningApp {
  url: string;
  dataDir: string;
  /** Everything the server printed (JSON logs), for diagnosing a failed journey. */
  log(): string;
  stop(): Promise<void>;
}

/** Creates an operator with the server's own CLI, against the same (not yet served) data folder. */
export function createOperator(dataDir: string, email: string, password: string): void {
  const result = spawnSync(TSX, ['apps/server/src/admin-cli.ts', 'create-operator', email], {
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

/** Starts the real server (API + built web app) on a free port and resolves once it logs its URL. */
export function startApp(dataDir: string): Promise<RunningApp> {
  const child: ChildProcess = spawn(TSX, ['apps/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test' },
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

/** Fails the test on any uncaught page error or console error (an XSS payload or a crash shows here). */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
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

/**
 * Runs axe-core's naming rules on the page as it is now and returns each control without an accessible
 * name (`rule: selector html`); an empty list means every input, select, textarea and button is labelled.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
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
