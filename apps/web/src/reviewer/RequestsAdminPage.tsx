import { takesSubmissions } from '@assay/schema';
import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { budgetText } from '../lib/budget-text.ts';
import { deadlineText } from '../lib/deadline-text.ts';
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
        // On a phone a row is the title, the status and the budget left; the reward, the budget, the
        // minimum score and the deadline wait for a wider screen (and the editor).
        <Table.ScrollContainer minWidth={0}>
          <Table striped data-testid="requests" miw={{ sm: 560 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th visibleFrom="sm">Reward</Table.Th>
                <Table.Th visibleFrom="sm">Budget</Table.Th>
                <Table.Th>Left</Table.Th>
                <Table.Th visibleFrom="sm">Minimum score</Table.Th>
                <Table.Th visibleFrom="sm">Deadline</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data.map((request) => (
                <Table.Tr key={request.id}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/review/requests/${request.id}`}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {request.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Badge
                        color={request.status === 'open' ? 'green' : 'gray'}
                        variant="light"
                        miw="max-content"
                      >
                        {request.status}
                      </Badge>
                      {request.status === 'open' && !takesSubmissions(request) && (
                        // Open for deciding what came in; contributors no longer see it or submit to it.
                        <Badge color="orange" variant="light" miw="max-content" data-testid="past-deadline">
                          past deadline
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{formatMoney(request.rewardCents)}</Table.Td>
                  <Table.Td visibleFrom="sm">{formatMoney(request.budgetCents)}</Table.Td>
                  <Table.Td data-testid="request-budget-left">
                    {formatMoney(request.budgetLeftCents)}
                    {budgetText(request)?.isSpent && (
                      <Badge ml="xs" color="orange" variant="light" miw="max-content">
                        {request.budgetLeftCents > 0 ? 'below one reward' : 'spent'}
                      </Badge>
                    )}
                  </Table.Td>
                  {/* No minimum, no deadline: a dash, as the editor's "Empty: no minimum" says (0 read as a score). */}
                  <Table.Td visibleFrom="sm">{request.minQualityScore || '—'}</Table.Td>
                  <Table.Td visibleFrom="sm" miw="max-content">
                    {request.deadline ? deadlineText(request.deadline) : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
