import { Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { useSingleFlight } from '../hooks/use-single-flight.ts';
import { formatMoney } from '../lib/money.ts';
import { useTRPC } from '../lib/trpc.ts';
import { COPIED_DRAFT_STATE } from '../lib/wizard-progress.ts';

/**
 * Offers a version's data to another open data request: a new draft for it with the same file and
 * datasheet, opened in the wizard, which pre-scores it against what that request asks before it is sent.
 */
export function OfferToRequest({
  versionId,
  currentRequestId,
}: {
  versionId: string;
  /** The submission's own request, which is not offered again. */
  currentRequestId: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [isOpen, setIsOpen] = useState(false);
  const [requestId, setRequestId] = useState<string | null>(null);
  const requests = useQuery({
    ...trpc.request.list.queryOptions({ isTakingSubmissions: true, limit: 200, offset: 0 }),
    enabled: isOpen,
  });
  const offer = useMutation(
    trpc.submission.offer.mutationOptions({
      onSuccess: async ({ submissionId }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.submission.pathKey() });
        void navigate(`/submissions/${submissionId}/edit`, { state: COPIED_DRAFT_STATE });
      },
    }),
  );
  const startOffer = useSingleFlight(offer);

  if (!isOpen) {
    return (
      <Button variant="default" onClick={() => setIsOpen(true)}>
        {currentRequestId ? 'Offer to another request' : 'Offer to a data request'}
      </Button>
    );
  }
  const choices = (requests.data ?? [])
    .filter((request) => request.id !== currentRequestId)
    .map((request) => ({
      value: request.id,
      label: `${request.title} · ${request.organisationName} · ${formatMoney(request.rewardCents)} per accepted submission`,
    }));
  return (
    <Card withBorder w="100%" data-testid="offer-to-request">
      <Stack gap="xs">
        <Text size="sm">
          A new submission for the request starts as a draft with this file and datasheet. The wizard checks
          it against what the request asks before you send it; this submission stays as it is.
        </Text>
        {requests.error && <QueryError error={requests.error} onRetry={() => void requests.refetch()} />}
        {requests.data && choices.length === 0 ? (
          <Text size="sm" c="dimmed">
            No other open request takes submissions right now.
          </Text>
        ) : (
          <Select
            label="Data request"
            placeholder={requests.isPending ? 'Loading the open requests…' : 'Choose a request'}
            data={choices}
            value={requestId}
            onChange={setRequestId}
            searchable
          />
        )}
        {offer.error && <QueryError error={offer.error} />}
        <Group justify="end">
          <Button variant="subtle" onClick={() => setIsOpen(false)}>
            Cancel
          </Button>
          <Button
            disabled={!requestId}
            loading={offer.isPending}
            onClick={() => requestId && startOffer({ versionId, requestId })}
          >
            Start a draft for it
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
