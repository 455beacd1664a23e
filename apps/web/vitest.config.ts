import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (components, hooks and utilities in happy-dom) and `e2e` (journeys in Debian
 * Chromium against the real server; its global setup builds the web app once).
 */
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // The e2e harness's own units (e2e/*.test.ts) too; its journeys are the e2e project's.
          include: ['src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'e2e/**/*.e2e.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['./src/test-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['./e2e/global-setup.ts'],
          // A failed test prints its pages' URL, text, errors and requests (e2e/failure-report.ts).
          setupFiles: ['./e2e/setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // Each file starts its own server and browser; two at a time on two cores.
          maxWorkers: 2,
          fileParallelism: true,
          // Runs after the unit project (vitest needs distinct groups for different worker counts).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
