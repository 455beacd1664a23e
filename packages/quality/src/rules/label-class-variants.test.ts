import { expect, it } from 'vitest';
import { describeRule, GOOD_CSV, scoreCase, withManifest } from '../../test/rule-cases.ts';

/** The good file with its labels written as given, one per row in turn, and those labels declared. */
function labeled(labels: string[]) {
  const lines = GOOD_CSV.trim().split('\n');
  const csv = `${lines
    .map((line, i) =>
      i === 0 ? line : line.replace(/,(high|low),/, `,"${labels[(i - 1) % labels.length]}",`),
    )
    .join('\n')}\n`;
  const manifest = withManifest((m) => {
    m.label!.classes = [...new Set(labels)].map((name) => ({ name, definition: `Urgency ${name.trim()}` }));
  });
  return { csv, manifest };
}

describeRule('structure.label-class-variants', [
  { name: 'good: classes that read differently', ...labeled(['high', 'low']), isFound: false },
  { name: 'bad: a class in two cases', ...labeled(['high', 'low', 'High']), isFound: true },
  { name: 'bad: a class with a space before it', ...labeled(['high', 'low', ' high']), isFound: true },
]);

// The wizard declares the labels it finds: "positive", " positive" and "Positive" passed as three classes.
it('names the variants, the spelling to keep (the most frequent) and the rows written otherwise', async () => {
  const report = await scoreCase(labeled(['high', 'high', 'low', 'High', ' high ']));
  const findings = report.findings.filter((f) => f.code === 'structure.label-class-variants');
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({
    severity: 'error',
    message:
      'The classes "high", "High" and " high " differ only in case or spaces: they are one class written 3 ways (2 rows not as "high").',
    hint: 'Write every one of these labels as "high" in the file, then declare that class alone.',
    location: { row: 4, column: 'urgency', field: 'label.classes' },
  });
  expect(report.enterpriseGrade).toBe(false);
});

// "high " was the most frequent spelling, so every label was to be written with a space after it.
it('never asks for a spelling with spaces at its ends', async () => {
  const padded = await scoreCase(labeled(['high ', 'high ', 'high', 'low', 'High']));
  expect(padded.findings.find((f) => f.code === 'structure.label-class-variants')?.hint).toBe(
    'Write every one of these labels as "high" in the file, then declare that class alone.',
  );
  const allPadded = await scoreCase(labeled(['high ', 'low', ' High']));
  expect(allPadded.findings.find((f) => f.code === 'structure.label-class-variants')).toMatchObject({
    message:
      'The classes "high " and " High" differ only in case or spaces: they are one class written 2 ways (4 rows not as "high").',
    hint: 'Write every one of these labels as "high" in the file, then declare that class alone.',
  });
});
