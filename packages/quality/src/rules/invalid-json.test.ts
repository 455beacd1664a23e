import { describeRule, JSONL } from '../../test/rule-cases.ts';

describeRule('structure.invalid-json', [
  { name: 'good: one object per line', csv: JSONL, format: 'jsonl', isFound: false },
  { name: 'bad: a broken line', csv: `${JSONL}{"text": "oops",\n`, format: 'jsonl', isFound: true },
  { name: 'bad: an array line', csv: `${JSONL}[1, 2]\n`, format: 'jsonl', isFound: true },
]);
