import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.constant-column', [
  { name: 'good: varied values', isFound: false },
  {
    name: 'bad: the same date everywhere',
    csv: GOOD_CSV.replaceAll(/\d{4}-\d{2}-\d{2}/g, '2025-03-03'),
    isFound: true,
  },
]);
