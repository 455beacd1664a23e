import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../lib/trpc.ts';

/** The contributor's drafts and submissions, and a quick way to start a draft. */
export function SubmissionsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const submissions = useQuery(trpc.submission.list.queryOptions());
  const [title, setTitle] = useState('');
  const create = useMutation(
    trpc.submission.create.mutationOptions({
      onSuccess: () => {
        setTitle('');
        return queryClient.invalidateQueries({ queryKey: trpc.submission.list.queryKey() });
      },
    }),
  );

  return (
    <Stack>
      <Title order={2}>My submissions</Title>
      <Card withBorder>
        <Group
          align="end"
          component="form"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ manifest: { title } });
          }}
        >
          <TextInput
            label="Dataset title"
            placeholder="Customer support tickets, labeled by urgency"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            style={{ flex: 1 }}
            required
          />
          <Button type="submit" loading={create.isPending}>
            Start a draft
          </Button>
        </Group>
        {create.error && (
          <Text c="red" size="sm" mt="xs" role="alert">
            {create.error.message}
          </Text>
        )}
      </Card>
      {submissions.data?.length === 0 && <Text c="dimmed">No submissions yet.</Text>}
      {submissions.data && submissions.data.length > 0 && (
        <Table striped data-testid="submissions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Score</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {submissions.data.map((submission) => (
              <Table.Tr key={submission.id}>
                <Table.Td>{submission.latest.manifest.title ?? 'Untitled'}</Table.Td>
                <Table.Td>{submission.latest.number}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{submission.latest.state}</Badge>
                </Table.Td>
                <Table.Td>{submission.latest.score ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
