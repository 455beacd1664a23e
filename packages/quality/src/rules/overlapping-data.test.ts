import { BIG_CSV, describeRule, fingerprintsOf } from '../../test/rule-cases.ts';

describeRule('provenance.overlapping-data', [
  { name: 'good: no overlap', options: { acceptedFingerprints: ['ffffffffffffffff'] }, isFound: false },
  {
    name: 'bad: a fifth of the rows accepted before',
    csv: BIG_CSV,
    options: { acceptedFingerprints: await fingerprintsOf(BIG_CSV.split('\n').slice(0, 41).join('\n')) },
    isFound: true,
  },
]);
