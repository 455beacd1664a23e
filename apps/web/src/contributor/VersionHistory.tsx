import { REASON_CODES } from '@assay/schema';
import { Card, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import { VersionStateBadge } from '../components/StateBadge.tsx';
import { scoreText } from '../lib/score-text.ts';
import type { RouterOutputs } from '../lib/trpc.ts';

type Version = RouterOutputs['submission']['byId']['versions'][number];

/**
 * A submission's versions, newest first, each with its state and score. An earlier version shows what its
 * reviewer decided and said, so the contributor can look back at the feedback each new version answered;
 * the latest version's decision is shown in full above the history.
 */
export function VersionHistory({ versions }: { versions: Version[] }) {
  const latestId = versions.at(-1)?.id;
  return (
    <Card withBorder data-testid="version-history">
      <Title order={4} mb="sm">
        Versions
      </Title>
      <Timeline active={versions.length - 1} bulletSize={18}>
        {[...versions].reverse().map((version) => (
          <Timeline.Item key={version.id} title={`Version ${version.number}`}>
            <Group gap="xs">
              <VersionStateBadge version={version} />
              <Text size="sm" c="dimmed">
                {version.score === null ? 'not scored' : `score ${scoreText(version.score)}`} ·{' '}
                {/* When it was sent, as the reviewer's queue says; a draft never sent, when it was started. */}
                {version.submittedAt
                  ? `submitted ${new Date(version.submittedAt).toLocaleString()}`
                  : `started ${new Date(version.createdAt).toLocaleString()}`}
              </Text>
            </Group>
            {version.decision && version.id !== latestId && (
              <Stack gap={0} mt={4} data-testid="version-decision">
                <Text size="sm">
                  {version.decision.reasonCodes.map((code) => REASON_CODES[code].label).join(', ')}
                </Text>
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  “{version.decision.comment}”
                </Text>
              </Stack>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
