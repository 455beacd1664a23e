import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { MembersPanel } from '../components/MembersPanel.tsx';
import { useTRPC } from '../lib/trpc.ts';

/** For an organisation's admins: invite reviewers and admins, see who is in, and remove members. */
export function MembersPage() {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  const administered = (me.data?.organisations ?? []).filter((o) => o.role === 'admin');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  // One organisation needs no choosing.
  const selected = organisationId ?? (administered.length === 1 ? administered[0]!.id : null);
  return (
    <Stack>
      <Title order={2}>Members</Title>
      {me.data && administered.length === 0 && (
        <Text c="dimmed">Only an organisation's admins manage its members.</Text>
      )}
      {administered.length > 0 && (
        <MembersPanel
          organisations={administered}
          organisationId={selected}
          onOrganisationChange={setOrganisationId}
          selfId={me.data?.id}
        />
      )}
    </Stack>
  );
}
