import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('provenance.license-missing', [
  { name: 'good: CC-BY-4.0', isFound: false },
  {
    name: 'bad: none',
    manifest: withManifest((m) => {
      m.provenance!.license = null;
    }),
    isFound: true,
  },
]);
