import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('context.missing-annotation-protocol', [
  { name: 'good: stated', isFound: false },
  {
    name: 'bad: missing on a classification task',
    manifest: withManifest((m) => {
      m.context!.annotationProtocol = null;
    }),
    isFound: true,
  },
]);
