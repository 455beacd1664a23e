import { takesSubmissions } from '@assay/schema';
import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { budgetText } from '../lib/budget-text.ts';
import { formatMoney } from '../lib/money.ts';
import { useTRPC } from '../lib/trpc.ts';

/** The organisation's data requests, open and closed. */
export function RequestsAdminPage() {
  const trpc = useTRPC();
  const requests = useQuery(
    trpc.request.list.queryOptions({ isOwnOnly: true, status: 'all', limit: 200, offset: 0 }),
  );
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Data requests</Title>
        <Button component={Link} to="/review/requests/new">
          New request
        </Button>
      </Group>
      {requests.error && <QueryError error={requests.error} onRetry={() => void requests.refetch()} />}
      {requests.data?.length === 0 && (
        <Text c="dimmed">No requests yet: post one so contributors know what you need.</Text>
      )}
      {requests.data && requests.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped data-testid="requests">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Reward</Table.Th>
                <Table.Th>Budget</Table.Th>
                <Table.Th>Left</Table.Th>
                <Table.Th>Minimum score</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data.map((request) => (
                <Table.Tr key={request.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/review/requests/${request.id}`}>
                      {request.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={request.status === 'open' ? 'green' : 'gray'} variant="light">
                      {request.status}
                    </Badge>
                    {request.status === 'open' && !takesSubmissions(request) && (
                      // Open for deciding what came in; contributors no longer see it or submit to it.
                      <Badge ml="xs" color="orange" variant="light" data-testid="past-deadline">
                        past deadline
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{formatMoney(request.rewardCents)}</Table.Td>
                  <Table.Td>{formatMoney(request.budgetCents)}</Table.Td>
                  <Table.Td data-testid="request-budget-left">
                    {formatMoney(request.budgetLeftCents)}
                    {budgetText(request)?.isSpent && (
                      <Badge ml="xs" color="orange" variant="light">
                        spent
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{request.minQualityScore}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
