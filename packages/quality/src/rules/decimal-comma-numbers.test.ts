import { describe, expect, it } from 'vitest';
import { describeRule, GOOD_CSV, INT_MANIFEST, JSONL, scoreCase } from '../../test/rule-cases.ts';

// Excel's "Text (Tab delimited)" where the comma is the decimal separator.
const TABS_WITH_DECIMAL_COMMAS = 'id\ty\n1\t3,5\n2\t-0,25\n3\t1.234,5\n4\t7\n';

describeRule('structure.decimal-comma-numbers', [
  {
    name: 'good: tabs, numbers with points',
    csv: GOOD_CSV.replaceAll(',', '\t'),
    format: 'tsv',
    isFound: false,
  },
  { name: 'good: commas', isFound: false },
  { name: 'good: JSON Lines', csv: JSONL, format: 'jsonl', isFound: false },
  {
    name: 'bad: tabs, numbers with decimal commas',
    csv: TABS_WITH_DECIMAL_COMMAS,
    format: 'tsv',
    manifest: () => structuredClone(INT_MANIFEST),
    isFound: true,
  },
]);

describe('a tab-separated file with decimal commas', () => {
  const regression = () => structuredClone(INT_MANIFEST);

  it('reads them as numbers, and says so once', async () => {
    const report = await scoreCase({ csv: TABS_WITH_DECIMAL_COMMAS, format: 'tsv', manifest: regression });
    const codes = report.findings.map((finding) => finding.code);
    expect(codes).not.toContain('structure.type-mismatch');
    expect(codes).not.toContain('structure.semicolon-separated');
    const found = report.findings.filter((f) => f.code === 'structure.decimal-comma-numbers');
    // Named and located by its column, so the wizard's link shows it.
    expect(found.map((f) => [f.message, f.count, f.location])).toEqual([
      [
        '3 numbers in column "y" are written with a decimal comma (such as 3,5), as Excel writes them where the comma is the decimal separator. They were read as numbers.',
        3,
        { column: 'y' },
      ],
    ]);
  });

  it('still finds values that are no numbers, and a decimal comma is no integer', async () => {
    const tsv = 'id\ty\n1,5\t3,5\n2\t3,5,1\n3\tabc\n';
    const report = await scoreCase({ csv: tsv, format: 'tsv', manifest: regression });
    const mismatches = report.findings.filter((f) => f.code === 'structure.type-mismatch');
    expect(mismatches.map((f) => [f.location?.column, f.count])).toEqual([
      ['id', 1],
      ['y', 2],
    ]);
    expect(mismatches[1]?.hint).toBe(
      'Column "y" should hold numbers such as 3,5 or 3.5 (digits only: no currency or unit); fix those values, leave them empty, or change the declared type.',
    );
  });

  it('a JSON line\'s "3,5" in a number column stays a type error', async () => {
    const jsonl = '{"id":1,"y":"3,5"}\n{"id":2,"y":4}\n';
    const report = await scoreCase({ csv: jsonl, format: 'jsonl', manifest: regression });
    const mismatch = report.findings.find((f) => f.code === 'structure.type-mismatch');
    expect(mismatch?.location?.column).toBe('y');
    expect(report.findings.map((f) => f.code)).not.toContain('structure.decimal-comma-numbers');
  });
});
