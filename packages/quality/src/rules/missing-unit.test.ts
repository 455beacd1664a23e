import { describeRule, INT_MANIFEST } from '../../test/rule-cases.ts';

describeRule('context.missing-unit', [
  {
    name: 'good: unit given',
    csv: 'price,y\n1.5,1\n2,2\n',
    manifest: () => ({
      ...INT_MANIFEST,
      columns: [
        { name: 'price', type: 'number', unit: 'EUR' },
        { name: 'y', type: 'number', description: 'A score' },
      ],
    }),
    isFound: false,
  },
  {
    name: 'bad: no unit',
    csv: 'price,y\n1.5,1\n2,2\n',
    manifest: () => ({
      ...INT_MANIFEST,
      columns: [
        { name: 'price', type: 'number' },
        { name: 'y', type: 'number', description: 'A score' },
      ],
    }),
    isFound: true,
  },
]);
