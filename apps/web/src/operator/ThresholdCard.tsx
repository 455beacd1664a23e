import { EnterpriseGradeThresholdSchema } from '@assay/schema';
import { Alert, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryError } from '../components/QueryError.tsx';
import { fieldErrorsOf } from '../lib/errors.ts';
import { useTRPC } from '../lib/trpc.ts';
import { suggestionBasisText } from './curve-summary.ts';

/**
 * The enterprise-grade threshold, set by operators beside the acceptance curve that says where it
 * should be: `scoreAtTarget` is the score at which the fitted curve reaches the target acceptance,
 * `scoreRange` its 95% range from the `decisions` it was fitted to.
 */
export function ThresholdCard({
  scoreAtTarget,
  scoreRange,
  decisions,
  targetAcceptance,
}: {
  scoreAtTarget: number | null;
  scoreRange: { low: number; high: number } | null;
  decisions: number;
  targetAcceptance: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.settings.threshold.queryOptions());
  /** What the operator typed; null shows the current threshold. */
  const [draft, setDraft] = useState<number | string | null>(null);
  const save = useMutation(
    trpc.settings.setThreshold.mutationOptions({
      onSuccess: (saved) => {
        setDraft(null);
        // The new value at once; the list of changes with the refetch.
        queryClient.setQueryData(trpc.settings.threshold.queryKey(), (old) =>
          old ? { ...old, ...saved } : old,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.settings.threshold.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.settings.scoring.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.analytics.acceptanceCurve.pathKey() });
      },
    }),
  );
  if (settings.error) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return null;
  const current = settings.data;
  const value = draft ?? current.threshold;
  const check = EnterpriseGradeThresholdSchema.safeParse(value === '' ? undefined : Number(value));
  const suggestion = scoreAtTarget === null ? null : Math.min(100, Math.max(0, Math.round(scoreAtTarget)));

  return (
    <Card
      withBorder
      component="form"
      data-testid="threshold-card"
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        if (check.success) save.mutate({ threshold: check.data });
      }}
    >
      <Stack gap="xs">
        <Title order={4}>Enterprise-grade threshold</Title>
        <Text size="sm" data-testid="threshold-now">
          Reports scoring {current.threshold} or more, with no errors, are enterprise grade.{' '}
          {current.setBy === null
            ? "This is the server's default (ENTERPRISE_GRADE_THRESHOLD)."
            : `Set by ${current.setBy} on ${new Date(current.setAt!).toLocaleString()}; the server's default is ${current.defaultThreshold}.`}
        </Text>
        <Group align="end" wrap="wrap">
          <NumberInput
            label="Threshold"
            min={0}
            max={100}
            step={1}
            // What is typed stays as typed (no dropping a minus sign or a decimal point, no clamping on
            // blur): the schema's message says what is wrong and the button stays disabled.
            clampBehavior="none"
            value={value}
            onChange={(next) => setDraft(next)}
            error={
              (check.success ? undefined : check.error.issues[0]?.message) ??
              fieldErrorsOf(save.error).threshold?.[0]
            }
            w={140}
          />
          <Button
            type="submit"
            loading={save.isPending}
            disabled={!check.success || check.data === current.threshold}
          >
            Save threshold
          </Button>
          {suggestion !== null && suggestion !== value && (
            <Button variant="light" onClick={() => setDraft(suggestion)}>
              Use {suggestion}, where acceptance reaches {Math.round(targetAcceptance * 100)}%
            </Button>
          )}
        </Group>
        {suggestion !== null && suggestion !== value && (
          <Text size="xs" c="dimmed" data-testid="threshold-suggestion-basis">
            {suggestionBasisText(decisions, scoreRange)}
          </Text>
        )}
        {save.isSuccess && draft === null && (
          <Alert color="green" role="status" data-testid="threshold-saved">
            Versions scored from now on are graded at {current.threshold}, in contributors' pre-scores too.
            Reports already scored keep their verdict.
          </Alert>
        )}
        {save.error && !fieldErrorsOf(save.error).threshold && <QueryError error={save.error} />}
        {current.changes.length > 0 && (
          <Stack gap={0} data-testid="threshold-changes">
            <Text size="xs" fw={600}>
              Changes (reports keep the threshold they were scored with)
            </Text>
            {current.changes.map((change) => (
              <Text size="xs" c="dimmed" key={change.at + change.to}>
                {change.from} → {change.to} by {change.by}, {new Date(change.at).toLocaleString()}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
