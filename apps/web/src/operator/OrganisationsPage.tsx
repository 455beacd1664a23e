import { OrganisationInputSchema } from '@assay/schema';
import { Anchor, Box, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MembersPanel } from '../components/MembersPanel.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useSingleFlight } from '../hooks/use-single-flight.ts';
import { fieldErrorsOf } from '../lib/errors.ts';
import { useTRPC } from '../lib/trpc.ts';

/** Organisations, their members, and invitations: pick an organisation to see and manage its members. */
export function OrganisationsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const organisations = useQuery(trpc.admin.organisation.list.queryOptions());
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const create = useMutation(
    trpc.admin.organisation.create.mutationOptions({
      onSuccess: () => {
        setName('');
        return queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
      },
    }),
  );
  const createOrganisation = useSingleFlight(create);
  const nameCheck = OrganisationInputSchema.safeParse({ name });
  // Said once the field is left or the form sent, as the invitation's address is: a greyed-out Create
  // alone did not say that a name was too short or too long.
  const [isNameLeft, setIsNameLeft] = useState(false);
  const nameIssue =
    isNameLeft && name.trim() !== '' && !nameCheck.success ? nameCheck.error.issues[0]?.message : undefined;

  return (
    <Stack>
      <Title order={2}>Organisations</Title>
      {organisations.error && (
        <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />
      )}
      <Card
        withBorder
        component="form"
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          setIsNameLeft(true);
          if (nameCheck.success) createOrganisation(nameCheck.data);
        }}
      >
        <Group align="end">
          <TextInput
            label="New organisation"
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              // The refusal was of the name sent; another name is not refused yet.
              if (create.error) create.reset();
            }}
            onBlur={() => setIsNameLeft(true)}
            error={fieldErrorsOf(create.error).name?.[0] ?? nameIssue}
            style={{ flex: 1 }}
          />
          <Button type="submit" loading={create.isPending} disabled={!nameCheck.success}>
            Create
          </Button>
        </Group>
        {/* Only a name error had a place: any other failure (offline, a server fault) went unsaid. */}
        {create.error && !fieldErrorsOf(create.error).name && (
          <Box mt="sm">
            <QueryError
              error={create.error}
              onRetry={() => nameCheck.success && createOrganisation(nameCheck.data)}
            />
          </Box>
        )}
      </Card>
      <MembersPanel
        organisations={organisations.data ?? []}
        organisationId={organisationId}
        onOrganisationChange={setOrganisationId}
      />
      {organisations.data && (
        <Table striped data-testid="organisations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Members</Table.Th>
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {organisations.data.map((organisation) => (
              <Table.Tr key={organisation.id}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    onClick={() => setOrganisationId(organisation.id)}
                    maw={480}
                    lineClamp={2}
                    title={organisation.name}
                    style={{ overflowWrap: 'anywhere', textAlign: 'left' }}
                  >
                    {organisation.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{organisation.memberCount}</Table.Td>
                <Table.Td>{new Date(organisation.createdAt).toLocaleDateString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {organisations.data?.length === 0 && <Text c="dimmed">No organisations yet.</Text>}
    </Stack>
  );
}
