import { Select, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../components/QueryError.tsx';
import { useTRPC } from '../lib/trpc.ts';

/**
 * Chooses one of the reviewer's own requests (open or closed) to filter a list by; cleared, the list
 * takes all of them. Says so when the requests cannot be loaded: the choice would be empty with nothing said.
 */
export function RequestFilter({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (requestId: string | null) => void;
}) {
  const trpc = useTRPC();
  const requests = useQuery(
    trpc.request.list.queryOptions({ isOwnOnly: true, status: 'all', limit: 200, offset: 0 }),
  );
  return (
    <Stack gap={4}>
      <Select
        label="Request"
        placeholder="All requests"
        clearable
        data={(requests.data ?? []).map((request) => ({ value: request.id, label: request.title }))}
        value={value}
        onChange={onChange}
        w={260}
      />
      {requests.error && !requests.data && (
        <QueryError
          error={requests.error}
          onRetry={() => void requests.refetch()}
          title="Could not load the requests to filter by"
        />
      )}
    </Stack>
  );
}
