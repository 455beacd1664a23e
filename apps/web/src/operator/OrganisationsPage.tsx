import { InvitationInputSchema, OrganisationInputSchema } from '@assay/schema';
import {
  Alert,
  Box,
  Button,
  Card,
  Code,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryError } from '../components/QueryError.tsx';
import { fieldErrorsOf } from '../lib/errors.ts';
import { useTRPC } from '../lib/trpc.ts';

/** Organisations and invitations of reviewers. */
export function OrganisationsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const organisations = useQuery(trpc.admin.organisation.list.queryOptions());
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const create = useMutation(
    trpc.admin.organisation.create.mutationOptions({
      onSuccess: () => {
        setName('');
        return queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
      },
    }),
  );
  const invite = useMutation(trpc.admin.member.invite.mutationOptions());
  const nameCheck = OrganisationInputSchema.safeParse({ name });
  const inviteCheck = InvitationInputSchema.safeParse({ organisationId, email, role: 'reviewer' });

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
          if (nameCheck.success) create.mutate(nameCheck.data);
        }}
      >
        <Group align="end">
          <TextInput
            label="New organisation"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldErrorsOf(create.error).name?.[0]}
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
              onRetry={() => nameCheck.success && create.mutate(nameCheck.data)}
            />
          </Box>
        )}
      </Card>
      <Card
        withBorder
        component="form"
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          if (inviteCheck.success) invite.mutate(inviteCheck.data);
        }}
      >
        <Stack>
          <Group align="end" wrap="wrap">
            <Select
              label="Organisation"
              data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={organisationId}
              onChange={setOrganisationId}
              w={240}
            />
            <TextInput
              label="Reviewer's email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldErrorsOf(invite.error).email?.[0]}
              w={260}
            />
            <Button type="submit" loading={invite.isPending} disabled={!inviteCheck.success}>
              Invite
            </Button>
          </Group>
          {invite.data && (
            <Alert color="green" title="Invitation link (send it to the reviewer)">
              <Code data-testid="invite-link">{`${window.location.origin}${invite.data.invitePath}`}</Code>
            </Alert>
          )}
          {invite.error && !fieldErrorsOf(invite.error).email && <QueryError error={invite.error} />}
        </Stack>
      </Card>
      {organisations.data && (
        <Table striped data-testid="organisations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {organisations.data.map((organisation) => (
              <Table.Tr key={organisation.id}>
                <Table.Td>{organisation.name}</Table.Td>
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
