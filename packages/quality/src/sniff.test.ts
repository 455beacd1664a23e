import { describe, expect, it } from 'vitest';
import { sniffCsvDelimiter } from './sniff.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('sniffCsvDelimiter', () => {
  it.each([
    ['commas', 'id,text,label\n1,a;b,x\n', ','],
    [
      'semicolons, as Excel writes them where the comma is the decimal separator',
      'id;text;label\n1;a,b;x\n',
      ';',
    ],
    ['semicolons after blank lines and a byte order mark', '\uFEFF\r\n  \r\nid;price\r\n1;3,5\r\n', ';'],
    ['semicolons inside quoted names, commas between them', '"a;b","c;d",e\n', ','],
    ['commas inside quoted names, semicolons between them', '"a,b";"c,d";e\n', ';'],
    ['one column', 'text\nhello\n', ','],
    ['as many of each: commas, the format’s own', 'a;b,c\n', ','],
    ['an empty file', '', ','],
    ["Excel's separator line, whatever follows", 'sep=;\r\na,b,c\n', ';'],
    ["Excel's separator line for commas", '\n sep=,\na;b;c\n', ','],
    ['a header that only starts like one', 'sep=;x\na,b\n', ';'],
  ])('%s', (_, text, expected) => {
    expect(sniffCsvDelimiter(bytes(text))).toBe(expected);
  });

  it('reads the first line of a UTF-16 file as text', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'a;b\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(sniffCsvDelimiter(utf16)).toBe(';');
  });
});
