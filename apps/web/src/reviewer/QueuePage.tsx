import { Anchor, Badge, Button, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { scoreText } from '../lib/score-text.ts';
import { useTRPC } from '../lib/trpc.ts';
import { DecidedNotice, type ReviewLocationState } from './DecidedNotice.tsx';
import { type QueueFilter, queueFilterOf, queueInputOf, queueSearchOf } from './queue-filter.ts';
import { RequestFilter } from './RequestFilter.tsx';

/** Versions a page of the queue holds; "Load more" adds the next page below. */
const QUEUE_PAGE_SIZE = 100;
/** The most `?limit=` may ask for: the server's own maximum. */
const MAX_PAGE_SIZE = 200;

/** `?limit=<n>` (1–200) when given and valid, else {@link QUEUE_PAGE_SIZE}. */
function pageSizeOf(param: string | null): number {
  const size = Number(param);
  return param && Number.isInteger(size) && size >= 1 && size <= MAX_PAGE_SIZE ? size : QUEUE_PAGE_SIZE;
}

/**
 * Versions waiting for a decision, filtered by request and score, sorted by score or age, a page at a time
 * ("Load more" reads on from where the last page ended, so decisions taken meanwhile skip nothing).
 * The filter is in the URL ({@link queueFilterOf}): `?request=<id>` opens it filtered to that request
 * (the request editor links there); `?limit=<n>` sets the page size.
 */
export function QueuePage() {
  const trpc = useTRPC();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = queueFilterOf(searchParams);
  const { requestId, minScore, sort, order } = filter;
  // From the address bar as it is now, not this render's params: two changes before a re-render (a
  // choice, then a keystroke) would otherwise each start from the same old filter, the second undoing the first.
  const change = (next: Partial<QueueFilter>) => {
    const current = new URLSearchParams(window.location.search);
    setSearchParams(queueSearchOf({ ...queueFilterOf(current), ...next }, current), { replace: true });
  };
  const limit = pageSizeOf(searchParams.get('limit'));
  const queue = useInfiniteQuery(
    trpc.review.queue.infiniteQueryOptions(queueInputOf(filter, limit), {
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];
  // The newest page's count: the queue as it is now.
  const total = queue.data?.pages.at(-1)?.total ?? 0;
  // Filtered, the count is of what passes the filters, and an empty page says so, with the way back.
  const isFiltered = requestId !== null || minScore !== null;

  return (
    <Stack>
      <Title order={2} id="queue-title" tabIndex={-1} style={{ outline: 'none' }}>
        Review queue
      </Title>
      <DecidedNotice isQueuePage />
      <Group align="start" wrap="wrap">
        <RequestFilter value={requestId} onChange={(next) => change({ requestId: next })} />
        <NumberInput
          label="Minimum score"
          min={0}
          max={100}
          // Typing cannot leave 0–100: the URL only ever holds a score the queue takes.
          clampBehavior="strict"
          allowNegative={false}
          placeholder="0–100"
          value={minScore ?? ''}
          onChange={(value) => change({ minScore: typeof value === 'number' ? value : null })}
          w={140}
        />
        <Select
          label="Sort by"
          data={[
            { value: 'age', label: 'Age (submitted)' },
            { value: 'score', label: 'Score' },
          ]}
          value={sort}
          onChange={(value) => change({ sort: (value as typeof sort | null) ?? 'age' })}
          w={170}
        />
        <Select
          label="Order"
          data={[
            { value: 'asc', label: sort === 'age' ? 'Oldest first' : 'Lowest first' },
            { value: 'desc', label: sort === 'age' ? 'Newest first' : 'Highest first' },
          ]}
          value={order}
          onChange={(value) => change({ order: (value as typeof order | null) ?? 'asc' })}
          w={150}
        />
      </Group>
      {queue.error && <QueryError error={queue.error} onRetry={() => void queue.refetch()} />}
      {queue.data &&
        items.length === 0 &&
        (isFiltered ? (
          <Group gap="xs" data-testid="queue-empty">
            <Text c="dimmed">Nothing waiting for review matches these filters.</Text>
            <Anchor
              component="button"
              type="button"
              onClick={() => {
                change({ requestId: null, minScore: null });
                // The link goes with the empty queue: the focus goes to the page's top, not to the body.
                document.getElementById('queue-title')?.focus();
              }}
            >
              Clear the filters
            </Anchor>
          </Group>
        ) : (
          <Text c="dimmed" data-testid="queue-empty">
            Nothing waiting for review.
          </Text>
        ))}
      {items.length > 0 && (
        // On a phone a row is the submission (its request and contributor under it) and its score; the
        // table scrolls within itself, never the page, only from the `sm` breakpoint with every column.
        <Table.ScrollContainer minWidth={0}>
          <Table striped highlightOnHover data-testid="queue" miw={{ sm: 640 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Submission</Table.Th>
                <Table.Th visibleFrom="sm">Request</Table.Th>
                <Table.Th visibleFrom="sm">Contributor</Table.Th>
                <Table.Th>Score</Table.Th>
                <Table.Th visibleFrom="sm" title="Structure · context · provenance">
                  By dimension
                </Table.Th>
                <Table.Th visibleFrom="sm">Rows</Table.Th>
                <Table.Th visibleFrom="sm">Submitted</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.versionId}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/review/versions/${item.versionId}`}
                      // The review goes on to the next version of this same queue once decided.
                      state={{ queue: filter } satisfies ReviewLocationState}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {item.title} (v{item.number})
                    </Anchor>
                    <Text size="xs" c="dimmed" hiddenFrom="sm" style={{ overflowWrap: 'anywhere' }}>
                      {item.request.title ?? 'No request'} · {item.contributor}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{item.request.title ?? '—'}</Table.Td>
                  <Table.Td visibleFrom="sm">{item.contributor}</Table.Td>
                  {/* Never squeezed: a narrow column cut "grade" down to "GR…". On a phone the badges wrap
                      under the score, so the title keeps the width. */}
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={4}>
                      {item.scores.overall === null ? '—' : scoreText(item.scores.overall)}
                      {item.enterpriseGrade && (
                        <Badge
                          size="xs"
                          color="green"
                          miw="max-content"
                          style={{ flexShrink: 0, overflow: 'visible' }}
                          title="Enterprise grade"
                        >
                          grade
                        </Badge>
                      )}
                      {item.scores.overall !== null && item.scores.overall < item.request.minQualityScore && (
                        <Badge
                          size="xs"
                          color="orange"
                          miw="max-content"
                          title={`The request asks for at least ${item.request.minQualityScore}`}
                        >
                          below minimum
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }} data-testid="dimension-scores">
                    {[item.scores.structure, item.scores.context, item.scores.provenance]
                      .map((score) => (score === null ? '—' : scoreText(score)))
                      .join(' · ')}
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{item.rows ?? '—'}</Table.Td>
                  <Table.Td visibleFrom="sm">
                    {item.submittedAt ? new Date(item.submittedAt).toLocaleString() : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="queue-count">
            {isFiltered ? `${total} ${total === 1 ? 'matches' : 'match'} these filters` : `${total} waiting`}{' '}
            · {items.length} shown
          </Text>
          {queue.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void queue.fetchNextPage()}
              loading={queue.isFetchingNextPage}
            >
              Load more
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
