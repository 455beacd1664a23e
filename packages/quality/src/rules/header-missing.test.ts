import { expect, it } from 'vitest';
import { describeRule, GOOD_CSV, scoreCase, withManifest } from '../../test/rule-cases.ts';

const WITHOUT_HEADER = GOOD_CSV.split('\n')
  .slice(1)
  .join('\n')
  .replace('"My site is down, nothing loads"', '42');

describeRule('structure.header-missing', [
  { name: 'good: header names the columns', isFound: false },
  { name: 'bad: first row is data', csv: WITHOUT_HEADER, isFound: true },
]);

it("names the manifest's own columns in its hint, and shortens a long list", async () => {
  const hintOf = async (report: Awaited<ReturnType<typeof scoreCase>>) =>
    report.findings.find((f) => f.code === 'structure.header-missing')?.hint;
  expect(await hintOf(await scoreCase({ csv: WITHOUT_HEADER }))).toMatch(
    /with the names declared in the manifest: text, urgency, created\.$/,
  );
  const wide = await scoreCase({
    csv: WITHOUT_HEADER,
    manifest: withManifest((m) => {
      for (let i = 0; i < 20; i++)
        m.columns.push({ name: `extra${i}`, type: 'string', description: 'More text' });
    }),
  });
  expect(await hintOf(wide)).toMatch(/: text, urgency, created, extra0, .*, extra8, … \(23 in all\)\.$/);
});
