import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('context.dates-outside-timeframe', [
  { name: 'good: inside', isFound: false },
  { name: 'bad: a date after the end', csv: `${GOOD_CSV}Printer broken,high,2025-09-01\n`, isFound: true },
]);
