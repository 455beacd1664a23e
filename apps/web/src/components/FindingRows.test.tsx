import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findingRowsCaption, repeatNotes } from './FindingRows.tsx';
import { RowsTable } from './RowsTable.tsx';

describe('findingRowsCaption', () => {
  it('says whether the rows shown are all the finding is about, or the report’s sample of them', () => {
    expect(findingRowsCaption(1, 1)).toBe('The row it is about.');
    expect(findingRowsCaption(3, 3)).toBe('The 3 rows it is about.');
    expect(findingRowsCaption(10, 1234)).toBe(
      '10 of the 1,234 rows it is about: the report keeps a sample of them.',
    );
  });
});

describe('repeatNotes', () => {
  const repeats = [
    { row: 31, earlier: 3 },
    { row: 1204, earlier: 3 },
  ];

  it('names the earlier row beside each repeated one, in the words of its finding', () => {
    const notes = repeatNotes('structure.duplicate-rows', repeats);
    expect(notes?.header).toBe('Repeats');
    expect([...notes!.byRow]).toEqual([
      [3, 'the earlier row'],
      [31, 'row 3'],
      [1204, 'row 3'],
    ]);
    expect(repeatNotes('structure.conflicting-labels', repeats)?.byRow.get(31)).toBe('row 3, another label');
    expect(repeatNotes('structure.near-duplicate-rows', repeats)?.header).toBe('Like');
  });

  it('gives no column to other findings, or when the server paired no rows', () => {
    expect(repeatNotes('structure.type-mismatch', repeats)).toBeNull();
    expect(repeatNotes('structure.duplicate-rows', [])).toBeNull();
    expect(repeatNotes('structure.duplicate-rows', undefined)).toBeNull();
  });

  it('puts the notes in their own column after the row number', () => {
    render(
      <MantineProvider>
        <RowsTable
          columns={['text', 'urgency']}
          rows={[
            ['Printer on fire', 'high'],
            ['Printer on fire', 'high'],
          ]}
          numbers={[3, 31]}
          notes={repeatNotes('structure.duplicate-rows', [{ row: 31, earlier: 3 }])!}
          testId="rows"
        />
      </MantineProvider>,
    );
    const table = screen.getByTestId('rows');
    const texts = within(table)
      .getAllByRole('row')
      .map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent));
    expect(texts).toEqual([
      ['Row', 'Repeats', 'text', 'urgency'],
      ['3', 'the earlier row', 'Printer on fire', 'high'],
      ['31', 'row 3', 'Printer on fire', 'high'],
    ]);
  });
});
