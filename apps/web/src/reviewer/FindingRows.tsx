import { type Finding, findingRowNumbers, isFindingRowsWithheld } from '@assay/schema';
import { Anchor, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryError } from '../components/QueryError.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { RowsTable } from './RowsTable.tsx';

/** What the cited rows are of the finding's: all of them, or the report's sample of them. */
export function findingRowsCaption(shown: number, count: number): string {
  if (count <= shown) return shown === 1 ? 'The row it is about.' : `The ${shown} rows it is about.`;
  return `${shown.toLocaleString('en-US')} of the ${count.toLocaleString('en-US')} rows it is about: the report keeps a sample of them.`;
}

/**
 * "Show the rows" under a finding of the review page: the rows of the file it cites, read from the server
 * (`review.findingRows`) when asked, in a dialog, its column marked. Nothing for a finding citing no row,
 * or one about personal data, whose rows the server withholds.
 */
export function FindingRows({
  versionId,
  finding,
  index,
}: {
  versionId: string;
  finding: Finding;
  index: number;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const numbers = findingRowNumbers(finding);
  if (numbers.length === 0 || isFindingRowsWithheld(finding)) return null;
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
        {isOpen && <CitedRows versionId={versionId} index={index} count={finding.count} />}
      </Modal>
    </>
  );
}

function CitedRows({ versionId, index, count }: { versionId: string; index: number; count: number }) {
  const trpc = useTRPC();
  // A version's report never changes: its rows are read once.
  const rows = useQuery({
    ...trpc.review.findingRows.queryOptions({ versionId, finding: index }),
    staleTime: Infinity,
  });
  if (rows.error) return <QueryError error={rows.error} onRetry={() => void rows.refetch()} />;
  if (!rows.data)
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">Reading the rows from the file…</Text>
      </Group>
    );
  return (
    <Stack gap="xs" data-testid="finding-rows-dialog">
      <Text size="sm" c="dimmed">
        {findingRowsCaption(rows.data.numbers.length, count)}
      </Text>
      <RowsTable
        columns={rows.data.columns}
        rows={rows.data.rows}
        numbers={rows.data.numbers}
        markColumn={rows.data.column}
        testId="finding-rows"
      />
    </Stack>
  );
}
