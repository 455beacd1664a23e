import { describe, expect, it } from 'vitest';
import { describeRule, scoreCase, withManifest } from '../../test/rule-cases.ts';

const withHighWrittenTwoWays = withManifest((m) => {
  m.label!.classes.push({ name: 'High', definition: 'Service is down for the customer' });
});

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
  {
    // "High" on 1 row beside "high" on 12 is a typo (label-class-variants says so), not a rare class.
    name: 'good: a class written two ways counts as one',
    csv: `text,urgency,created\n${Array.from({ length: 24 }, (_, i) => `ticket number ${i},${i % 2 ? 'low' : 'high'},2025-03-03`).join('\n')}\nServer down,High,2025-03-04\n`,
    manifest: withHighWrittenTwoWays,
    isFound: false,
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

  it('reports a class written two ways by the spelling to keep, with the rows of both', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `ticket number ${i},low,2025-03-03`);
    const report = await scoreCase({
      csv: `text,urgency,created\n${rows.join('\n')}\nServer down,High,2025-03-04\nSite down,high,2025-03-04\nDNS down,High,2025-03-05\n`,
      manifest: withHighWrittenTwoWays,
    });
    const finding = report.findings.find((f) => f.code === 'structure.class-imbalance');
    expect(finding?.message).toBe('The class "High" has 3 rows (7%), 13 times fewer than "low".');
    expect(finding?.location?.field).toBe('label.classes.2');
  });
});
