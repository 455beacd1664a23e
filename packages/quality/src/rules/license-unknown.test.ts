import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('provenance.license-unknown', [
  { name: 'good: SPDX id', isFound: false },
  {
    name: 'bad: own licence string',
    manifest: withManifest((m) => {
      m.provenance!.license = 'MY-OWN-LICENCE';
    }),
    isFound: true,
  },
  {
    name: 'bad: wrong case',
    manifest: withManifest((m) => {
      m.provenance!.license = 'cc-by-4.0';
    }),
    isFound: true,
  },
]);
