import { describe, expect, it } from 'vitest';
import { describeRule, JSONL, scoreCase } from '../../test/rule-cases.ts';

describeRule('structure.nested-value', [
  { name: 'good: flat values', csv: JSONL, format: 'jsonl', isFound: false },
  {
    name: 'bad: an object value',
    csv: `${JSONL}{"text": {"body": "hi"}, "urgency": "low", "created": "2025-03-09"}\n`,
    format: 'jsonl',
    isFound: true,
  },
]);

describe('structure.nested-value', () => {
  // It told a contributor whose column was text already to declare it as text.
  it('words the count, and asks a text column only to flatten', async () => {
    const report = await scoreCase({
      csv: `${JSONL}{"text": {"body": "hi"}, "urgency": "low", "created": "2025-03-09"}\n{"text": ["a"], "urgency": "low", "created": "2025-03-09"}\n`,
      format: 'jsonl',
    });
    const finding = report.findings.find((f) => f.code === 'structure.nested-value');
    expect(finding?.message).toBe('2 values of "text" are objects or arrays rather than one flat value.');
    expect(finding?.hint).toMatch(/^Flatten nested values/);
    expect(finding?.hint).not.toMatch(/declare/);
  });
});
