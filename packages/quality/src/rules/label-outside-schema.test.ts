import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.label-outside-schema', [
  { name: 'good: declared classes only', isFound: false },
  { name: 'bad: unknown class', csv: `${GOOD_CSV}Printer broken,medium,2025-03-03\n`, isFound: true },
  { name: 'bad: case variant', csv: `${GOOD_CSV}Printer broken,High,2025-03-03\n`, isFound: true },
  { name: 'bad: whitespace variant', csv: `${GOOD_CSV}Printer broken," low",2025-03-03\n`, isFound: true },
]);
