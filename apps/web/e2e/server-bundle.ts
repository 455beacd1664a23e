import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SERVER_DIR = fileURLToPath(new URL('../../server/', import.meta.url));

/**
 * The server's entry points bundled for the journeys, one file each. Each journey file starts its own server
 * and makes its operator with the admin CLI: from the sources, `tsx` spent about 3 s of CPU on each of those
 * 46 starts (on two cores busy with browsers); a bundle starts in about 1 s. The bundles sit one folder below
 * `apps/server`, as `src/` does, so the paths the server finds from its own file (`../../web/dist`,
 * `../package.json`) are the same. `dist/` is ignored by git. The server's own tests start it from its
 * sources with `tsx`, as `npm start` does.
 */
export const SERVER_BUNDLE = {
  main: `${SERVER_DIR}dist/main.mjs`,
  worker: `${SERVER_DIR}dist/worker-main.mjs`,
  adminCli: `${SERVER_DIR}dist/admin-cli.mjs`,
};

/** Bundles the server's sources and the workspace packages; npm packages stay imports (native ones must). */
export async function bundleServer(): Promise<void> {
  await build({
    entryPoints: ['main', 'worker-main', 'admin-cli'].map((name) => `${SERVER_DIR}src/${name}.ts`),
    outdir: `${SERVER_DIR}dist`,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'npm-packages-external',
        setup(bundler) {
          bundler.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@assay/') ? undefined : { external: true },
          );
        },
      },
    ],
  });
}
