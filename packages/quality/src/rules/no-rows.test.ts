import { describeRule } from '../../test/rule-cases.ts';

describeRule('structure.no-rows', [
  { name: 'good: rows below the header', isFound: false },
  { name: 'bad: header only', csv: 'text,urgency,created\n', isFound: true },
  { name: 'n/a: empty file is reported as empty-file instead', csv: '', isFound: false },
]);
