import { describeRule, withManifest } from '../../test/rule-cases.ts';

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
