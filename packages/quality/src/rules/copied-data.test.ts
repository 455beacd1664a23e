import { describeRule, fingerprintsOf, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('provenance.copied-data', [
  {
    name: 'good: no overlap',
    options: { acceptedFingerprints: ['ffffffffffffffff', '0000000000000001'] },
    isFound: false,
  },
  {
    name: 'bad: the same file was accepted before',
    options: { acceptedFingerprints: await fingerprintsOf(GOOD_CSV) },
    isFound: true,
  },
]);
