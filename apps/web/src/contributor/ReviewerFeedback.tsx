import { type DraftManifest, REASON_CODES, type ReasonCode } from '@assay/schema';
import { Anchor, Card, List, Spoiler, Text, Title } from '@mantine/core';
import { quotedFieldLabel } from '../lib/field-labels.ts';
import { REASON_PLACES } from '../lib/reason-places.ts';
import type { RouterOutputs } from '../lib/trpc.ts';
import { STEPS } from '../lib/wizard-steps.ts';

type Version = RouterOutputs['submission']['byId']['versions'][number];

const DECIDED = {
  accept: 'accepted',
  reject: 'rejected',
  request_changes: 'asked for changes to',
} as const;

/** The words of a reason's "Go to" link, or null for a reason with no place in the wizard. */
export function reasonLinkText(code: ReasonCode, manifest?: DraftManifest | null): string | null {
  const place = REASON_PLACES[code];
  if (!place) return null;
  return 'field' in place
    ? `Go to ${quotedFieldLabel(place.field, manifest)}`
    : `Go to the ${STEPS[place.step]?.label} step`;
}

/**
 * What the reviewer of the version before this draft decided and said, above every step of the wizard, so
 * the contributor answers the feedback while making the new version rather than from memory of another
 * page. Each reason links to where it is answered: a field, or the step (a new file, the columns).
 */
export function ReviewerFeedback({
  previous,
  draftNumber,
  manifest,
  onGoTo,
}: {
  previous: Version;
  /** The number of the version being made, which answers the feedback. */
  draftNumber: number;
  manifest: DraftManifest;
  onGoTo: (place: { field: string } | { step: number }) => void;
}) {
  const { decision } = previous;
  if (!decision) return null;
  return (
    <Card
      withBorder
      data-testid="reviewer-feedback"
      component="section"
      aria-labelledby="reviewer-feedback-title"
    >
      <Title order={3} size="h5" id="reviewer-feedback-title">
        The reviewer {DECIDED[decision.decision]} version {previous.number}
      </Title>
      <Text size="sm" c="dimmed">
        {new Date(decision.decidedAt).toLocaleString()}. Version {draftNumber} answers it: each reason links
        to where it is fixed.
      </Text>
      <List size="sm" mt="xs" spacing={2} data-testid="feedback-reasons">
        {decision.reasonCodes.map((code) => {
          const place = REASON_PLACES[code];
          const link = reasonLinkText(code, manifest);
          return (
            <List.Item key={code}>
              {REASON_CODES[code].label}
              {place && link && (
                <>
                  {' · '}
                  <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onGoTo(place)}>
                    {link}
                  </Anchor>
                </>
              )}
            </List.Item>
          );
        })}
      </List>
      {/* A comment may run to 5,000 characters: its first four lines (21.7 px each) show, the rest on request. */}
      <Spoiler maxHeight={87} showLabel="Show the whole comment" hideLabel="Show less" mt="xs">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="feedback-comment">
          “{decision.comment}”
        </Text>
      </Spoiler>
    </Card>
  );
}
