import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';

/** The first load's budget, gzip (README "Bundle"). */
const FIRST_LOAD_BUDGET_KB = 250;

// Its own production build: the global setup's build runs under vitest's NODE_ENV=test, which bundles
// React's development build (a third larger), so its sizes are not what ships.
const webDir = fileURLToPath(new URL('..', import.meta.url));
let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'assay-web-build-'));
  execFileSync(
    process.execPath,
    [join(webDir, '../../node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--logLevel', 'error'],
    { cwd: webDir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
});

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

it(`keeps the first load (the entry script and what it preloads) within ${FIRST_LOAD_BUDGET_KB} kB gzip`, () => {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const scripts = [
    ...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\/([^"]+)"/g),
  ].map((match) => match[1] ?? '');
  expect(scripts[0]).toMatch(/^assets\/index-[\w-]+\.js$/);
  // Node's zlib at its default level: about 0.8% under the figure `vite build` prints.
  const kB =
    scripts.reduce((sum, script) => sum + gzipSync(readFileSync(join(outDir, script))).length, 0) / 1000;
  console.info(`first load: ${scripts.join(' + ')}: ${kB.toFixed(2)} kB gzip`);
  expect(kB).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB);
});
