import { describe, expect, it } from 'vitest';
import { describeRule, GOOD_CSV, scoreCase } from '../../test/rule-cases.ts';

describeRule('structure.label-outside-schema', [
  { name: 'good: declared classes only', isFound: false },
  { name: 'bad: unknown class', csv: `${GOOD_CSV}Printer broken,medium,2025-03-03\n`, isFound: true },
  { name: 'bad: case variant', csv: `${GOOD_CSV}Printer broken,High,2025-03-03\n`, isFound: true },
  { name: 'bad: whitespace variant', csv: `${GOOD_CSV}Printer broken," low",2025-03-03\n`, isFound: true },
]);

describe('structure.label-outside-schema locations', () => {
  it("gives every row of a label outside the classes, up to the sample's bound, so all can be opened", async () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => `Printer broken ${i},medium,2025-03-03\n`).join('');
    const report = await scoreCase({ csv: `${GOOD_CSV}${rows(2)}Fine,low,2025-03-04\n${rows(12)}` });
    const finding = report.findings.find((f) => f.code === 'structure.label-outside-schema')!;
    expect(finding.count).toBe(14);
    // Data rows 7 and 8, then 10 on; the first as the location, the rest of the bounded sample after it.
    expect(finding.location).toEqual({ row: 7, column: 'urgency', field: 'label.classes' });
    expect(finding.locations?.map((l) => l.row)).toEqual([8, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(finding.locations?.every((l) => l.column === 'urgency')).toBe(true);
  });
});
