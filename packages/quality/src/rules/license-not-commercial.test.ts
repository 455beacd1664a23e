import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('provenance.license-not-commercial', [
  {
    name: 'good: commercial use allowed',
    options: { requirements: { requiresCommercialUse: true } },
    isFound: false,
  },
  {
    name: 'bad: NC licence',
    manifest: withManifest((m) => {
      m.provenance!.license = 'CC-BY-NC-4.0';
    }),
    options: { requirements: { requiresCommercialUse: true } },
    isFound: true,
  },
]);
