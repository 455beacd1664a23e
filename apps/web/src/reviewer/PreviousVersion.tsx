import { type DraftManifest, REASON_CODES } from '@assay/schema';
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { fieldLabel } from '../lib/field-labels.ts';
import { scoreText } from '../lib/score-text.ts';
import type { RouterOutputs } from '../lib/trpc.ts';

type Previous = NonNullable<RouterOutputs['review']['byId']['previous']>;

const DECIDED: Record<NonNullable<Previous['review']>['decision'], string> = {
  accept: 'accepted it',
  reject: 'rejected it',
  request_changes: 'asked for changes',
};

/**
 * What a follow-up version answers: what the reviewer of the previous version decided and said, whether
 * the data file is new, and which manifest fields changed. The reviewer checks the answer against the ask.
 */
export function PreviousVersion({ previous, manifest }: { previous: Previous; manifest?: DraftManifest }) {
  const { number, review } = previous;
  return (
    <Card withBorder data-testid="changes">
      <Title order={4}>Changes since version {number}</Title>
      <Text size="sm" c="dimmed">
        Previous: {previous.state.replace('_', ' ')}, score{' '}
        {previous.score === null ? '—' : scoreText(previous.score)}
      </Text>
      {review && (
        <Stack gap={0} mt="xs" data-testid="previous-review">
          <Text size="sm">
            Version {number}: the reviewer {DECIDED[review.decision]} (
            {review.reasonCodes.map((code) => REASON_CODES[code].label).join(', ')}).
          </Text>
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            “{review.comment}”
          </Text>
        </Stack>
      )}
      <Text size="sm" mt="xs" fw={previous.isSameFile ? undefined : 600} data-testid="file-change">
        {previous.isSameFile ? `The data file is the same as version ${number}'s.` : 'The data file is new.'}
      </Text>
      {previous.changedFields.length === 0 ? (
        <Text size="sm">The manifest did not change.</Text>
      ) : (
        <Group gap={4} mt="xs" aria-label="Manifest fields that changed">
          <Text size="sm">Manifest fields changed:</Text>
          {previous.changedFields.map((field) => (
            // Named as the contributor's form names them: a path such as `label.classes` meant nothing here.
            <Badge key={field} variant="outline" tt="none" title={field}>
              {fieldLabel(field, manifest)}
            </Badge>
          ))}
        </Group>
      )}
    </Card>
  );
}
