import { describe, expect, it } from 'vitest';
import { describeRule, GOOD_CSV, JSONL, scoreCase } from '../../test/rule-cases.ts';

describeRule('structure.label-missing', [
  { name: 'good: every row labeled', isFound: false },
  { name: 'bad: an empty label', csv: `${GOOD_CSV}Printer broken,,2025-03-03\n`, isFound: true },
  { name: 'bad: a placeholder label', csv: `${GOOD_CSV}Printer broken,NA,2025-03-03\n`, isFound: true },
  {
    name: 'bad: a JSON line without the label key',
    csv: `${JSONL}{"text": "Printer broken", "created": "2025-03-03"}\n`,
    format: 'jsonl',
    isFound: true,
  },
  // A ragged row's values are not in their columns: it is a ragged row, not an unlabeled one.
  { name: 'good: a ragged row', csv: `${GOOD_CSV}Printer broken\n`, isFound: false },
  {
    name: 'good: no labels to give (task other)',
    csv: `${GOOD_CSV}Printer broken,,2025-03-03\n`,
    manifest: (m) => ({ ...m, task: 'other' }),
    isFound: false,
  },
]);

describe('structure.label-missing', () => {
  it('names the rows without a label, in the label column', async () => {
    const report = await scoreCase({
      csv: `${GOOD_CSV}Printer broken,,2025-03-03\nScanner broken,high,2025-03-04\nFax broken,null,2025-03-05\n`,
    });
    const finding = report.findings.find((f) => f.code === 'structure.label-missing');
    expect(finding).toMatchObject({
      severity: 'warning',
      message: '2 rows have no label in "urgency".',
      location: { row: 7, column: 'urgency' },
      locations: [{ row: 9, column: 'urgency' }],
      count: 2,
    });
  });
});
