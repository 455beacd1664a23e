import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('context.missing-collection-method', [
  { name: 'good: stated', isFound: false },
  {
    name: 'bad: empty context',
    manifest: withManifest((m) => {
      m.context = {};
    }),
    isFound: true,
  },
  {
    name: 'bad: n/a',
    manifest: withManifest((m) => {
      m.context!.collectionMethod = 'n/a';
    }),
    isFound: true,
  },
]);
