import { describeRule, withManifest } from '../../test/rule-cases.ts';

describeRule('context.undefined-label-class', [
  { name: 'good: all defined', isFound: false },
  {
    name: 'bad: a class without definition',
    manifest: withManifest((m) => {
      m.label!.classes[1]!.definition = null;
    }),
    isFound: true,
  },
]);
