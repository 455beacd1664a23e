import { describeRule } from '../../test/rule-cases.ts';

describeRule('structure.required-column-missing', [
  {
    name: 'good: requested column declared',
    options: { requirements: { requiredColumns: [{ name: 'text', type: 'string' }] } },
    isFound: false,
  },
  {
    name: 'bad: requested column absent',
    options: { requirements: { requiredColumns: [{ name: 'channel', type: 'category' }] } },
    isFound: true,
  },
  {
    name: 'bad: requested column of another type',
    options: { requirements: { requiredColumns: [{ name: 'created', type: 'datetime' }] } },
    isFound: true,
  },
]);
