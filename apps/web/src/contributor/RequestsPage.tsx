import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { budgetText } from '../lib/budget-text.ts';
import { deadlineText } from '../lib/deadline-text.ts';
import { formatMoney } from '../lib/money.ts';
import { needsText } from '../lib/needs-text.ts';
import { useTRPC } from '../lib/trpc.ts';

/** Open data requests and what each requires. */
export function RequestsPage() {
  const trpc = useTRPC();
  const requests = useQuery(
    trpc.request.list.queryOptions({ isTakingSubmissions: true, limit: 200, offset: 0 }),
  );
  return (
    <Stack>
      <Title order={2}>Open data requests</Title>
      {requests.error && <QueryError error={requests.error} onRetry={() => void requests.refetch()} />}
      {requests.data?.length === 0 && <Text c="dimmed">No open requests right now.</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {requests.data?.map((request) => (
          <Card key={request.id} withBorder data-testid="request-card">
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Title order={4}>{request.title}</Title>
                <Badge>{formatMoney(request.rewardCents)}</Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {request.organisationName} · {request.task}
                {request.deadline ? ` · until ${deadlineText(request.deadline)}` : ''}
              </Text>
              {request.description && <Text size="sm">{request.description}</Text>}
              <Text size="sm">
                <b>Needs:</b> {needsText(request)}
              </Text>
              <BudgetLine request={request} />
              <Group>
                {/* Still offered when the budget cannot pay (it may be raised), but not as the obvious move. */}
                <Button
                  component={Link}
                  to={`/new?request=${request.id}`}
                  size="xs"
                  variant={budgetText(request)?.isSpent ? 'default' : 'filled'}
                >
                  Contribute to this request
                </Button>
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** What the request's budget still pays for; a spent one in orange, since accepting it is on hold. */
function BudgetLine({ request }: { request: Parameters<typeof budgetText>[0] }) {
  const budget = budgetText(request);
  if (!budget) return null;
  return (
    <Text size="sm" c={budget.isSpent ? 'orange' : 'dimmed'} data-testid="request-budget">
      {budget.text}
    </Text>
  );
}
