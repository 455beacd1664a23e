import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('context.missing-timeframe', [
  { name: 'good: ISO dates', isFound: false },
  {
    name: 'bad: missing',
    manifest: withManifest((m) => {
      m.context!.timeframe = null;
    }),
    isFound: true,
  },
  {
    name: 'bad: not a date',
    manifest: withManifest((m) => {
      m.context!.timeframe = { start: 'spring', end: '2025-05-31' };
    }),
    isFound: true,
  },
  {
    name: 'bad: start after end',
    manifest: withManifest((m) => {
      m.context!.timeframe = { start: '2025-06-01', end: '2025-05-31' };
    }),
    isFound: true,
  },
]);
