import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.mixed-line-endings', [
  { name: 'good: LF only', isFound: false },
  { name: 'good: CRLF only', csv: GOOD_CSV.replaceAll('\n', '\r\n'), isFound: false },
  { name: 'bad: CRLF and LF', csv: GOOD_CSV.replace('\n', '\r\n'), isFound: true },
]);
