import { expect, it } from 'vitest';
import { describeRule, scoreCase, withManifest } from '../../test/rule-cases.ts';

describeRule('context.missing-column-description', [
  { name: 'good: all described', isFound: false },
  {
    name: 'bad: a column without description',
    manifest: withManifest((m) => {
      m.columns[2]!.description = '';
    }),
    isFound: true,
  },
]);

it("gives each undescribed column an example of its own type's description", async () => {
  const report = await scoreCase({
    manifest: withManifest((m) => {
      for (const column of m.columns) column.description = '';
    }),
  });
  const hints = new Map(
    report.findings
      .filter((f) => f.code === 'context.missing-column-description')
      .map((f) => [f.location?.column, f.hint]),
  );
  expect(hints.get('text')).toMatch(/^Say what "text" holds .*; for a text column: "Ticket body/);
  expect(hints.get('urgency')).toMatch(/for a category column: "Urgency/);
  expect(hints.get('created')).toMatch(/for a date column: "Day the ticket was opened"\.$/);
});

// "Sentiment" for the column "sentiment" was reported as "has no description".
it('says a one-word description is too short, and a missing one is missing', async () => {
  const report = await scoreCase({
    manifest: withManifest((m) => {
      m.columns[0]!.description = 'Text';
      m.columns[1]!.description = '';
    }),
  });
  const messages = report.findings
    .filter((f) => f.code === 'context.missing-column-description')
    .map((f) => f.message);
  expect(messages).toEqual([
    'The description of column "text" is too short to say what it holds.',
    'Column "urgency" has no description.',
  ]);
});
