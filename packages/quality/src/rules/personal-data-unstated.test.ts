import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('provenance.personal-data-unstated', [
  { name: 'good: stated', isFound: false },
  {
    name: 'bad: not stated',
    manifest: withManifest((m) => {
      m.provenance!.containsPersonalData = null;
    }),
    isFound: true,
  },
]);
