import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.empty-column', [
  { name: 'good: all filled', isFound: false },
  { name: 'bad: a column with no values', csv: GOOD_CSV.replaceAll(/\d{4}-\d{2}-\d{2}/g, ''), isFound: true },
]);
