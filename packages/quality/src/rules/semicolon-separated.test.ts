import { describe, expect, it } from 'vitest';
import { describeRule, GOOD_CSV, INT_MANIFEST, JSONL, scoreCase } from '../../test/rule-cases.ts';

const SEMICOLONS = GOOD_CSV.replaceAll(',', ';');

describeRule('structure.semicolon-separated', [
  { name: 'good: commas', isFound: false },
  { name: 'good: JSON Lines', csv: JSONL, format: 'jsonl', isFound: false },
  { name: 'good: tabs', csv: GOOD_CSV.replaceAll(',', '\t'), format: 'tsv', isFound: false },
  { name: 'bad: semicolons, as Excel writes CSV in much of Europe', csv: SEMICOLONS, isFound: true },
  { name: 'bad: semicolons in a file declared CSV', csv: SEMICOLONS, format: 'csv', isFound: true },
]);

describe('a semicolon-separated file', () => {
  const regression = () => structuredClone(INT_MANIFEST);

  it('is read in its columns, and its numbers with a decimal comma are numbers', async () => {
    const csv = 'id;y\n1;3,5\n2;-0,25\n3;1.234,5\n4;7\n5;"2,0"\n';
    const report = await scoreCase({ csv, format: 'csv', manifest: regression });
    const codes = report.findings.map((finding) => finding.code);
    expect(report.stats.columns).toBe(2);
    expect(codes).not.toContain('structure.type-mismatch');
    expect(codes).not.toContain('structure.wrong-delimiter');
    const finding = report.findings.find((f) => f.code === 'structure.semicolon-separated');
    expect(finding?.message).toContain(
      '4 numbers written with a decimal comma (such as 3,5) were read as numbers',
    );
  });

  it('still finds values that are no numbers, and a decimal comma is no integer', async () => {
    const csv = 'id;y\n1,5;3,5\n2;3,5,1\n3;1.23,4\n';
    const report = await scoreCase({ csv, format: 'csv', manifest: regression });
    const mismatches = report.findings.filter((f) => f.code === 'structure.type-mismatch');
    expect(mismatches.map((f) => [f.location?.column, f.count])).toEqual([
      ['id', 1],
      ['y', 2],
    ]);
    expect(mismatches[1]?.hint).toBe(
      'Column "y" should hold numbers such as 3,5 or 3.5 (digits only: no currency or unit); fix those values, leave them empty, or change the declared type.',
    );
  });

  it('reads a decimal comma as a type error where commas separate the values', async () => {
    const csv = 'id,y\n1,"3,5"\n2,4.5\n';
    const report = await scoreCase({ csv, format: 'csv', manifest: regression });
    const mismatch = report.findings.find((f) => f.code === 'structure.type-mismatch');
    expect(mismatch?.location?.column).toBe('y');
    expect(report.findings.map((f) => f.code)).not.toContain('structure.semicolon-separated');
  });
});
