import { isDiscardedDraft } from '@assay/schema';
import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { VersionStateBadge } from '../components/StateBadge.tsx';
import { scoreText } from '../lib/score-text.ts';
import { useTRPC } from '../lib/trpc.ts';

/**
 * The contributor's drafts and submissions. Drafts they discarded are out of the way, behind a switch: "Discard"
 * read as gone, and they had stayed in the list as "withdrawn".
 */
export function SubmissionsPage() {
  const trpc = useTRPC();
  const submissions = useQuery(trpc.submission.list.queryOptions());
  const [isShowingDiscarded, setIsShowingDiscarded] = useState(false);
  const discarded = submissions.data?.filter((submission) => isDiscardedDraft(submission.latest)).length ?? 0;
  const shown = submissions.data?.filter(
    (submission) => isShowingDiscarded || !isDiscardedDraft(submission.latest),
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>My submissions</Title>
        <Button component={Link} to="/new">
          New submission
        </Button>
      </Group>
      {submissions.error && (
        <QueryError error={submissions.error} onRetry={() => void submissions.refetch()} />
      )}
      {shown?.length === 0 && (
        <Card withBorder>
          <Text>
            No submissions yet.{' '}
            <Anchor component={Link} to="/requests">
              See what enterprises are asking for
            </Anchor>{' '}
            or{' '}
            <Anchor component={Link} to="/new">
              start one
            </Anchor>
            .
          </Text>
        </Card>
      )}
      {shown && shown.length > 0 && (
        // On a phone a row is its title, state and score; the request and version go under the title.
        <Table striped data-testid="submissions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th visibleFrom="sm">Request</Table.Th>
              <Table.Th visibleFrom="sm">Version</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Score</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((submission) => {
              const isDraft = submission.latest.state === 'draft';
              return (
                <Table.Tr key={submission.id}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/submissions/${submission.id}${isDraft ? '/edit' : ''}`}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {submission.latest.manifest.title || 'Untitled'}
                    </Anchor>
                    <Text size="xs" c="dimmed" hiddenFrom="sm" style={{ overflowWrap: 'anywhere' }}>
                      {submission.requestTitle ?? 'No request'} · version {submission.latest.number}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{submission.requestTitle ?? '—'}</Table.Td>
                  <Table.Td visibleFrom="sm">{submission.latest.number}</Table.Td>
                  <Table.Td>
                    <VersionStateBadge version={submission.latest} />
                  </Table.Td>
                  <Table.Td>
                    {submission.latest.score === null ? '—' : scoreText(submission.latest.score)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {discarded > 0 && (
        <Anchor
          component="button"
          type="button"
          size="sm"
          ta="left"
          onClick={() => setIsShowingDiscarded((current) => !current)}
        >
          {isShowingDiscarded
            ? 'Hide the discarded drafts'
            : discarded === 1
              ? 'Show 1 discarded draft'
              : `Show ${discarded} discarded drafts`}
        </Anchor>
      )}
    </Stack>
  );
}
