import { SuspendUserInputSchema, type UserSort } from '@assay/schema';
import { Badge, Box, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { CellText, ClippedLabel } from '../components/CellText.tsx';
import { ConfirmAction } from '../components/ConfirmAction.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { fieldErrorsOf } from '../lib/errors.ts';
import { type RouterOutputs, useTRPC } from '../lib/trpc.ts';

/** Account roles, as the users list filters by them. */
type RoleFilter = 'contributor' | 'reviewer' | 'operator';

/** Users a page holds; "Next" shows when a page is full. */
const PAGE = 50;

const ROLE_COLOR = { contributor: 'teal', reviewer: 'blue', operator: 'grape' } as const;

type User = RouterOutputs['admin']['user']['list'][number];

/**
 * Every account, for operators: email, role, the contributor's pseudonym (what reviewers see of them) and
 * the organisations a reviewer belongs to. The only page that lists emails. An operator suspends an
 * account here (with a reason, which only operators see) and reinstates it; not their own.
 */
export function UsersPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.account.me.queryOptions());
  const [role, setRole] = useState<RoleFilter | null>(null);
  const [sort, setSort] = useState<UserSort>('createdAt');
  const [offset, setOffset] = useState(0);
  const users = useQuery({
    ...trpc.admin.user.list.queryOptions({ sort, limit: PAGE, offset, ...(role ? { role } : {}) }),
    // The table stays while the next page loads, rather than flashing empty.
    placeholderData: keepPreviousData,
  });
  const rows = users.data ?? [];
  const reinstate = useMutation(
    trpc.admin.user.reinstate.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.user.list.pathKey() }),
    }),
  );

  return (
    <Stack>
      <Title order={2}>Users</Title>
      <Group align="start" wrap="wrap">
        <Select
          label="Role"
          placeholder="All roles"
          clearable
          data={[
            { value: 'contributor', label: 'Contributors' },
            { value: 'reviewer', label: 'Reviewers' },
            { value: 'operator', label: 'Operators' },
          ]}
          value={role ?? null}
          onChange={(value) => {
            setRole((value as RoleFilter) ?? null);
            setOffset(0);
          }}
          w={180}
        />
        <Select
          label="Sort by"
          data={[
            { value: 'createdAt', label: 'Newest first' },
            { value: 'email', label: 'Email' },
            { value: 'name', label: 'Name' },
          ]}
          value={sort}
          onChange={(value) => {
            setSort((value as UserSort) ?? 'createdAt');
            setOffset(0);
          }}
          w={180}
        />
      </Group>
      {users.error && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      {reinstate.error && <QueryError error={reinstate.error} title="Could not reinstate the account" />}
      {users.data?.length === 0 && <Text c="dimmed">No users{role ? ` with this role` : ''}.</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped data-testid="users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Seen by reviewers as</Table.Th>
                <Table.Th>Organisations</Table.Th>
                <Table.Th>Joined</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>
                    <CellText>{user.name || '—'}</CellText>
                  </Table.Td>
                  <Table.Td>
                    <CellText isEmail>{user.email}</CellText>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={ROLE_COLOR[user.role]} miw="max-content">
                      {user.role}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{user.role === 'contributor' ? user.pseudonym : '—'}</Table.Td>
                  <Table.Td>
                    <CellText lines={3}>
                      {user.organisations.length === 0
                        ? '—'
                        : user.organisations.map((o) => `${o.name} (${o.role})`).join(', ')}
                    </CellText>
                  </Table.Td>
                  <Table.Td>{new Date(user.createdAt).toLocaleDateString()}</Table.Td>
                  <Table.Td>
                    <SuspensionStatus user={user} />
                  </Table.Td>
                  <Table.Td>
                    {user.id === me.data?.id ? (
                      <Text size="xs" c="dimmed">
                        you
                      </Text>
                    ) : user.suspendedAt ? (
                      <ConfirmAction
                        label="Reinstate"
                        question={`Let ${user.email} sign in again?`}
                        color="blue"
                        loading={reinstate.isPending && reinstate.variables?.userId === user.id}
                        onConfirm={() => reinstate.mutate({ userId: user.id })}
                      />
                    ) : (
                      <SuspendAction user={user} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {(offset > 0 || rows.length === PAGE) && (
        <Group>
          <Button
            variant="default"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Previous
          </Button>
          <Text size="sm" c="dimmed">
            {offset + 1}–{offset + rows.length}
          </Text>
          <Button variant="default" disabled={rows.length < PAGE} onClick={() => setOffset(offset + PAGE)}>
            Next
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** "Suspended", with since when and the operator's reason; "active" for any other account. */
function SuspensionStatus({ user }: { user: User }) {
  if (!user.suspendedAt) {
    return (
      <Text size="sm" c="dimmed">
        active
      </Text>
    );
  }
  const since = `since ${new Date(user.suspendedAt).toLocaleDateString()}`;
  return (
    <Stack gap={2} maw={260}>
      <Badge variant="light" color="red" miw="max-content">
        Suspended
      </Badge>
      <Text size="xs" c="dimmed" lineClamp={3} title={user.suspensionReason ?? undefined}>
        {since}: {user.suspensionReason}
      </Text>
    </Stack>
  );
}

/**
 * Suspends an account in two steps, in place: "Suspend" asks for the reason beside the button; only the
 * second button suspends (the account is signed out at once and cannot sign in until reinstated).
 */
function SuspendAction({ user }: { user: User }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isAsking, setIsAsking] = useState(false);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLInputElement>(null);
  const suspendRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  // The reason's field replaces the button that had the focus: it takes the focus over, and gives it
  // back to the button when the question is cancelled (it had fallen to the page's body).
  useEffect(() => {
    if (isAsking) reasonRef.current?.focus();
    else if (wasAsking.current) suspendRef.current?.focus();
    wasAsking.current = isAsking;
  }, [isAsking]);
  const suspend = useMutation(
    trpc.admin.user.suspend.mutationOptions({
      onSuccess: () => {
        setIsAsking(false);
        setReason('');
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.user.list.pathKey() }),
    }),
  );
  const who = user.name || user.email;
  const check = SuspendUserInputSchema.shape.reason.safeParse(reason);
  // Said only once something is typed: an empty field is not yet a mistake.
  const reasonError =
    fieldErrorsOf(suspend.error).reason?.[0] ??
    (reason.length > 0 && !check.success ? check.error.issues[0]?.message : undefined);

  const cancel = () => {
    setIsAsking(false);
    suspend.reset();
  };

  if (!isAsking) {
    return (
      <Button
        ref={suspendRef}
        size="xs"
        variant="default"
        color="red"
        onClick={() => setIsAsking(true)}
        aria-label={`Suspend ${who}`}
      >
        Suspend
      </Button>
    );
  }
  return (
    <Box
      component="form"
      role="group"
      aria-label={`Suspend ${who}`}
      onSubmit={(event: React.FormEvent) => {
        event.preventDefault();
        if (check.success) suspend.mutate({ userId: user.id, reason: check.data });
      }}
      // Escape cancels, as it closes a dialog.
      onKeyDown={(event: React.KeyboardEvent) => {
        if (event.key !== 'Escape' || suspend.isPending) return;
        event.preventDefault();
        cancel();
      }}
    >
      {/* As wide as the column allows, up to 280 px, and never wider than its button: a fixed 280 px made a
          table that fits at 1280 px scroll sideways once the reason was asked for. */}
      <Stack gap="xs" w="100%" maw={280}>
        <TextInput
          ref={reasonRef}
          size="xs"
          label="Reason"
          description="Seen by operators only. The account is signed out at once."
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={reasonError}
        />
        {suspend.error && !fieldErrorsOf(suspend.error).reason && (
          <QueryError error={suspend.error} title="Could not suspend the account" />
        )}
        <Group gap="xs">
          <Button
            size="xs"
            color="red"
            type="submit"
            maw={190}
            loading={suspend.isPending}
            disabled={!check.success}
          >
            <ClippedLabel>{`Suspend ${who}`}</ClippedLabel>
          </Button>
          <Button size="xs" variant="subtle" onClick={cancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}
