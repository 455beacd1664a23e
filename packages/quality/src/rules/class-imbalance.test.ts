import { describe, expect, it } from 'vitest';
import { describeRule, scoreCase, withManifest } from '../../test/rule-cases.ts';

describeRule('structure.class-imbalance', [
  { name: 'good: balanced', isFound: false },
  {
    name: 'bad: a declared class never used',
    manifest: withManifest((m) => {
      m.label!.classes.push({ name: 'medium', definition: 'Degraded service but usable' });
    }),
    isFound: true,
  },
  {
    name: 'bad: one class 12 times rarer',
    csv: `text,urgency,created\n${Array.from({ length: 24 }, (_, i) => `ticket number ${i},low,2025-03-03`).join('\n')}\nServer down,high,2025-03-04\nSite down,high,2025-03-04\n`,
    isFound: true,
  },
]);

describe('structure.class-imbalance message', () => {
  it('gives the rare class its rows, as a count and a share', async () => {
    const rows = Array.from({ length: 24 }, (_, i) => `ticket number ${i},low,2025-03-03`);
    const report = await scoreCase({
      csv: `text,urgency,created\n${rows.join('\n')}\nServer down,high,2025-03-04\nSite down,high,2025-03-04\n`,
    });
    const finding = report.findings.find((f) => f.code === 'structure.class-imbalance');
    expect(finding?.message).toBe('The class "high" has 2 rows (7.7%), 12 times fewer than "low".');
    expect(finding?.count).toBe(2);
  });
});
