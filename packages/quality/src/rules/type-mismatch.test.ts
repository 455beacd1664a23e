import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.type-mismatch', [
  { name: 'good: ISO dates', isFound: false },
  {
    name: 'bad: a date written day-first',
    csv: `${GOOD_CSV}Printer broken,high,02/03/2025\n`,
    isFound: true,
  },
  {
    name: 'bad: a word in an integer column',
    csv: 'n,y\n1,2\nthree,4\n',
    manifest: () => ({
      title: 'Counts of parcels per depot and day',
      task: 'regression',
      columns: [
        { name: 'n', type: 'integer' },
        { name: 'y', type: 'number' },
      ],
    }),
    isFound: true,
  },
]);
