import { describeRule, GOOD_CSV, JSONL } from '../../test/rule-cases.ts';

describeRule('structure.column-undeclared', [
  { name: 'good: every column declared', isFound: false },
  {
    name: 'bad: extra column',
    csv: GOOD_CSV.replace('text,urgency,created', 'text,urgency,created,agent').replaceAll(
      /(\d{4}-\d{2}-\d{2})\n/g,
      '$1,ann\n',
    ),
    isFound: true,
  },
  {
    name: 'bad: extra JSONL key in a later line',
    csv: `${JSONL}{"text": "Lost password", "urgency": "low", "created": "2025-03-09", "agent": "x"}\n`,
    format: 'jsonl',
    isFound: true,
  },
]);
