import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.duplicate-rows', [
  { name: 'good: distinct rows', isFound: false },
  {
    name: 'bad: a row repeated',
    csv: `${GOOD_CSV}Email bounces for every mailbox,high,2025-05-01\n`,
    isFound: true,
  },
]);
