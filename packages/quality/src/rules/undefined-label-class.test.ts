import { expect, it } from 'vitest';
import { describeRule, scoreCase, withManifest } from '../../test/rule-cases.ts';

describeRule('context.undefined-label-class', [
  { name: 'good: all defined', isFound: false },
  {
    name: 'bad: a class without definition',
    manifest: withManifest((m) => {
      m.label!.classes[1]!.definition = null;
    }),
    isFound: true,
  },
]);

// The example is another class's definition, said to be one: not offered as the definition of "low".
it('names the class it is about and gives its example as an example of another class', async () => {
  const report = await scoreCase({
    manifest: withManifest((m) => {
      m.label!.classes[1]!.definition = null;
    }),
  });
  const finding = report.findings.find((f) => f.code === 'context.undefined-label-class');
  expect(finding?.hint).toMatch(/^Say in one sentence what makes a row "low"/);
  expect(finding?.hint).toContain(
    'An example from other data: a class "high" of support tickets, "Service is down for the customer"',
  );
});
