import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.conflicting-labels', [
  { name: 'good: distinct rows', isFound: false },
  {
    name: 'bad: same input, other label',
    csv: `${GOOD_CSV}Email bounces for every mailbox,low,2025-05-01\n`,
    isFound: true,
  },
]);
