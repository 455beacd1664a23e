import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleServer } from './server-bundle.ts';
import { CHROMIUM_PATH } from './support.ts';

/**
 * Builds the web app and bundles the server once for every journey; fails (never skips) when Chromium is
 * missing.
 */
export default async function setup() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium); the end-to-end tests cannot run without it`,
    );
  }
  const webDir = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(
    process.execPath,
    [
      fileURLToPath(new URL('../../../node_modules/vite/bin/vite.js', import.meta.url)),
      'build',
      '--logLevel',
      'warn',
    ],
    {
      cwd: webDir,
      stdio: 'inherit',
    },
  );
  await bundleServer();
}
