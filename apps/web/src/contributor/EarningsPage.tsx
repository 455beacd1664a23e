import type { EarningsEntry } from '@assay/schema';
import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { formatMoney } from '../lib/money.ts';
import { useTRPC } from '../lib/trpc.ts';

/** What the contributor has earned: credited on acceptance, in the same transaction as the decision. */
export function EarningsPage() {
  const trpc = useTRPC();
  const balance = useQuery(trpc.ledger.balance.queryOptions({ limit: 100 }));
  return (
    <Stack>
      <Title order={2}>Earnings</Title>
      {balance.error && <QueryError error={balance.error} onRetry={() => void balance.refetch()} />}
      {balance.data && (
        <>
          <Card withBorder>
            <Text c="dimmed" size="sm">
              Balance
            </Text>
            <Text fw={700} size="xl" data-testid="balance">
              {formatMoney(balance.data.balanceCents)}
            </Text>
          </Card>
          {balance.data.entries.length === 0 ? (
            <Text c="dimmed">
              Nothing yet: you earn when a reviewer accepts a submission made to a request.
            </Text>
          ) : (
            // On a phone the time goes under what the entry paid for, and the amount stays on screen.
            <Table.ScrollContainer minWidth={0}>
              <Table striped data-testid="ledger" miw={{ sm: 400 }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th visibleFrom="sm">When</Table.Th>
                    <Table.Th>What</Table.Th>
                    <Table.Th ta="right">Amount</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {balance.data.entries.map((entry) => (
                    <Table.Tr key={entry.id}>
                      <Table.Td visibleFrom="sm">{new Date(entry.at).toLocaleString()}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        <EntryDescription entry={entry} />
                        <Text size="xs" c="dimmed" hiddenFrom="sm">
                          {new Date(entry.at).toLocaleString()}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatMoney(entry.amountCents)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}

/** What an entry paid for: the submission accepted (a link to it) and the request, or the ledger's memo. */
function EntryDescription({ entry }: { entry: EarningsEntry }) {
  const { submission, requestTitle } = entry;
  if (submission === null) return <>{entry.memo}</>;
  return (
    <>
      {entry.memo}:{' '}
      <Anchor component={Link} to={`/submissions/${submission.id}`} fz="inherit">
        {submission.title || 'Untitled submission'}
      </Anchor>{' '}
      (version {submission.versionNumber}){requestTitle && <> for “{requestTitle}”</>}
    </>
  );
}
