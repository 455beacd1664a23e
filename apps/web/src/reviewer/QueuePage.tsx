import { Anchor, Badge, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { type RouterInputs, useTRPC } from '../lib/trpc.ts';
import { RequestFilter } from './RequestFilter.tsx';

type QueueInput = RouterInputs['review']['queue'];

/** Versions the queue shows at once; past it, the page says so and the filters narrow it. */
const QUEUE_LIMIT = 100;

/**
 * Versions waiting for a decision, filtered by request and score, sorted by score or age. `?request=<id>`
 * opens it filtered to that request (the request editor links there).
 */
export function QueuePage() {
  const trpc = useTRPC();
  const [searchParams] = useSearchParams();
  const [requestId, setRequestId] = useState<string | null>(() => searchParams.get('request'));
  const [minScore, setMinScore] = useState<number | ''>('');
  const [sort, setSort] = useState<NonNullable<QueueInput['sort']>>('age');
  const [order, setOrder] = useState<NonNullable<QueueInput['order']>>('asc');
  const queue = useQuery(
    trpc.review.queue.queryOptions({
      sort,
      order,
      limit: QUEUE_LIMIT,
      ...(requestId ? { requestId } : {}),
      ...(minScore === '' ? {} : { minScore }),
    }),
  );

  return (
    <Stack>
      <Title order={2}>Review queue</Title>
      <Group align="start" wrap="wrap">
        <RequestFilter value={requestId} onChange={setRequestId} />
        <NumberInput
          label="Minimum score"
          min={0}
          max={100}
          value={minScore}
          onChange={(value) => setMinScore(typeof value === 'number' ? value : '')}
          w={140}
        />
        <Select
          label="Sort by"
          data={[
            { value: 'age', label: 'Age (submitted)' },
            { value: 'score', label: 'Score' },
          ]}
          value={sort}
          onChange={(value) => setSort((value as typeof sort) ?? 'age')}
          allowDeselect={false}
          w={170}
        />
        <Select
          label="Order"
          data={[
            { value: 'asc', label: sort === 'age' ? 'Oldest first' : 'Lowest first' },
            { value: 'desc', label: sort === 'age' ? 'Newest first' : 'Highest first' },
          ]}
          value={order}
          onChange={(value) => setOrder((value as typeof order) ?? 'asc')}
          allowDeselect={false}
          w={150}
        />
      </Group>
      {queue.error && <QueryError error={queue.error} onRetry={() => void queue.refetch()} />}
      {queue.data?.length === 0 && <Text c="dimmed">Nothing waiting for review.</Text>}
      {queue.data?.length === QUEUE_LIMIT && (
        <Text size="sm" c="dimmed" data-testid="queue-limit">
          Showing the {QUEUE_LIMIT} first in this order: narrow by request or minimum score to see others.
        </Text>
      )}
      {queue.data && queue.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover data-testid="queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Submission</Table.Th>
                <Table.Th>Request</Table.Th>
                <Table.Th>Contributor</Table.Th>
                <Table.Th>Score</Table.Th>
                <Table.Th title="Structure · context · provenance">By dimension</Table.Th>
                <Table.Th>Rows</Table.Th>
                <Table.Th>Submitted</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queue.data.map((item) => (
                <Table.Tr key={item.versionId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/review/versions/${item.versionId}`}>
                      {item.title} (v{item.number})
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{item.request.title ?? '—'}</Table.Td>
                  <Table.Td>{item.contributor}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {item.scores.overall === null ? '—' : Math.round(item.scores.overall)}
                      {item.enterpriseGrade && (
                        <Badge size="xs" color="green">
                          grade
                        </Badge>
                      )}
                      {item.scores.overall !== null && item.scores.overall < item.request.minQualityScore && (
                        <Badge
                          size="xs"
                          color="orange"
                          title={`The request asks for at least ${item.request.minQualityScore}`}
                        >
                          below minimum
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="dimension-scores">
                    {[item.scores.structure, item.scores.context, item.scores.provenance]
                      .map((score) => (score === null ? '—' : Math.round(score)))
                      .join(' · ')}
                  </Table.Td>
                  <Table.Td>{item.rows ?? '—'}</Table.Td>
                  <Table.Td>{item.submittedAt ? new Date(item.submittedAt).toLocaleString() : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
