import { describeRule, JSONL } from '../../test/rule-cases.ts';

describeRule('structure.nested-value', [
  { name: 'good: flat values', csv: JSONL, format: 'jsonl', isFound: false },
  {
    name: 'bad: an object value',
    csv: `${JSONL}{"text": {"body": "hi"}, "urgency": "low", "created": "2025-03-09"}\n`,
    format: 'jsonl',
    isFound: true,
  },
]);
