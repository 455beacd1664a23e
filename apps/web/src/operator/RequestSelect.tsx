import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';

/**
 * Chooses one data request of any organisation, open or closed, to filter an operator's page by; cleared,
 * the page takes all of them.
 */
export function RequestSelect({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (requestId: string | null) => void;
}) {
  const trpc = useTRPC();
  const requests = useQuery(trpc.request.list.queryOptions({ status: 'all', limit: 200, offset: 0 }));
  return (
    <Select
      label="Request"
      placeholder="All requests"
      clearable
      data={(requests.data ?? []).map((r) => ({ value: r.id, label: r.title }))}
      value={value}
      onChange={onChange}
      error={requests.error ? 'Could not load the requests' : undefined}
      w={260}
    />
  );
}
