import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.ASSAY_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': api, '/health': api },
  },
  worker: { format: 'es' },
  build: {
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry imports statically in one chunk. Left to itself, Rolldown moves the
          // modules that the shell shares with lazy pages (React, Router, Mantine's core, tRPC) into
          // common chunks that the entry imports: the same bytes, in three files instead of one.
          // zod and @assay/schema's index, which the pages that validate share, under a name that says
          // so (Rolldown called it `src`, as @assay/quality's chunk). The Croissant readers stay apart:
          // they load when a datasheet file is imported.
          groups: [
            { name: 'index', tags: ['$initial'] },
            {
              name: 'schema',
              test: (id) =>
                /[\\/](node_modules[\\/]zod|packages[\\/]schema)[\\/]/.test(id) && !/croissant/.test(id),
            },
          ],
        },
      },
    },
  },
});
