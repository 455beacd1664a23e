import { describe, expect, it } from 'vitest';
import { countValues, detectLabelColumn, inferColumnType } from './detect.ts';

const rows = [
  { text: 'Site down', urgency: 'high', n: '1' },
  { text: 'Invoice question', urgency: 'low', n: '2' },
  { text: 'Cannot log in', urgency: 'high', n: '3' },
  { text: 'Change address', urgency: 'low', n: '4' },
  { text: 'Outage again', urgency: 'high', n: '5' },
];

describe('label detection', () => {
  it('prefers a conventionally named column', () => {
    expect(detectLabelColumn(['text', 'urgency', 'n'], rows)).toBe('urgency');
    // Plurals and topics name labels too ("tags" was passed over for a column of fewer values).
    const labels = ['bug', 'ux', 'billing', 'bug', 'ux', 'bug'];
    for (const name of ['tags', 'topics', 'categories', 'classes']) {
      // "channel" repeats with fewer values: without the name, it would be taken.
      const named = labels.map((label, i) => ({
        text: `t${i}`,
        channel: i % 2 ? 'mail' : 'chat',
        [name]: label,
      }));
      expect(detectLabelColumn(['text', 'channel', name], named)).toBe(name);
    }
  });

  it('falls back to the repeating column with the fewest values', () => {
    const renamed = rows.map(({ text, urgency }) => ({ text, level: urgency }));
    expect(detectLabelColumn(['text', 'level'], renamed)).toBe('level');
  });

  it('counts classes, most frequent first', () => {
    expect(countValues(rows, 'urgency')).toEqual([
      { value: 'high', count: 3 },
      { value: 'low', count: 2 },
    ]);
  });
});

describe('inferColumnType', () => {
  it.each([
    [['1', '2', '-3'], 'integer'],
    [['1.5', '2', ''], 'number'],
    [['true', 'FALSE'], 'boolean'],
    [['2025-01-01', '2025-02-03'], 'date'],
    [['2025-01-01T10:00:00Z'], 'datetime'],
    [['a', 'b', 'a', 'b', 'a'], 'category'],
    [['free text', 'more text'], 'string'],
  ])('%j is %s', (values, type) => {
    expect(inferColumnType(values)).toBe(type);
  });
  // As the scorer reads them: only a semicolon-separated CSV holds numbers with decimal commas.
  it('reads decimal commas as numbers in a semicolon-separated file only', () => {
    const prices = ['3,50', '12', '1.249,00', '-0,25'];
    expect(inferColumnType(prices, true)).toBe('number');
    expect(inferColumnType(prices)).toBe('string');
    expect(inferColumnType(['12', '7'], true)).toBe('integer');
    expect(inferColumnType(['3,5,1', '2'], true)).toBe('string');
  });
});
