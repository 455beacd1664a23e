import { describe, expect, it } from 'vitest';
import { describeRule, GOOD_CSV, scoreCase } from '../../test/rule-cases.ts';

describeRule('structure.separator-line', [
  { name: 'good: the header first', isFound: false },
  { name: 'bad: "sep=," first', csv: `sep=,\n${GOOD_CSV}`, isFound: true },
  {
    name: 'bad: "sep=;" first, semicolons after',
    csv: `sep=;\r\n${GOOD_CSV.replaceAll(',', ';')}`,
    isFound: true,
  },
  // sniffCsvDelimiter takes such a line for Excel's, so the scan must skip it as one, not read it as the header.
  {
    name: 'bad: " sep=; " first, with spaces around it',
    csv: ` sep=; \r\n${GOOD_CSV.replaceAll(',', ';')}`,
    isFound: true,
  },
]);

describe("a file that starts with Excel's separator line", () => {
  it('is read with the separator it names, from the header after it, with the same rows and findings', async () => {
    // The line names semicolons though the header has none; without it, the same file read with commas.
    const semicolons = GOOD_CSV.replaceAll(',', ';');
    const withLine = await scoreCase({ csv: `\uFEFFsep=;\n${semicolons}`, chunkSize: 3 });
    const without = await scoreCase({ csv: semicolons });
    expect(withLine.stats.columns).toBe(3);
    expect(withLine.stats.rows).toBe(without.stats.rows);
    const codes = (report: typeof without) =>
      report.findings.map((f) => f.code).filter((code) => !/separator-line|byte-order-mark/.test(code));
    expect(codes(withLine)).toEqual(codes(without));
    expect(withLine.fingerprints).toEqual(without.fingerprints);
    expect(withLine.findings.find((f) => f.code === 'structure.separator-line')?.message).toMatch(
      /^The file starts with the line "sep=;"/,
    );
  });

  it('is skipped with spaces around it, as the separator it names is read (it was the header, in two columns)', async () => {
    const semicolons = GOOD_CSV.replaceAll(',', ';');
    const without = await scoreCase({ csv: semicolons });
    for (const line of ['sep=; ', ' sep=;', ' sep=;  ']) {
      const withLine = await scoreCase({ csv: `${line}\r\n${semicolons}` });
      expect(withLine.stats.columns).toBe(3);
      expect(withLine.stats.rows).toBe(without.stats.rows);
      expect(withLine.fingerprints).toEqual(without.fingerprints);
    }
  });

  it('tells how to delete the line, which Excel does not show', async () => {
    const report = await scoreCase({ csv: `sep=;\n${GOOD_CSV.replaceAll(',', ';')}` });
    expect(report.findings.find((f) => f.code === 'structure.separator-line')?.hint).toBe(
      'Open the file in a text editor such as Notepad (Excel does not show this line), delete its first line ("sep=;") so that the column names are the first row, and save it.',
    );
  });

  it('keeps a later "sep=" row as data', async () => {
    const report = await scoreCase({ csv: `${GOOD_CSV}sep=,\n` });
    expect(report.findings.map((f) => f.code)).not.toContain('structure.separator-line');
    expect(report.stats.rows).toBe(7);
  });
});
