import { scoreDataset } from '@assay/quality';
import type { DraftManifest } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { toScorable, withoutStandInFindings } from './scorable.ts';

async function prescore(text: string, draft: DraftManifest) {
  const report = await scoreDataset({
    source: new Blob([text]).stream() as ReadableStream<Uint8Array>,
    manifest: toScorable(draft),
  });
  return withoutStandInFindings(report, draft);
}

describe('withoutStandInFindings', () => {
  // An empty file's pre-score said 'Column "value" has no description', linked to "column 1": neither exists.
  it('leaves no finding about a column for an empty file and a draft without columns', async () => {
    const report = await prescore('', { title: 'Empty', task: 'other', columns: [] });
    expect(report.stats.columns).toBe(0);
    expect(report.findings.map((finding) => finding.code)).toContain('structure.empty-file');
    expect(report.findings.filter((finding) => finding.location?.field?.startsWith('columns.'))).toEqual([]);
  });

  it('keeps the findings about the columns a draft declares', async () => {
    const report = await prescore('text\nhello\n', {
      title: 'T',
      task: 'other',
      columns: [{ name: 'text' }],
    });
    expect(report.findings.map((finding) => finding.location?.field)).toContain('columns.0.description');
  });
});
