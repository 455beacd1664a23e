import { describe, expect, it } from 'vitest';
import { describeRule, GOOD_CSV, scoreCase, withManifest } from '../../test/rule-cases.ts';

describeRule('structure.label-column-missing', [
  { name: 'good: label column in the file', isFound: false },
  {
    name: 'bad: label column not declared',
    manifest: withManifest((m) => {
      m.label!.column = 'priority';
    }),
    isFound: true,
  },
  // A regression names its target in label.column, without classes: the same check holds.
  {
    name: "good: a regression's target column in the file",
    manifest: withManifest((m) => {
      m.task = 'regression';
      m.label = { column: 'urgency', classes: [] };
    }),
    isFound: false,
  },
  {
    name: "bad: a regression's target column not in the file",
    manifest: withManifest((m) => {
      m.task = 'regression';
      m.columns.push({ name: 'minutes', type: 'number' });
      m.label = { column: 'minutes', classes: [] };
    }),
    isFound: true,
  },
  {
    name: 'bad: label column declared but not in the file',
    csv: GOOD_CSV.replace('urgency', 'urg'),
    isFound: true,
  },
]);

describe('structure.label-column-missing wording', () => {
  it("calls a regression's label column its target, as the form does", async () => {
    const report = await scoreCase({
      manifest: withManifest((m) => {
        m.task = 'regression';
        m.label = { column: 'minutes', classes: [] };
      }),
    });
    const finding = report.findings.find((f) => f.code === 'structure.label-column-missing');
    expect(finding?.message).toBe('The target column "minutes" is not one of the declared columns.');
    expect(finding?.hint).toContain('the number to predict');
  });
});
