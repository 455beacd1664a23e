import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_MARKER, DemoDataDirError, prepareDemoDataDir } from '../src/simulator/demo-data-dir.ts';

// `npm run demo` wiped whatever DATA_DIR named: exported for a real server, its database went.
describe('prepareDemoDataDir', () => {
  const base = () => mkdtempSync(path.join(tmpdir(), 'assay-demo-dir-'));

  it('refuses a folder with files it did not make, and deletes nothing', () => {
    const dataDir = base();
    writeFileSync(path.join(dataDir, 'assay.sqlite'), 'a real database');
    mkdirSync(path.join(dataDir, 'files'));
    expect(() => prepareDemoDataDir(dataDir)).toThrow(DemoDataDirError);
    expect(() => prepareDemoDataDir(dataDir)).toThrow(
      /holds files the demo did not make \(assay\.sqlite, files\)/,
    );
    expect(readdirSync(dataDir).sort()).toEqual(['assay.sqlite', 'files']);
  });

  it('makes a missing folder, takes an empty one, and wipes one an earlier demo made', () => {
    const missing = path.join(base(), 'demo');
    prepareDemoDataDir(missing);
    expect(readdirSync(missing)).toEqual([DEMO_MARKER]);
    writeFileSync(path.join(missing, 'assay.sqlite'), 'the last demo');
    prepareDemoDataDir(missing);
    expect(readdirSync(missing)).toEqual([DEMO_MARKER]);
    // The default folder, made by a demo before the mark, is the demo's.
    const unmarked = base();
    writeFileSync(path.join(unmarked, 'assay.sqlite'), 'an older demo');
    prepareDemoDataDir(unmarked, { isDemoDefault: true });
    expect(readdirSync(unmarked)).toEqual([DEMO_MARKER]);
    const empty = base();
    prepareDemoDataDir(empty);
    expect(existsSync(path.join(empty, DEMO_MARKER))).toBe(true);
  });
});
