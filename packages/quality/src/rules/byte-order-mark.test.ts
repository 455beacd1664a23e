import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.byte-order-mark', [
  { name: 'good: no BOM', isFound: false },
  {
    name: 'bad: UTF-8 BOM',
    bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(GOOD_CSV)]),
    isFound: true,
  },
]);
