import { isDiscardedDraft, REASON_CODES } from '@assay/schema';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmAction, DiscardDraftAction } from '../components/ConfirmAction.tsx';
import { FindingRows } from '../components/FindingRows.tsx';
import { QueryError, StaleDataNotice } from '../components/QueryError.tsx';
import { ReportView } from '../components/ReportView.tsx';
import { VersionStateBadge } from '../components/StateBadge.tsx';
import { useSingleFlight } from '../hooks/use-single-flight.ts';
import { budgetText } from '../lib/budget-text.ts';
import { countText } from '../lib/count-text.ts';
import { versionDataUrl } from '../lib/file-urls.ts';
import { requestIntake } from '../lib/intake.ts';
import { formatMoney } from '../lib/money.ts';
import { type RouterOutputs, useTRPC } from '../lib/trpc.ts';
import { COPIED_DRAFT_STATE } from '../lib/wizard-progress.ts';
import { OfferToRequest } from './OfferToRequest.tsx';
import { ScoringFailedNotice } from './ScoringFailedNotice.tsx';
import { VersionHistory } from './VersionHistory.tsx';

type Version = RouterOutputs['submission']['byId']['versions'][number];

const SCORING = new Set(['submitted', 'scoring']);
const WITHDRAWABLE = new Set(['draft', 'submitted', 'scoring', 'scored', 'in_review']);
/** States in which a version's data may be offered to another request: its file is in and scored. */
/** Sent and not yet decided: a reviewer may still accept it, if the request's budget can pay. */
const AWAITING_DECISION = new Set(['submitted', 'scoring', 'scored', 'in_review']);
const OFFERABLE = new Set(['scored', 'in_review', 'accepted', 'rejected', 'changes_requested', 'withdrawn']);
const POLL_MS = 5_000;

/**
 * How often the page refetches the submission: while its latest version is being scored (the live
 * progress arrives over SSE; polling as well means a dropped stream never leaves the page stuck on
 * "scoring"), and while the last refetch failed, so the page recovers by itself once the server answers
 * again. Otherwise never.
 */
export function pollIntervalOf(query: {
  state: { status: string; data?: { versions: { state: string }[] } | undefined };
}): number | false {
  const latest = query.state.data?.versions.at(-1);
  if (SCORING.has(latest?.state ?? '')) return POLL_MS;
  return query.state.status === 'error' ? POLL_MS : false;
}

/**
 * The version the page is about: the last one, unless it is a draft the contributor discarded. A follow-up
 * draft discarded leaves the version before it standing for the submission, as the list has it; a first
 * draft discarded is all there is.
 */
export function standingVersion<V extends { state: string; submittedAt: string | null }>(
  versions: readonly V[],
): V | undefined {
  return versions.findLast((version) => !isDiscardedDraft(version)) ?? versions.at(-1);
}

/** One submission: live scoring, the score of record, the decision, and a new version from feedback. */
export function SubmissionPage() {
  const { submissionId = '' } = useParams();
  const trpc = useTRPC();
  const submission = useQuery({
    ...trpc.submission.byId.queryOptions({ id: submissionId }),
    refetchOnMount: 'always',
    refetchInterval: pollIntervalOf,
  });
  // A failed poll keeps the page (marked out of date); only a first load that failed shows the error instead.
  if (submission.error && !submission.data)
    return <QueryError error={submission.error} onRetry={() => void submission.refetch()} />;
  if (!submission.data)
    return (
      <Center p="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  const versions = submission.data.versions;
  const latest = standingVersion(versions);
  if (!latest) return <Text>This submission has no versions.</Text>;
  const isStale = submission.isRefetchError;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{latest.manifest.title || 'Untitled'}</Title>
        <Group gap="xs">
          <Text c="dimmed">Version {latest.number}</Text>
          <VersionStateBadge version={latest} />
        </Group>
      </Group>
      {submission.data.requestTitle !== null && (
        <Text size="sm" c="dimmed" data-testid="submission-request" mt={-8}>
          For the data request “{submission.data.requestTitle}”
          {submission.data.requestRewardCents
            ? `: ${formatMoney(submission.data.requestRewardCents)} per accepted submission`
            : ''}
          {submission.data.requestStatus === 'closed' ? ' (closed)' : ''}
        </Text>
      )}
      {AWAITING_DECISION.has(latest.state) && submission.data.requestStatus === 'open' && (
        <BudgetOnHoldNotice
          request={{
            rewardCents: submission.data.requestRewardCents ?? 0,
            budgetLeftCents: submission.data.requestBudgetLeftCents ?? 0,
            status: submission.data.requestStatus,
          }}
        />
      )}
      {isStale && (
        <StaleDataNotice
          error={submission.error}
          updatedAt={submission.dataUpdatedAt}
          onRetry={() => void submission.refetch()}
          isRetrying={submission.isFetching}
          isRetryingByItself
          title={SCORING.has(latest.state) ? 'Live updates failed' : 'Could not refresh'}
        />
      )}
      <LatestVersion
        submissionId={submissionId}
        version={latest}
        isStale={isStale}
        minScore={submission.data.requestMinQualityScore}
        requestId={submission.data.requestId}
        isCutOff={(requestIntake(submission.data) ?? 'open') !== 'open'}
      />
      {versions.length > 1 && <VersionHistory versions={versions} />}
    </Stack>
  );
}

/**
 * Says that an acceptance would wait for the request's budget, which cannot pay another reward now:
 * reviewers are refused an acceptance until the organisation raises it (they can still reject or ask for
 * changes). Nothing shows while the budget pays, or for a request without a reward.
 */
function BudgetOnHoldNotice({ request }: { request: Parameters<typeof budgetText>[0] }) {
  const budget = budgetText(request);
  if (!budget?.isSpent) return null;
  return (
    <Alert color="orange" title="An acceptance is on hold" data-testid="budget-on-hold">
      {budget.text} Reviewers can still reject this submission or ask for changes; an acceptance waits until
      the organisation raises the budget.
    </Alert>
  );
}

function LatestVersion({
  submissionId,
  version,
  isStale,
  minScore,
  requestId,
  isCutOff,
}: {
  submissionId: string;
  version: Version;
  /** The submission's request no longer takes its next submit (closed, or past its deadline). */
  isCutOff: boolean;
  /** The data request the submission is for, if any. */
  requestId: string | null;
  /** The last refetch failed: the progress shown may be out of date. */
  isStale: boolean;
  /** The data request's minimum score, when the submission is for one. */
  minScore: number | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const isScoring = SCORING.has(version.state);
  const scoring = useSubscription(
    trpc.submission.scoring.subscriptionOptions(
      { versionId: version.id },
      {
        enabled: isScoring,
        onData: (update) => {
          if (update.version) void queryClient.invalidateQueries({ queryKey: trpc.submission.pathKey() });
        },
      },
    ),
  );
  const newVersion = useMutation(
    trpc.submission.version.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.submission.pathKey() });
        void navigate(`/submissions/${submissionId}/edit`, { state: COPIED_DRAFT_STATE });
      },
    }),
  );
  const startNewVersion = useSingleFlight(newVersion);
  const withdraw = useMutation(
    trpc.submission.withdraw.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.submission.pathKey() }),
    }),
  );
  const progress = scoring.data;

  return (
    <Stack>
      {version.file && (
        // Their own file, as stored and hashed: what reviewers read and, once accepted, the buyer downloads.
        <Text size="sm" data-testid="version-file">
          Data file: {version.file.name}
          {version.file.rows !== null ? ` · ${countText(version.file.rows, 'row')}` : ''} ·{' '}
          {/* Underlined: inside a line of text, colour alone does not tell a link (WCAG, link-in-text-block). */}
          <Anchor href={versionDataUrl(version.id)} download underline="always">
            Download it
          </Anchor>
        </Text>
      )}
      {version.state === 'draft' &&
        (version.scoringFailedAt ? (
          <ScoringFailedNotice number={version.number} failedAt={version.scoringFailedAt}>
            <Link to={`/submissions/${submissionId}/edit`}>Open the draft</Link>
          </ScoringFailedNotice>
        ) : (
          <Alert color={isCutOff ? 'orange' : 'blue'}>
            This version is a draft
            {isCutOff
              ? version.file
                ? ', and its request no longer takes it: you can offer its data to another request.'
                : ', and its request no longer takes it.'
              : '.'}{' '}
            <Link to={`/submissions/${submissionId}/edit`}>Continue editing</Link>
          </Alert>
        ))}
      {isScoring && (
        <Card withBorder data-testid="scoring-progress">
          <Stack gap={4}>
            <Text fw={600}>
              Scoring on the server…
              {isStale && (
                <Text span c="orange" size="sm" ml="xs">
                  (out of date)
                </Text>
              )}
            </Text>
            <Progress
              value={progress?.totalBytes ? ((progress.bytes ?? 0) / progress.totalBytes) * 100 : 5}
              animated={!isStale}
              aria-label="Scoring progress"
            />
            <Text size="sm" c="dimmed">
              {/* Until a scorer takes the version, its live updates say "submitted" with nothing read. */}
              {progress && progress.state !== 'submitted'
                ? `${progress.state} · ${(progress.rows ?? 0).toLocaleString()} rows read`
                : 'Waiting for a scorer'}
            </Text>
            {scoring.error && (
              <QueryError
                error={scoring.error}
                onRetry={() => scoring.reset()}
                title="Lost the live progress"
              />
            )}
          </Stack>
        </Card>
      )}
      {(version.state === 'rejected' ||
        version.state === 'changes_requested' ||
        version.state === 'accepted') && (
        <Card withBorder data-testid="decision">
          <Title order={4}>Decision: {version.state.replace('_', ' ')}</Title>
          {version.decidedAt && (
            <Text size="sm" c="dimmed">
              {new Date(version.decidedAt).toLocaleString()}
            </Text>
          )}
          {version.decision && (
            <Stack gap="xs" mt="sm">
              <Group gap="xs" data-testid="decision-reasons">
                {version.decision.reasonCodes.map((code) => (
                  <Badge key={code} variant="light" color={code.startsWith('accept.') ? 'teal' : 'orange'}>
                    {REASON_CODES[code].label}
                  </Badge>
                ))}
              </Group>
              <Text data-testid="decision-comment" style={{ whiteSpace: 'pre-wrap' }}>
                {version.decision.comment}
              </Text>
            </Stack>
          )}
          {version.creditedCents !== null && (
            <Text mt="sm" data-testid="decision-credit">
              {formatMoney(version.creditedCents)} credited to your <Link to="/earnings">earnings</Link>.
            </Text>
          )}
        </Card>
      )}
      <Group>
        {(version.state === 'rejected' ||
          version.state === 'changes_requested' ||
          version.state === 'scored' ||
          version.state === 'withdrawn') && (
          <Button onClick={() => startNewVersion({ submissionId })} loading={newVersion.isPending}>
            {version.state === 'rejected' || version.state === 'changes_requested'
              ? 'Start a new version from this feedback'
              : 'Start a new version'}
          </Button>
        )}
        {WITHDRAWABLE.has(version.state) &&
          (version.state === 'draft' ? (
            <DiscardDraftAction
              versionNumber={version.number}
              onConfirm={() => withdraw.mutate({ versionId: version.id })}
              loading={withdraw.isPending}
            />
          ) : (
            <ConfirmAction
              label="Withdraw"
              question={`Withdraw version ${version.number}? No reviewer will decide it, and it cannot be paid.`}
              onConfirm={() => withdraw.mutate({ versionId: version.id })}
              loading={withdraw.isPending}
            />
          ))}
      </Group>
      {(OFFERABLE.has(version.state) || (version.state === 'draft' && isCutOff)) && version.file && (
        <Group>
          <OfferToRequest versionId={version.id} currentRequestId={requestId} />
        </Group>
      )}
      {newVersion.error && (
        <QueryError error={newVersion.error} onRetry={() => startNewVersion({ submissionId })} />
      )}
      {withdraw.error && (
        <QueryError error={withdraw.error} onRetry={() => withdraw.mutate({ versionId: version.id })} />
      )}
      {/* The decision and what to do next come first; the report under them is the evidence. */}
      {version.report && (
        <Card withBorder>
          <ReportView
            report={version.report}
            manifest={version.manifest}
            minScore={minScore}
            title="Score of record"
            findingAction={(finding, index) => (
              <FindingRows versionId={version.id} finding={finding} index={index} reader="contributor" />
            )}
          />
        </Card>
      )}
    </Stack>
  );
}
