import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { notificationText } from './notification-text.ts';
import { UNREAD_QUERY_INPUT } from './unread.ts';

/** Notifications a page holds; "Older" shows when a page is full. */
const PAGE = 20;

type Role = 'contributor' | 'reviewer' | 'operator';

/**
 * What happened that the person waits on, newest first. Opening the page marks everything on it read (the
 * count in the navigation clears); what was unread keeps its "New" mark while the page is open.
 */
export function NotificationsPage({ role }: { role: Role }) {
  /** The `beforeId` of each page shown: none for the first, then one per "Older". */
  const [pages, setPages] = useState<(number | undefined)[]>([undefined]);
  return (
    <Stack>
      <Title order={2}>Notifications</Title>
      {pages.map((beforeId, index) => (
        <NotificationPage
          key={beforeId ?? 'newest'}
          role={role}
          beforeId={beforeId}
          isLast={index === pages.length - 1}
          onOlder={(next) => setPages((shown) => [...shown, next])}
        />
      ))}
    </Stack>
  );
}

function NotificationPage({
  role,
  beforeId,
  isLast,
  onOlder,
}: {
  role: Role;
  beforeId: number | undefined;
  isLast: boolean;
  onOlder: (beforeId: number) => void;
}) {
  const isFirst = beforeId === undefined;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const page = useQuery({
    ...trpc.notification.list.queryOptions({ limit: PAGE, ...(beforeId ? { beforeId } : {}) }),
    // The first page follows new notifications as the navigation's count does.
    refetchInterval: isFirst ? 30_000 : false,
  });
  const markRead = useMutation(
    trpc.notification.markRead.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.notification.list.queryKey(UNREAD_QUERY_INPUT) }),
    }),
  );
  const newest = page.data?.items[0];
  const shouldMark = isFirst && newest?.isUnread === true;
  const { mutate } = markRead;
  useEffect(() => {
    if (shouldMark && newest) mutate({ upToId: newest.id });
  }, [shouldMark, newest, mutate]);

  if (page.error) return <QueryError error={page.error} onRetry={() => void page.refetch()} />;
  if (!page.data) return null;
  const { items } = page.data;
  if (isFirst && items.length === 0) {
    return <Text c="dimmed">{EMPTY[role]}</Text>;
  }
  const last = items.at(-1);
  return (
    <>
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Notifications">
        {items.map((item) => {
          const { text, href } = notificationText(item, role);
          return (
            <Card key={item.id} component="li" withBorder padding="sm" data-unread={item.isUnread}>
              <Group justify="space-between" wrap="nowrap" align="start">
                <Anchor component={Link} to={href} fz="sm">
                  {text}
                </Anchor>
                <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
                  {item.isUnread && (
                    <Badge size="sm" variant="light">
                      New
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {new Date(item.at).toLocaleString()}
                  </Text>
                </Group>
              </Group>
            </Card>
          );
        })}
      </Stack>
      {isLast && items.length === PAGE && last && (
        <Group>
          <Button variant="default" size="xs" onClick={() => onOlder(last.id)}>
            Older
          </Button>
        </Group>
      )}
    </>
  );
}

const EMPTY: Record<Role, string> = {
  contributor: 'Nothing yet. You are told here when a submission is scored and when a reviewer decides it.',
  reviewer: "Nothing yet. You are told here when a submission arrives in your organisation's review queue.",
  operator: 'Nothing yet. You are told here when scoring a submission fails on every attempt.',
};
