import { describeRule, INT_MANIFEST } from '../../test/rule-cases.ts';

describeRule('structure.unsafe-integer', [
  {
    name: 'good: small integers',
    csv: 'id,y\n9007199254740991,1\n2,2\n',
    manifest: () => INT_MANIFEST,
    isFound: false,
  },
  {
    name: 'bad: above 2^53 in CSV',
    csv: 'id,y\n9007199254740993,1\n2,2\n',
    manifest: () => INT_MANIFEST,
    isFound: true,
  },
  {
    name: 'bad: above 2^53 in JSONL',
    csv: '{"id": 9007199254740993, "y": 1}\n{"id": 2, "y": 2}\n',
    format: 'jsonl',
    manifest: () => INT_MANIFEST,
    isFound: true,
  },
]);
