import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.quoting', [
  { name: 'good: quotes doubled inside quoted fields', isFound: false },
  {
    name: 'bad: unterminated quote at the end',
    csv: `${GOOD_CSV}"never closed,low,2025-03-03`,
    isFound: true,
  },
  {
    name: 'bad: text after a closing quote',
    csv: `${GOOD_CSV}"quoted" tail,low,2025-03-03\n`,
    isFound: true,
  },
]);
