import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.wrong-delimiter', [
  { name: 'good: commas', isFound: false },
  { name: 'bad: semicolons', csv: GOOD_CSV.replaceAll(',', ';'), isFound: true },
]);
