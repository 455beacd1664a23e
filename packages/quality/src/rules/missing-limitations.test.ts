import { describeRule, withManifest } from '../../test/rule-cases.ts';

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
