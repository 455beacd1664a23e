import { Alert, Card, Loader, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../components/QueryError.tsx';
import { useTRPC } from '../lib/trpc.ts';

/** The server's health and version, straight from the API. */
export function HealthPage() {
  const trpc = useTRPC();
  const health = useQuery(trpc.health.get.queryOptions());
  return (
    <Card withBorder maw={480}>
      <Title order={2} mb="sm">
        Server status
      </Title>
      {health.isPending && <Loader size="sm" />}
      {health.error && (
        <QueryError
          error={health.error}
          onRetry={() => void health.refetch()}
          title="The server did not answer"
        />
      )}
      {health.data && (
        <Text data-testid="health">
          Status <b>{health.data.status}</b> · version <b>{health.data.version}</b> · database{' '}
          <b>{health.data.database}</b>
        </Text>
      )}
      {health.data?.status === 'unavailable' && (
        <Alert color="red" mt="sm" title="The server cannot serve requests">
          {health.data.reason}
        </Alert>
      )}
    </Card>
  );
}
