import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.near-duplicate-rows', [
  { name: 'good: distinct rows', isFound: false },
  {
    name: 'bad: same text but case and punctuation',
    csv: `${GOOD_CSV}email bounces for every mailbox!,high,2025-05-01\n`,
    isFound: true,
  },
]);
