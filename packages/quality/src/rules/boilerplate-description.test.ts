import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('context.boilerplate-description', [
  { name: 'good: specific', isFound: false },
  {
    name: 'bad: the template sentence',
    manifest: withManifest((m) => {
      m.description = 'What the data is, why it was made, what one row is.';
    }),
    isFound: true,
  },
  {
    name: 'bad: repeats the title',
    manifest: withManifest((m) => {
      m.description = m.title;
    }),
    isFound: true,
  },
]);
