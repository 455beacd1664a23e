import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('provenance.source-missing', [
  { name: 'good: declared', isFound: false },
  {
    name: 'bad: not declared',
    manifest: withManifest((m) => {
      m.provenance!.sourceType = null;
    }),
    isFound: true,
  },
]);
