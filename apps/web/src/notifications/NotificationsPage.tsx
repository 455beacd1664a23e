import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { notificationText } from './notification-text.ts';
import { UNREAD_QUERY_INPUT } from './unread.ts';

/** Notifications a page holds; "Older" reads the next page below. */
const PAGE = 20;

type Role = 'contributor' | 'reviewer' | 'operator';

/**
 * What happened that the person waits on, newest first. Opening the page marks everything on it read (the
 * count in the navigation clears); what was unread keeps its "New" mark while the page is open. The pages
 * are one infinite query, refreshed every 30 s from the newest on, so a notification arriving meanwhile
 * pushes the older ones down rather than making a gap between pages.
 */
export function NotificationsPage({ role }: { role: Role }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pages = useInfiniteQuery(
    trpc.notification.list.infiniteQueryOptions(
      { limit: PAGE },
      { getNextPageParam: (page) => page.nextCursor, refetchInterval: 30_000 },
    ),
  );
  const markRead = useMutation(
    trpc.notification.markRead.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.notification.list.queryKey(UNREAD_QUERY_INPUT) }),
    }),
  );
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const newest = items[0];
  const shouldMark = newest?.isUnread === true;
  const { mutate } = markRead;
  useEffect(() => {
    if (shouldMark && newest) mutate({ upToId: newest.id });
  }, [shouldMark, newest, mutate]);

  return (
    <Stack>
      <Title order={2}>Notifications</Title>
      {pages.error && <QueryError error={pages.error} onRetry={() => void pages.refetch()} />}
      {pages.data && items.length === 0 && <Text c="dimmed">{EMPTY[role]}</Text>}
      {items.length > 0 && (
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Notifications">
          {items.map((item) => {
            const { text, href } = notificationText(item, role);
            return (
              <Card key={item.id} component="li" withBorder padding="sm" data-unread={item.isUnread}>
                {/* The text takes the line from 16rem on; narrower (a phone), the mark and the time wrap
                    under it rather than push the card sideways. */}
                <Group justify="space-between" align="start" gap="xs">
                  <Anchor
                    component={Link}
                    to={href}
                    fz="sm"
                    style={{ flex: '1 1 16rem', overflowWrap: 'anywhere' }}
                  >
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
      )}
      {pages.hasNextPage && (
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => void pages.fetchNextPage()}
            loading={pages.isFetchingNextPage}
          >
            Older
          </Button>
        </Group>
      )}
    </Stack>
  );
}

const EMPTY: Record<Role, string> = {
  contributor: 'Nothing yet. You are told here when a submission is scored and when a reviewer decides it.',
  // A newcomer is told of arrivals from when they joined (what came before is not news to them): the
  // queue holds what already waits.
  reviewer:
    "Nothing yet. You are told here when a submission arrives in your organisation's review queue from the day you joined; what waits already is in the Review queue.",
  operator: 'Nothing yet. You are told here when scoring a submission fails on every attempt.',
};
