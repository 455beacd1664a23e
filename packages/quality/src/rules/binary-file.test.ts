import { describeRule } from '../../test/rule-cases.ts';

describeRule('structure.binary-file', [
  { name: 'good: text', isFound: false },
  {
    name: 'bad: bytes with NUL (a zip header)',
    bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 8, 0]),
    isFound: true,
  },
]);
