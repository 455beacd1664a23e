import { describeRule } from '../../test/rule-cases.ts';

describeRule('provenance.license-not-accepted', [
  {
    name: 'good: accepted',
    options: { requirements: { acceptedLicenses: ['CC0-1.0', 'CC-BY-4.0'] } },
    isFound: false,
  },
  {
    name: 'bad: not in the list',
    options: { requirements: { acceptedLicenses: ['CC0-1.0'] } },
    isFound: true,
  },
]);
