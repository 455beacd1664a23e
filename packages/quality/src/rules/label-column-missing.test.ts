import { describeRule, GOOD_CSV, withManifest } from '../../test/rule-cases.ts';

describeRule('structure.label-column-missing', [
  { name: 'good: label column in the file', isFound: false },
  {
    name: 'bad: label column not declared',
    manifest: withManifest((m) => {
      m.label!.column = 'priority';
    }),
    isFound: true,
  },
  {
    name: 'bad: label column declared but not in the file',
    csv: GOOD_CSV.replace('urgency', 'urg'),
    isFound: true,
  },
]);
