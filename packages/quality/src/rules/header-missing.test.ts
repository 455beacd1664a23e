import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.header-missing', [
  { name: 'good: header names the columns', isFound: false },
  {
    name: 'bad: first row is data',
    csv: GOOD_CSV.split('\n').slice(1).join('\n').replace('"My site is down, nothing loads"', '42'),
    isFound: true,
  },
]);
