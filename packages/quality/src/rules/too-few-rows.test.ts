import { describeRule } from '../../test/rule-cases.ts';

describeRule('structure.too-few-rows', [
  { name: 'good: enough rows', options: { requirements: { minRows: 6 } }, isFound: false },
  { name: 'bad: fewer than requested', options: { requirements: { minRows: 1000 } }, isFound: true },
]);
