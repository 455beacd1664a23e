import type { UnreadableRow } from '@assay/quality';
import { ScrollArea, Table } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { UnreadableRowCell } from './UnreadableRowCell.tsx';

/**
 * Rows of a data file with their row numbers, as the scorer counts them: the review page's sample, and the
 * rows a finding cites, where `markColumn` (the column the finding is about) stands out.
 */
export function RowsTable({
  columns,
  rows,
  numbers,
  unreadable = [],
  markColumn = null,
  notes,
  testId,
}: {
  columns: string[];
  rows: string[][];
  numbers: number[];
  /** Rows that could not be read into columns, shown as the line as written. */
  unreadable?: UnreadableRow[];
  markColumn?: string | null;
  /** A column of notes after the row number, by row number (e.g. the earlier row each repeats). */
  notes?: { header: string; byRow: ReadonlyMap<number, string> };
  testId: string;
}) {
  const marked = markColumn === null ? -1 : columns.indexOf(markColumn);
  // On a narrow screen the marked column can start out of sight, right of the scroll: it is scrolled to.
  const markedHeader = useRef<HTMLTableCellElement>(null);
  useEffect(() => {
    markedHeader.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, []);
  const unreadableAt = new Map(unreadable.map((row) => [row.index, row]));
  return (
    <ScrollArea type="auto">
      <Table striped withTableBorder data-testid={testId} style={{ fontSize: 13 }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Row</Table.Th>
            {notes && <Table.Th>{notes.header}</Table.Th>}
            {columns.map((column, index) => (
              <Table.Th
                key={column}
                bg={index === marked ? 'yellow.1' : undefined}
                ref={index === marked ? markedHeader : undefined}
              >
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
            <Table.Tr key={index}>
              <Table.Td c="dimmed">{numbers[index]?.toLocaleString()}</Table.Td>
              {notes && (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{notes.byRow.get(numbers[index]!) ?? ''}</Table.Td>
              )}
              {unreadableAt.has(index) ? (
                <UnreadableRowCell row={unreadableAt.get(index)!} columns={columns.length} />
              ) : (
                row.map((cell, cellIndex) => (
                  <Table.Td
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                    key={cellIndex}
                    bg={cellIndex === marked ? 'yellow.1' : undefined}
                    fw={cellIndex === marked ? 600 : undefined}
                    style={{
                      maxWidth: 320,
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                      whiteSpace: 'nowrap',
                    }}
                  >
                    {cell}
                  </Table.Td>
                ))
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
