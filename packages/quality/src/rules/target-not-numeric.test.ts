import type { Manifest } from '@assay/schema';
import { describeRule } from '../../test/rule-cases.ts';

/** GOOD_MANIFEST as a regression on a `minutes` column declared as `type`, and a file with it. */
const regression =
  (type: Manifest['columns'][number]['type']) =>
  (manifest: Manifest): Manifest => ({
    ...manifest,
    task: 'regression',
    columns: [...manifest.columns, { name: 'minutes', type, description: 'Minutes until the first answer' }],
    label: { column: 'minutes', classes: [] },
  });

const CSV = [
  'text,urgency,created,minutes',
  '"My site is down, nothing loads",high,2025-03-02,4',
  'How do I change my invoice address?,low,2025-03-05,120',
  'Email bounces for every mailbox,high,2025-05-01,9.5',
  '',
].join('\n');

describeRule('structure.target-not-numeric', [
  { name: 'good: a target declared as a number', csv: CSV, manifest: regression('number'), isFound: false },
  {
    name: 'good: a target declared as an integer',
    csv: CSV,
    manifest: regression('integer'),
    isFound: false,
  },
  { name: 'good: a classification (its label is no number)', isFound: false },
  { name: 'bad: a target declared as text', csv: CSV, manifest: regression('string'), isFound: true },
  { name: 'bad: a target declared as a category', csv: CSV, manifest: regression('category'), isFound: true },
]);
