import { describe, expect, it } from 'vitest';
import { findingRowsCaption } from './FindingRows.tsx';

describe('findingRowsCaption', () => {
  it('says whether the rows shown are all the finding is about, or the report’s sample of them', () => {
    expect(findingRowsCaption(1, 1)).toBe('The row it is about.');
    expect(findingRowsCaption(3, 3)).toBe('The 3 rows it is about.');
    expect(findingRowsCaption(10, 1234)).toBe(
      '10 of the 1,234 rows it is about: the report keeps a sample of them.',
    );
  });
});
