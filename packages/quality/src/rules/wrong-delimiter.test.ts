import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.wrong-delimiter', [
  { name: 'good: commas', isFound: false },
  { name: 'good: semicolons, read as such', csv: GOOD_CSV.replaceAll(',', ';'), isFound: false },
  { name: 'bad: vertical bars', csv: GOOD_CSV.replaceAll(',', '|'), isFound: true },
  { name: 'bad: semicolons in a TSV', csv: GOOD_CSV.replaceAll(',', ';'), format: 'tsv', isFound: true },
]);
