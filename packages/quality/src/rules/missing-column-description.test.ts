import { describeRule, withManifest } from '../../test/rule-cases.ts';

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
