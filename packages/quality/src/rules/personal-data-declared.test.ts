import { describeRule, GOOD_CSV, withManifest } from '../../test/rule-cases.ts';

describeRule('structure.personal-data-declared', [
  {
    name: 'good: declared and none found',
    manifest: withManifest((m) => {
      m.provenance!.containsPersonalData = true;
    }),
    isFound: false,
  },
  {
    name: 'bad: declared and found',
    csv: `${GOOD_CSV}Write to jane.doe@example.com,low,2025-03-03\n`,
    manifest: withManifest((m) => {
      m.provenance!.containsPersonalData = true;
    }),
    isFound: true,
  },
]);
