import { describeRule } from '../../test/rule-cases.ts';

describeRule('structure.label-set-mismatch', [
  { name: 'good: same classes', options: { requirements: { labelSet: ['low', 'high'] } }, isFound: false },
  {
    name: 'bad: a requested class missing',
    options: { requirements: { labelSet: ['low', 'high', 'medium'] } },
    isFound: true,
  },
]);
