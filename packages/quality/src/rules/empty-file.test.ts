import { describeRule } from '../../test/rule-cases.ts';

describeRule('structure.empty-file', [
  { name: 'good: a file with rows', isFound: false },
  { name: 'bad: zero bytes', csv: '', isFound: true },
  { name: 'bad: only blank lines', csv: '\n\r\n  \n', isFound: true },
]);
