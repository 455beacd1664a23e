import type { Manifest, QualityReport } from '@assay/schema';
import { findingRowNumbers } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { findEarlierRows, REPEAT_FINDING_CODES, scoreDataset } from '../src/index.ts';
import { chunksOf, GOOD_MANIFEST } from './rule-cases.ts';

const encode = (text: string) => new TextEncoder().encode(text);

/** The rows each repeat finding cites, paired with the earlier row findEarlierRows names for each. */
async function pairsOf(bytes: Uint8Array, manifest: Manifest, format?: 'csv' | 'jsonl') {
  const report: QualityReport = await scoreDataset({ source: chunksOf(bytes, 7), format, manifest });
  const pairs: Record<string, [number, number | undefined][]> = {};
  for (const finding of report.findings.filter((f) => REPEAT_FINDING_CODES.has(f.code))) {
    const rows = findingRowNumbers(finding);
    const earlier = await findEarlierRows({ source: chunksOf(bytes, 5), format, manifest, rows });
    pairs[finding.code] = rows.map((row) => [row, earlier.get(row)]);
  }
  return pairs;
}

describe('findEarlierRows', () => {
  it('names the row each duplicate, near-duplicate and conflicting row repeats: the first with its content', async () => {
    const csv = [
      'text,urgency,created',
      '"The server is down",high,2025-03-01', // 1
      'Please reset my password,low,2025-03-02', // 2
      '"The server is down",high,2025-03-01', // 3: repeats 1
      'THE SERVER IS DOWN!,high,2025-03-01', // 4: like 1
      'Please reset my password,high,2025-03-02', // 5: 2 with another label
      'Where is my invoice?,low,2025-03-03', // 6
      '"The server is down",high,2025-03-01', // 7: repeats 1 (not 3)
      'where is my invoice,low,2025-03-03', // 8: like 6
    ].join('\n');
    expect(await pairsOf(encode(`${csv}\n`), GOOD_MANIFEST)).toEqual({
      'structure.duplicate-rows': [
        [3, 1],
        [7, 1],
      ],
      'structure.near-duplicate-rows': [
        [4, 1],
        [8, 6],
      ],
      'structure.conflicting-labels': [[5, 2]],
    });
  });

  it('reads JSON Lines the same way', async () => {
    const lines = [
      { text: 'Printer on fire', urgency: 'high', created: '2025-03-01' },
      { text: 'Lunch menu', urgency: 'low', created: '2025-03-02' },
      { text: 'printer on fire.', urgency: 'high', created: '2025-03-01' },
      { text: 'Lunch menu', urgency: 'low', created: '2025-03-02' },
    ];
    const jsonl = `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
    expect(await pairsOf(encode(jsonl), GOOD_MANIFEST, 'jsonl')).toEqual({
      'structure.duplicate-rows': [[4, 2]],
      'structure.near-duplicate-rows': [[3, 1]],
    });
  });

  it('stops reading once it is past the last row asked for, and leaves out rows that repeat none', async () => {
    const rows = [
      'text,urgency,created',
      'alpha,high,2025-03-01',
      'beta,low,2025-03-01',
      'alpha,high,2025-03-01',
    ];
    for (let i = 0; i < 20_000; i++) rows.push(`ticket number ${i} about something,low,2025-03-02`);
    const bytes = encode(`${rows.join('\n')}\n`);
    let chunksRead = 0;
    async function* counted() {
      for await (const chunk of chunksOf(bytes, 4096)) {
        chunksRead++;
        yield chunk;
      }
    }
    const earlier = await findEarlierRows({ source: counted(), manifest: GOOD_MANIFEST, rows: [3, 2] });
    expect([...earlier]).toEqual([[3, 1]]);
    expect(bytes.length / 4096).toBeGreaterThan(150);
    expect(chunksRead).toBeLessThan(40);
  });

  it('passes on an abort from the caller', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    const source = chunksOf(encode('text,urgency\na,high\na,high\n'), 4);
    await expect(
      findEarlierRows({ source, manifest: GOOD_MANIFEST, rows: [2], signal: controller.signal }),
    ).rejects.toThrow('gone');
  });
});
