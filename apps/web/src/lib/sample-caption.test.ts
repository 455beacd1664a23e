import { describe, expect, it } from 'vitest';
import { sampleCaption } from './sample-caption.ts';

describe('sampleCaption', () => {
  it('says the rows are spread over the file when they are', () => {
    expect(sampleCaption([1, 9, 17], 24)).toBe(
      "3 rows of 24, spread over the whole file; the first column is each row's number, as findings give it.",
    );
  });

  it('says the first rows, all rows, or none', () => {
    expect(sampleCaption([1, 2, 3], 1_200)).toBe('The first 3 rows of 1,200.');
    expect(sampleCaption([1, 2, 3], 3)).toBe('All 3 rows.');
    expect(sampleCaption([], 0)).toBe('The file has no data rows.');
    expect(sampleCaption([1, 2], null)).toBe('The first 2 rows.');
  });
});
