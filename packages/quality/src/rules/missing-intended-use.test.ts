import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('context.missing-intended-use', [
  { name: 'good: stated', isFound: false },
  {
    name: 'bad: missing',
    manifest: withManifest((m) => {
      m.context!.intendedUse = undefined;
    }),
    isFound: true,
  },
]);
