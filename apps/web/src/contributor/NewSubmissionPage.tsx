import { Button, Card, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { QueryError } from '../components/QueryError.tsx';
import { useSingleFlight } from '../hooks/use-single-flight.ts';
import { budgetText } from '../lib/budget-text.ts';
import { fieldErrorsOf } from '../lib/errors.ts';
import { formatMoney } from '../lib/money.ts';
import { useTelemetry } from '../lib/telemetry-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { WizardSteps } from './WizardSteps.tsx';

/** Step 1 of the wizard: choose an open data request (or none) and name the dataset; creates the draft. */
export function NewSubmissionPage() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const telemetry = useTelemetry();
  const [params] = useSearchParams();
  const requests = useQuery(
    trpc.request.list.queryOptions({ isTakingSubmissions: true, limit: 200, offset: 0 }),
  );
  const [requestId, setRequestId] = useState<string>(params.get('request') ?? 'none');
  const [title, setTitle] = useState('');
  const create = useMutation(
    trpc.submission.create.mutationOptions({
      onSuccess: ({ submissionId }) => {
        telemetry.record(
          'draft.started',
          { requestId: requestId === 'none' ? null : requestId },
          submissionId,
        );
        void navigate(`/submissions/${submissionId}/edit`);
      },
    }),
  );
  const startDraft = useSingleFlight(create);
  const errors = fieldErrorsOf(create.error);

  return (
    <Stack>
      <Title order={2}>New submission</Title>
      <WizardSteps active={0} maxStep={0} />
      <Card
        withBorder
        component="form"
        onSubmit={(event: React.FormEvent) => {
          event.preventDefault();
          startDraft({
            requestId: requestId === 'none' ? null : requestId,
            manifest: title ? { title } : {},
          });
        }}
      >
        <Stack>
          <TextInput
            label="Dataset title"
            description="You can change it later"
            placeholder="Customer support tickets, labeled by urgency"
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={errors.manifest?.[0]}
          />
          {requests.error && <QueryError error={requests.error} onRetry={() => void requests.refetch()} />}
          <Radio.Group
            label="Which data request is it for?"
            description="A request says what an enterprise wants and pays per accepted submission"
            value={requestId}
            onChange={setRequestId}
            error={errors.requestId?.[0]}
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value="none"
                label="No particular request"
                description="Scored like any other, but no reviewer sees it and it cannot be paid: choose a request to sell it"
              />
              {requests.data?.map((request) => {
                const budget = budgetText(request);
                return (
                  <Radio
                    key={request.id}
                    value={request.id}
                    label={
                      <Text size="sm">
                        <b>{request.title}</b> · {request.organisationName} · {request.task} ·{' '}
                        {formatMoney(request.rewardCents)} per accepted submission
                        {budget && ` · ${budget.text}`}
                      </Text>
                    }
                  />
                );
              })}
            </Stack>
          </Radio.Group>
          {create.error && !errors.manifest && <QueryError error={create.error} />}
          <Group justify="end">
            <Button type="submit" loading={create.isPending}>
              Start the draft
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
