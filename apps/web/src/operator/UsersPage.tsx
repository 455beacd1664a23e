import type { UserSort } from '@assay/schema';
import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryError } from '../components/QueryError.tsx';
import { useTRPC } from '../lib/trpc.ts';

/** Account roles, as the users list filters by them. */
type RoleFilter = 'contributor' | 'reviewer' | 'operator';

/** Users a page holds; "Next" shows when a page is full. */
const PAGE = 50;

const ROLE_COLOR = { contributor: 'teal', reviewer: 'blue', operator: 'grape' } as const;

/**
 * Every account, for operators: email, role, the contributor's pseudonym (what reviewers see of them) and
 * the organisations a reviewer belongs to. The only page that lists emails.
 */
export function UsersPage() {
  const trpc = useTRPC();
  const [role, setRole] = useState<RoleFilter | null>(null);
  const [sort, setSort] = useState<UserSort>('createdAt');
  const [offset, setOffset] = useState(0);
  const users = useQuery({
    ...trpc.admin.user.list.queryOptions({ sort, limit: PAGE, offset, ...(role ? { role } : {}) }),
    // The table stays while the next page loads, rather than flashing empty.
    placeholderData: keepPreviousData,
  });
  const rows = users.data ?? [];

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
          allowDeselect={false}
          onChange={(value) => {
            setSort((value as UserSort) ?? 'createdAt');
            setOffset(0);
          }}
          w={180}
        />
      </Group>
      {users.error && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      {users.data?.length === 0 && <Text c="dimmed">No users{role ? ` with this role` : ''}.</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid="users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Seen by reviewers as</Table.Th>
                <Table.Th>Organisations</Table.Th>
                <Table.Th>Joined</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>{user.name || '—'}</Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={ROLE_COLOR[user.role]}>
                      {user.role}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{user.role === 'contributor' ? user.pseudonym : '—'}</Table.Td>
                  <Table.Td>
                    {user.organisations.length === 0
                      ? '—'
                      : user.organisations.map((o) => `${o.name} (${o.role})`).join(', ')}
                  </Table.Td>
                  <Table.Td>{new Date(user.createdAt).toLocaleDateString()}</Table.Td>
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
