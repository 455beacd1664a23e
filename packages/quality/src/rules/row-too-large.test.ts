import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.row-too-large', [
  { name: 'good: normal rows', isFound: false },
  {
    name: 'bad: a 5-million-character line',
    csv: `${GOOD_CSV}${'a'.repeat(5_000_000)},low,2025-03-03\n`,
    isFound: true,
  },
]);
