import { expect, it } from 'vitest';
import { describeRule, GOOD_CSV, scoreCase } from '../../test/rule-cases.ts';
import { readSampleRows } from '../sample.ts';

const padded = GOOD_CSV.replace('text,urgency,created', 'text ,urgency,  created');

describeRule('structure.header-padded', [
  { name: 'good: names without spaces at their ends', isFound: false },
  { name: 'bad: names with spaces after or before them', csv: padded, isFound: true },
]);

// A spreadsheet's "review " made the manifest's "review" a missing column, and "review " an undeclared one.
it('reads the columns without the spaces, so the manifest names them', async () => {
  const report = await scoreCase({ csv: padded });
  const codes = report.findings.map((f) => f.code);
  expect(codes).not.toContain('structure.column-missing');
  expect(codes).not.toContain('structure.column-undeclared');
  expect(report.findings.find((f) => f.code === 'structure.header-padded')).toMatchObject({
    severity: 'info',
    message:
      '2 column names have spaces at the ends ("text ", "  created"); Assay reads them without the spaces.',
    count: 2,
  });
  expect(report.stats.labelCounts).toEqual({ high: 3, low: 3 });
});

// The wizard's preview and a reviewer's rows name the columns as the scan does.
it('gives the rows samples the same names', async () => {
  const sample = await readSampleRows({ source: new Blob([padded]).stream(), format: 'csv', limit: 2 });
  expect(sample.columns).toEqual(['text', 'urgency', 'created']);
});
