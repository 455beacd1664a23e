import { describe, expect, it } from 'vitest';
import { describeRule, JSONL, scoreCase, withManifest } from '../../test/rule-cases.ts';

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

// A multilabel file's labels as JSON arrays were a nested value in every row, and each array's text was
// split on its commas into labels such as '["high"' and '"low"]'.
describe('a multilabel label column of JSON arrays', () => {
  const multilabel = withManifest((m) => {
    m.task = 'multilabel-classification';
  });
  const rows = [
    { text: 'Site down and a billing question', urgency: ['high', 'low'], created: '2025-03-02' },
    { text: 'Only a question', urgency: ['low'], created: '2025-03-05' },
    { text: 'Down again', urgency: ['high'], created: '2025-03-06' },
  ];
  const jsonl = `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;

  it('reads the arrays as labels, not as nested values', async () => {
    const report = await scoreCase({ csv: jsonl, format: 'jsonl', manifest: multilabel });
    expect(report.stats.labelCounts).toEqual({ high: 2, low: 2 });
    const codes = report.findings.map((f) => f.code);
    expect(codes).not.toContain('structure.nested-value');
    expect(codes).not.toContain('structure.label-outside-schema');
  });

  it('is a nested value still for a single-label task, and in another column', async () => {
    const single = await scoreCase({ csv: jsonl, format: 'jsonl' });
    expect(single.findings.map((f) => f.code)).toContain('structure.nested-value');
    const other = `${JSON.stringify({ text: ['a', 'b'], urgency: ['low'], created: '2025-03-07' })}\n`;
    const report = await scoreCase({ csv: jsonl + other, format: 'jsonl', manifest: multilabel });
    expect(report.findings.find((f) => f.code === 'structure.nested-value')?.location?.column).toBe('text');
  });
});
