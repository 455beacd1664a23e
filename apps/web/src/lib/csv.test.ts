import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './csv.ts';

describe('neutraliseCell', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j becomes %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it('keeps numbers, including negative ones, as numbers', () => {
    expect(neutraliseCell(-3.5)).toBe('-3.5');
    expect(neutraliseCell(0)).toBe('0');
    expect(neutraliseCell(Number.NaN)).toBe('');
  });

  it('writes null and undefined as empty cells', () => {
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"', c: 'two\nlines' }])).toBe(
      'a,b,c\r\n"x,y","say ""hi""","two\nlines"\r\n',
    );
  });

  it('neutralises formulas in headers and cells', () => {
    expect(toCsv([{ '=h': '=HYPERLINK("http://evil")' }])).toBe(`'=h\r\n"'=HYPERLINK(""http://evil"")"\r\n`);
  });

  it('uses the given column order and leaves missing cells empty', () => {
    expect(toCsv([{ b: 1 }, { a: 2, b: 3 }], ['a', 'b'])).toBe('a,b\r\n,1\r\n2,3\r\n');
  });
});
