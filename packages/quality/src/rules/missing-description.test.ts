import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('context.missing-description', [
  { name: 'good: described', isFound: false },
  {
    name: 'bad: no description',
    manifest: withManifest((m) => {
      m.description = null;
    }),
    isFound: true,
  },
  {
    name: 'bad: placeholder',
    manifest: withManifest((m) => {
      m.description = 'TBD';
    }),
    isFound: true,
  },
]);
