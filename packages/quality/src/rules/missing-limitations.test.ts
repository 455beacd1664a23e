import { expect, it } from 'vitest';
import { describeRule, scoreCase, withManifest } from '../../test/rule-cases.ts';

describeRule('context.missing-limitations', [
  { name: 'good: stated', isFound: false },
  {
    name: 'bad: none',
    manifest: withManifest((m) => {
      m.context!.limitations = 'none';
    }),
    isFound: true,
  },
]);

it('says the limitations "are" missing, a placeholder or too short', async () => {
  const messageFor = async (limitations: string | undefined) => {
    const report = await scoreCase({
      manifest: withManifest((m) => {
        m.context!.limitations = limitations;
      }),
    });
    return report.findings.find((f) => f.code === 'context.missing-limitations')?.message;
  };
  expect(await messageFor(undefined)).toBe(
    'The limitations are missing: every dataset has gaps, and a buyer needs to know them.',
  );
  expect(await messageFor('none')).toMatch(/^The limitations are (a placeholder|too short to be useful): /);
});
