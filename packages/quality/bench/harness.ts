/** What the bench drivers (bench.ts, parallel-spike.ts) share: where files go, and the measured runners. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export type { Run } from './measure.ts';

/** Generated bench files and bundled runners. */
export const BENCH_DIR = join(tmpdir(), 'assay-quality-bench');

/**
 * Bundles `bench/<name>.ts` into `BENCH_DIR/<name>.mjs` and returns its path: measured runs execute it
 * under plain node, so tsx's loader is not in the RSS figure.
 */
export async function bundleRunner(name: string): Promise<string> {
  const outfile = join(BENCH_DIR, `${name}.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}
