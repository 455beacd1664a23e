import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.header-empty', [
  { name: 'good: all named', isFound: false },
  {
    name: 'bad: an unnamed column',
    csv: GOOD_CSV.replace('text,urgency,created', 'text,urgency,created,').replaceAll(
      /(\d{4}-\d{2}-\d{2})\n/g,
      '$1,x\n',
    ),
    isFound: true,
  },
]);
