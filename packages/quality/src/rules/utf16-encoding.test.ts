import { describeRule, GOOD_CSV } from '../../test/rule-cases.ts';

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

describeRule('structure.utf16-encoding', [
  { name: 'good: UTF-8', isFound: false },
  { name: 'bad: UTF-16LE with BOM', bytes: utf16le(GOOD_CSV), isFound: true },
]);
