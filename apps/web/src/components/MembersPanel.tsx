import { InvitationInputSchema, type MemberRole } from '@assay/schema';
import {
  Alert,
  Badge,
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
import { useSingleFlight } from '../hooks/use-single-flight.ts';
import { fieldErrorsOf } from '../lib/errors.ts';
import { useTRPC } from '../lib/trpc.ts';
import { CellText, ClippedLabel } from './CellText.tsx';
import { QueryError } from './QueryError.tsx';

const ROLE_LABELS: Record<MemberRole, string> = {
  reviewer: 'Reviewer',
  admin: 'Admin (also invites and removes members)',
};

/**
 * An organisation's members, for an operator or the organisation's admins: invite someone (the link to
 * send them is shown once), list who is in, make a member an admin or a reviewer again, remove a member
 * (after a second click), and see or revoke
 * invitations not yet accepted. `organisations`
 * are the ones the viewer manages; `selfId` is the viewer, whom an admin cannot remove.
 */
export function MembersPanel({
  organisations,
  organisationId,
  onOrganisationChange,
  selfId,
}: {
  organisations: { id: string; name: string }[];
  organisationId: string | null;
  onOrganisationChange: (id: string | null) => void;
  selfId?: string | undefined;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  // Said once the field is left: an address half typed is not yet wrong.
  const [isEmailLeft, setIsEmailLeft] = useState(false);
  const [role, setRole] = useState<MemberRole>('reviewer');
  const invite = useMutation(
    trpc.admin.member.invite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() }),
    }),
  );
  const sendInvite = useSingleFlight(invite);
  const inviteCheck = InvitationInputSchema.safeParse({ organisationId, email, role });
  // Invite is never greyed out: it said nothing of why (an address mistyped, the field not yet left). A
  // click on it says what is missing, as leaving a typed address does.
  const [isTried, setIsTried] = useState(false);
  const isChecked = isTried || (isEmailLeft && email.trim() !== '');
  const emailIssue =
    isChecked && !inviteCheck.success
      ? inviteCheck.error.issues.find((issue) => issue.path[0] === 'email')?.message
      : undefined;
  const organisation = organisations.find((o) => o.id === organisationId) ?? null;
  const organisationIssue =
    isChecked && organisation === null ? 'Choose the organisation to invite them to' : undefined;

  return (
    <Stack>
      <Card
        withBorder
        component="form"
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          setIsTried(true);
          if (inviteCheck.success) sendInvite(inviteCheck.data);
        }}
      >
        <Stack>
          <Group align="end" wrap="wrap">
            <Select
              label="Organisation"
              data={organisations.map((o) => ({ value: o.id, label: o.name }))}
              placeholder="Choose one"
              value={organisationId}
              onChange={onOrganisationChange}
              error={organisationIssue}
              w={240}
            />
            <TextInput
              label="Reviewer's email"
              type="email"
              value={email}
              onChange={(e) => {
                setEmail(e.currentTarget.value);
                if (invite.error) invite.reset();
              }}
              onBlur={() => setIsEmailLeft(true)}
              error={fieldErrorsOf(invite.error).email?.[0] ?? emailIssue}
              w={260}
            />
            <Select
              label="Role"
              data={Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))}
              value={role}
              onChange={(value) => setRole((value as MemberRole | null) ?? 'reviewer')}
              w={300}
            />
            <Button type="submit" loading={invite.isPending}>
              Invite
            </Button>
          </Group>
          {invite.data && (
            <Alert color="green" title="Invitation link (send it to the reviewer)" role="status">
              <Code data-testid="invite-link">{`${window.location.origin}${invite.data.invitePath}`}</Code>
            </Alert>
          )}
          {invite.error && !fieldErrorsOf(invite.error).email && <QueryError error={invite.error} />}
        </Stack>
      </Card>
      {organisation && <MembersTable organisation={organisation} selfId={selfId} />}
      {organisation && <InvitationsTable organisation={organisation} />}
    </Stack>
  );
}

function MembersTable({
  organisation,
  selfId,
}: {
  organisation: { id: string; name: string };
  selfId: string | undefined;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.admin.member.list.queryOptions({ organisationId: organisation.id }));
  /** The member whose Remove was clicked once: the second click removes. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = useMutation(
    trpc.admin.member.remove.mutationOptions({
      onSuccess: () => {
        setConfirming(null);
        return queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
      },
    }),
  );
  const setRole = useMutation(
    trpc.admin.member.setRole.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() }),
    }),
  );
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>Members of {organisation.name}</Title>
        {members.error && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
        {remove.error && <QueryError error={remove.error} />}
        {setRole.error && <QueryError error={setRole.error} title="Could not change the role" />}
        {members.data?.length === 0 && <Text c="dimmed">No members yet: invite someone above.</Text>}
        {members.data && members.data.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table striped data-testid="members">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Joined</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data.map((member) => (
                  <Table.Tr key={member.userId}>
                    <Table.Td>
                      <CellText>{member.name}</CellText>
                    </Table.Td>
                    <Table.Td>
                      <CellText isEmail>{member.email}</CellText>
                    </Table.Td>
                    <Table.Td>
                      {member.userId === selfId ? (
                        // An admin's own role is changed by another admin or an operator.
                        <Badge variant="light" color={member.role === 'admin' ? 'grape' : 'blue'}>
                          {member.role}
                        </Badge>
                      ) : (
                        <Select
                          size="xs"
                          w={130}
                          data={[
                            { value: 'reviewer', label: 'Reviewer' },
                            { value: 'admin', label: 'Admin' },
                          ]}
                          value={member.role}
                          disabled={setRole.isPending}
                          onChange={(role) => {
                            if (role && role !== member.role) {
                              setRole.mutate({
                                organisationId: organisation.id,
                                userId: member.userId,
                                role: role as MemberRole,
                              });
                            }
                          }}
                          aria-label={`Role of ${member.name || member.email} in ${organisation.name}`}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>{new Date(member.joinedAt).toLocaleDateString()}</Table.Td>
                    <Table.Td>
                      {member.userId === selfId ? (
                        <Text size="xs" c="dimmed">
                          you
                        </Text>
                      ) : confirming === member.userId ? (
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            color="red"
                            maw={190}
                            loading={remove.isPending}
                            onClick={() =>
                              remove.mutate({ organisationId: organisation.id, userId: member.userId })
                            }
                          >
                            <ClippedLabel>{`Remove ${member.name || member.email}`}</ClippedLabel>
                          </Button>
                          <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                            Keep
                          </Button>
                        </Group>
                      ) : (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setConfirming(member.userId)}
                          aria-label={`Remove ${member.name || member.email} from ${organisation.name}`}
                        >
                          Remove
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

/** Invitations not accepted: an open one can be revoked (its link stops working); a lost link is replaced by inviting again. */
function InvitationsTable({ organisation }: { organisation: { id: string; name: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(
    trpc.admin.member.invitations.queryOptions({ organisationId: organisation.id }),
  );
  const revoke = useMutation(
    trpc.admin.member.revokeInvitation.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() }),
    }),
  );
  if (invitations.data?.length === 0) return null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>Invitations not accepted</Title>
        <Text size="sm" c="dimmed">
          A link is shown only when it is made; if one was lost, revoke it and invite again.
        </Text>
        {invitations.error && (
          <QueryError error={invitations.error} onRetry={() => void invitations.refetch()} />
        )}
        {revoke.error && <QueryError error={revoke.error} />}
        {invitations.data && (
          <Table.ScrollContainer minWidth={560}>
            <Table striped data-testid="invitations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Invited</Table.Th>
                  <Table.Th>Link</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invitations.data.map((invitation) => (
                  <Table.Tr key={invitation.id}>
                    <Table.Td>
                      <CellText isEmail>{invitation.email}</CellText>
                    </Table.Td>
                    <Table.Td>{invitation.role}</Table.Td>
                    <Table.Td>{new Date(invitation.invitedAt).toLocaleDateString()}</Table.Td>
                    <Table.Td>
                      {invitation.status === 'open'
                        ? `works until ${new Date(invitation.expiresAt).toLocaleDateString()}`
                        : 'expired or revoked'}
                    </Table.Td>
                    <Table.Td>
                      {invitation.status === 'open' && (
                        <Button
                          size="xs"
                          variant="default"
                          loading={revoke.isPending && revoke.variables?.invitationId === invitation.id}
                          onClick={() =>
                            revoke.mutate({ organisationId: organisation.id, invitationId: invitation.id })
                          }
                          aria-label={`Revoke the invitation of ${invitation.email}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
