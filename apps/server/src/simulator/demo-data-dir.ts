import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Written into the folder the demo makes, so that a later demo knows it may wipe it. */
export const DEMO_MARKER = '.assay-demo';

export class DemoDataDirError extends Error {}

/**
 * Empties `dataDir` for a fresh demo: only a folder that is missing, empty, made by an earlier demo, or
 * the demo's default.
 * The demo wiped whatever DATA_DIR named, so with a real one exported in the shell it deleted the
 * database, the files and the session secret.
 */
export function prepareDemoDataDir(dataDir: string, options: { isDemoDefault?: boolean } = {}): void {
  if (existsSync(dataDir)) {
    const entries = readdirSync(dataDir);
    // The default folder (.assay/demo) is the demo's own, marked or not (demos before the mark).
    if (!options.isDemoDefault && entries.length > 0 && !entries.includes(DEMO_MARKER)) {
      throw new DemoDataDirError(
        `DATA_DIR ${dataDir} holds files the demo did not make (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}). ` +
          'The demo starts from an empty folder and would delete them: unset DATA_DIR (the demo then uses .assay/demo) or name a new folder.',
      );
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    path.join(dataDir, DEMO_MARKER),
    'Made by `npm run demo`, which deletes this folder when it starts again.\n',
  );
}
