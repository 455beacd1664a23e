import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findingRowsCaption, groupedByEarlier, repeatNotes } from './FindingRows.tsx';
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
      ['3', '', 'Printer on fire', 'high'],
      ['31', 'row 3', 'Printer on fire', 'high'],
    ]);
  });
});

describe('groupedByEarlier', () => {
  it('puts each earlier row above the rows that repeat it, unreadable rows moved with theirs', () => {
    const sample = {
      rows: [['a'], ['b'], [], ['b']],
      numbers: [4, 6, 21, 41],
      unreadable: [{ index: 2, problem: 'invalid-json' as const, text: '{' }],
    };
    const grouped = groupedByEarlier(sample, [
      { row: 21, earlier: 4 },
      { row: 41, earlier: 6 },
    ]);
    expect(grouped.numbers).toEqual([4, 21, 6, 41]);
    expect(grouped.rows).toEqual([['a'], [], ['b'], ['b']]);
    expect(grouped.unreadable).toEqual([{ index: 1, problem: 'invalid-json', text: '{' }]);
  });
});

describe('RowsTable', () => {
  it('scrolls the marked column into sight (on a phone it can start right of the scroll)', () => {
    const scrolled: string[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this.textContent ?? '');
    };
    try {
      render(
        <MantineProvider>
          <RowsTable
            columns={['text', 'created', 'label']}
            rows={[['A long text', '2025-03-01', 'high']]}
            numbers={[7]}
            markColumn="label"
            testId="marked"
          />
        </MantineProvider>,
      );
    } finally {
      Element.prototype.scrollIntoView = original;
    }
    expect(scrolled).toEqual(['label']);
  });
});
