import type { UnreadableRow } from '@assay/quality';
import { type Finding, findingRowNumbers } from '@assay/schema';
import { Anchor, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../lib/trpc.ts';
import { QueryError } from './QueryError.tsx';
import { RowsTable } from './RowsTable.tsx';

/** What the cited rows are of the finding's: all of them, or the report's sample of them. */
export function findingRowsCaption(shown: number, count: number): string {
  if (count <= shown) return shown === 1 ? 'The row it is about.' : `The ${shown} rows it is about.`;
  return `${shown.toLocaleString('en-US')} of the ${count.toLocaleString('en-US')} rows it is about: the report keeps a sample of them.`;
}

/** For a finding of repeated rows: what the notes column is called, and what it says of a repeated row. */
const REPEATS: Record<string, { header: string; note: (earlier: string) => string }> = {
  'structure.duplicate-rows': { header: 'Repeats', note: (earlier) => `row ${earlier}` },
  'structure.near-duplicate-rows': { header: 'Like', note: (earlier) => `row ${earlier}` },
  'structure.conflicting-labels': {
    header: 'Same input as',
    note: (earlier) => `row ${earlier}, another label`,
  },
};

/**
 * The notes column of a finding of repeated rows: beside each cited row the earlier row it repeats, and
 * beside each earlier row that it is the earlier one. Null for other findings.
 */
export function repeatNotes(
  code: string,
  repeats: readonly { row: number; earlier: number }[] | undefined,
): { header: string; byRow: Map<number, string> } | null {
  const kind = REPEATS[code];
  if (!kind || !repeats || repeats.length === 0) return null;
  // An earlier row's note is blank: it repeats nothing ("Repeats: the earlier row" read as if it did).
  const byRow = new Map<number, string>();
  for (const { row, earlier } of repeats) byRow.set(row, kind.note(earlier.toLocaleString('en-US')));
  return { header: kind.header, byRow };
}

/**
 * The rows read for a finding of repeats, in the order that pairs them: each earlier row, then the rows that
 * repeat it (in file order the pairs were apart: 4, 6, 21, 41). Unreadable rows keep their place in the map.
 */
export function groupedByEarlier<
  T extends { rows: string[][]; numbers: number[]; unreadable?: UnreadableRow[] },
>(sample: T, repeats: readonly { row: number; earlier: number }[]): T {
  const earlierOf = new Map(repeats.map(({ row, earlier }) => [row, earlier]));
  // Each row's sort key: the earlier row it belongs with, then its own number (the earlier row first).
  const order = sample.numbers
    .map((number, index) => ({ index, group: earlierOf.get(number) ?? number, number }))
    .sort((a, b) => a.group - b.group || a.number - b.number);
  const newIndex = new Map(order.map(({ index }, position) => [index, position]));
  return {
    ...sample,
    rows: order.map(({ index }) => sample.rows[index]!),
    numbers: order.map(({ index }) => sample.numbers[index]!),
    ...(sample.unreadable
      ? { unreadable: sample.unreadable.map((row) => ({ ...row, index: newIndex.get(row.index)! })) }
      : {}),
  };
}

/**
 * "Show the rows" under a finding: the rows of the file it cites, read from the server when asked, in a
 * dialog, its column marked: for a reviewer (`review.findingRows`, personal data masked as `[email]`), or for
 * the contributor, of their own file as it is (`submission.version.findingRows`). Nothing for a finding
 * citing no row.
 */
export function FindingRows({
  versionId,
  finding,
  index,
  reader,
}: {
  versionId: string;
  finding: Finding;
  index: number;
  reader: 'reviewer' | 'contributor';
}) {
  const [isOpen, setIsOpen] = useState(false);
  const numbers = findingRowNumbers(finding);
  if (numbers.length === 0) return null;
  return (
    <>
      <Anchor component="button" type="button" size="sm" ta="left" onClick={() => setIsOpen(true)}>
        {numbers.length === 1
          ? `Show row ${numbers[0]!.toLocaleString('en-US')}`
          : `Show the ${numbers.length} rows`}
      </Anchor>
      <Modal
        opened={isOpen}
        onClose={() => setIsOpen(false)}
        title={finding.message}
        size="xl"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {isOpen && (
          <CitedRows
            versionId={versionId}
            index={index}
            code={finding.code}
            count={finding.count}
            reader={reader}
          />
        )}
      </Modal>
    </>
  );
}

function CitedRows({
  versionId,
  index,
  code,
  count,
  reader,
}: {
  versionId: string;
  index: number;
  code: string;
  count: number;
  reader: 'reviewer' | 'contributor';
}) {
  const trpc = useTRPC();
  const input = { versionId, finding: index };
  // A version's report never changes: its rows are read once.
  const rows = useQuery({
    ...(reader === 'reviewer'
      ? trpc.review.findingRows.queryOptions(input)
      : trpc.submission.version.findingRows.queryOptions(input)),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (rows.error) return <QueryError error={rows.error} onRetry={() => void rows.refetch()} />;
  if (!rows.data)
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">Reading the rows from the file…</Text>
      </Group>
    );
  const notes = repeatNotes(code, rows.data.repeats);
  const shown = notes && rows.data.repeats ? groupedByEarlier(rows.data, rows.data.repeats) : rows.data;
  // The earlier rows are shown beside the rows cited, but are not of them.
  const earlier = new Set(rows.data.repeats?.map((repeat) => repeat.earlier));
  const cited = rows.data.numbers.filter((number) => !earlier.has(number)).length;
  return (
    <Stack gap="xs" data-testid="finding-rows-dialog">
      <Text size="sm" c="dimmed">
        {findingRowsCaption(cited, count)}
        {notes && ' Each is shown with the earlier row it repeats.'}
      </Text>
      <RowsTable
        columns={shown.columns}
        rows={shown.rows}
        numbers={shown.numbers}
        unreadable={shown.unreadable}
        markColumn={rows.data.column}
        {...(notes ? { notes } : {})}
        testId="finding-rows"
      />
    </Stack>
  );
}
