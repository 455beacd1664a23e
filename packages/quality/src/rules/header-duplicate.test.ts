import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.header-duplicate', [
  { name: 'good: distinct names', isFound: false },
  {
    name: 'bad: a name twice',
    csv: GOOD_CSV.replace('text,urgency,created', 'text,urgency,created,text').replaceAll(
      /(\d{4}-\d{2}-\d{2})\n/g,
      '$1,x\n',
    ),
    isFound: true,
  },
]);
