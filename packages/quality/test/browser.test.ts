import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreDataset } from '../src/index.ts';
import { chunksOf } from './rule-cases.ts';

/**
 * Builds the library for the browser with esbuild and scores the same bytes in a Web Worker in headless
 * Chromium: the report must equal Node's. Without Chromium the test fails under CI=true and is skipped
 * only on a developer machine, saying why.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

if (!hasChromium && process.env.CI === 'true') {
  describe('browser', () => {
    it('needs Chromium', () => {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
      );
    });
  });
} else {
  describe.skipIf(!hasChromium)('browser (Web Worker in headless Chromium)', () => {
    let server: Server;
    let browser: Browser;
    let origin: string;

    beforeAll(async () => {
      const bundle = await build({
        entryPoints: [new URL('./browser-worker.ts', import.meta.url).pathname],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'chrome120',
        write: false,
        logLevel: 'silent',
      });
      const worker = bundle.outputFiles[0]!.text;
      if (/node:|require\(["']fs/.test(worker)) throw new Error('the browser bundle pulled in a Node module');
      server = createServer((request, response) => {
        if (request.url === '/worker.js') {
          response.writeHead(200, { 'content-type': 'text/javascript' });
          response.end(worker);
        } else {
          response.writeHead(200, { 'content-type': 'text/html' });
          response.end('<!doctype html><title>assay quality</title>');
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    it.each([
      ['messy.csv', 'messy.assay.json'],
      ['multilingual.csv', 'multilingual.assay.json'],
      ['reviews.jsonl', 'reviews.assay.json'],
    ])(
      'scores %s like Node does',
      async (data, manifestFile) => {
        const bytes = readFileSync(fixture(data));
        const manifest = JSON.parse(readFileSync(fixture(manifestFile), 'utf8'));
        const nodeReport = await scoreDataset({ source: chunksOf(new Uint8Array(bytes), 64), manifest });
        const page = await browser.newPage();
        try {
          await page.goto(`${origin}/`);
          const result = await page.evaluate(
            ({ bytes, manifest }) =>
              new Promise<{ report?: unknown; error?: string }>((resolve) => {
                const worker = new Worker('/worker.js', { type: 'module' });
                worker.onmessage = (event) => resolve(event.data);
                worker.onerror = (event) => resolve({ error: event.message });
                worker.postMessage({ bytes: new Uint8Array(bytes), manifest });
              }),
            { bytes: [...bytes], manifest },
          );
          expect(result.error).toBeUndefined();
          expect(JSON.stringify(result.report)).toBe(JSON.stringify(nodeReport));
        } finally {
          await page.close();
        }
      },
      60_000,
    );
  });
}
