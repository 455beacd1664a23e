import { describeRule } from '../../test/rule-cases.ts';

describeRule('structure.task-mismatch', [
  {
    name: 'good: the task the request asks for',
    options: { requirements: { task: 'classification' } },
    isFound: false,
  },
  { name: 'good: the request names no task', options: { requirements: {} }, isFound: false },
  { name: 'bad: another task', options: { requirements: { task: 'regression' } }, isFound: true },
]);
