import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.ragged-rows', [
  { name: 'good: every row has three fields', isFound: false },
  { name: 'bad: a short row', csv: `${GOOD_CSV}Printer broken,high\n`, isFound: true },
  {
    name: 'bad: an unquoted comma adds a field',
    csv: `${GOOD_CSV}Hello, is anyone there,low,2025-03-03\n`,
    isFound: true,
  },
]);
