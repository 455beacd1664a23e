import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('context.missing-population', [
  { name: 'good: population and geography', isFound: false },
  {
    name: 'good: geography only',
    manifest: withManifest((m) => {
      m.context!.population = null;
    }),
    isFound: false,
  },
  {
    name: 'bad: neither',
    manifest: withManifest((m) => {
      m.context!.population = null;
      m.context!.geography = '';
    }),
    isFound: true,
  },
]);
