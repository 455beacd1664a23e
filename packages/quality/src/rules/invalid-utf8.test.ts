import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

describeRule('structure.invalid-utf8', [
  { name: 'good: UTF-8 with accents', csv: GOOD_CSV.replace('My site', 'Mé site'), isFound: false },
  {
    name: 'bad: Latin-1 byte',
    bytes: new Uint8Array([
      ...new TextEncoder().encode(GOOD_CSV),
      0x63,
      0x61,
      0x66,
      0xe9,
      0x2c,
      0x6c,
      0x6f,
      0x77,
      0x2c,
      0x32,
      0x30,
      0x32,
      0x35,
      0x2d,
      0x30,
      0x33,
      0x2d,
      0x30,
      0x39,
      0x0a,
    ]),
    isFound: true,
  },
]);
