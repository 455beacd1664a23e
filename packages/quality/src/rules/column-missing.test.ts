import { describeRule, JSONL, withManifest } from '../../test/rule-cases.ts';

describeRule('structure.column-missing', [
  { name: 'good: all declared columns present', isFound: false },
  {
    name: 'bad: declared column absent',
    manifest: withManifest((m) => {
      m.columns.push({ name: 'channel', type: 'category', description: 'Where the ticket came from' });
    }),
    isFound: true,
  },
  {
    name: 'bad: JSONL key never present',
    csv: JSONL,
    format: 'jsonl',
    manifest: withManifest((m) => {
      m.columns.push({ name: 'channel', type: 'category', description: 'Where it came from' });
    }),
    isFound: true,
  },
]);
