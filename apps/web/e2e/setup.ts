import { beforeEach } from 'vitest';
import { describeWatchedPages } from './failure-report.ts';

// A failed journey prints what its open pages showed and did: CI keeps only the tests' output.
beforeEach(({ onTestFailed }) => {
  onTestFailed(async () => {
    const report = await describeWatchedPages();
    if (report) console.error(report);
  }, 15_000);
});
