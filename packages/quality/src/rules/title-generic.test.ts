import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('context.title-generic', [
  { name: 'good: specific title', isFound: false },
  {
    name: "bad: 'dataset'",
    manifest: withManifest((m) => {
      m.title = 'Dataset';
    }),
    isFound: true,
  },
  {
    name: 'bad: a file name',
    manifest: withManifest((m) => {
      m.title = 'data_final.csv';
    }),
    isFound: true,
  },
]);
