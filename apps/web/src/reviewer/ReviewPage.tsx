import {
  acceptancesLeft,
  type Decision,
  formatEuros,
  REASON_CODES,
  type ReasonCode,
  ReviewInputSchema,
  reviewTimeSpentMs,
} from '@assay/schema';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Checkbox,
  Code,
  Group,
  Kbd,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { FindingRows } from '../components/FindingRows.tsx';
import { QueryError, StaleDataNotice } from '../components/QueryError.tsx';
import { ReportView } from '../components/ReportView.tsx';
import { RowsTable } from '../components/RowsTable.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { countText } from '../lib/count-text.ts';
import { errorCodeOf, fieldErrorsOf } from '../lib/errors.ts';
import { versionCroissantUrl, versionDataUrl } from '../lib/file-urls.ts';
import { CONSENT_BASIS_LABELS, labelOf, SOURCE_TYPE_LABELS, TASK_LABELS } from '../lib/option-labels.ts';
import { recordText } from '../lib/record-text.ts';
import { sampleCaption } from '../lib/sample-caption.ts';
import { useShortcuts } from '../lib/shortcuts.ts';
import { type RouterOutputs, useTRPC } from '../lib/trpc.ts';
import { DecidedNotice, type ReviewLocationState } from './DecidedNotice.tsx';
import { PreviousVersion } from './PreviousVersion.tsx';
import { DEFAULT_QUEUE_FILTER, queueInputOf, queuePath } from './queue-filter.ts';

type Item = RouterOutputs['review']['byId'];

const DECISIONS: { value: Decision; label: string; key: string }[] = [
  { value: 'accept', label: 'Accept', key: 'a' },
  { value: 'reject', label: 'Reject', key: 'r' },
  { value: 'request_changes', label: 'Ask for changes', key: 'c' },
];

/** A decided version's banner, in the words of the state badges. */
const DECIDED_TITLES: Record<Decision, string> = {
  accept: 'Accepted',
  reject: 'Rejected',
  request_changes: 'Changes requested',
};

/** Reason codes that fit a decision: `accept.*` to accept, the others to reject or ask for changes. */
export function reasonsFor(decision: Decision): ReasonCode[] {
  return (Object.keys(REASON_CODES) as ReasonCode[]).filter(
    (code) => code.startsWith('accept.') === (decision === 'accept'),
  );
}

/** One version for review: report by dimension, sample rows, manifest and provenance, changes, decision. */
/**
 * Whether a recorded decision is the one just sent, by the same reviewer: same decision, reasons (in any
 * order) and comment. A retry of a decision whose answer was lost finds its own decision recorded.
 */
export function isSameDecision(
  recorded: { isByYou: boolean; decision: string; reasonCodes: readonly string[]; comment: string },
  sent: { decision: string; reasonCodes: readonly string[]; comment: string },
): boolean {
  const sorted = (codes: readonly string[]) => [...codes].sort().join('\n');
  return (
    recorded.isByYou &&
    recorded.decision === sent.decision &&
    recorded.comment === sent.comment.trim() &&
    sorted(recorded.reasonCodes) === sorted(sent.reasonCodes)
  );
}

export function ReviewPage() {
  const { versionId = '' } = useParams();
  const trpc = useTRPC();
  const item = useQuery(trpc.review.byId.queryOptions({ versionId }));
  // A failed background refetch keeps the page (and a comment being typed), marked out of date.
  if (item.error && !item.data) return <QueryError error={item.error} onRetry={() => void item.refetch()} />;
  if (!item.data)
    return (
      <Center p="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  return (
    <Stack>
      <DecidedNotice />
      {item.isRefetchError && (
        <StaleDataNotice
          error={item.error}
          updatedAt={item.dataUpdatedAt}
          onRetry={() => void item.refetch()}
          isRetrying={item.isFetching}
        />
      )}
      <Review key={item.data.versionId} item={item.data} />
    </Stack>
  );
}

function Review({ item }: { item: Item }) {
  const provenance = item.manifest.provenance;
  const context = item.manifest.context;
  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2}>
            {item.manifest.title || 'Untitled'}{' '}
            <Text span c="dimmed">
              v{item.number}
            </Text>
          </Title>
          <Text c="dimmed" size="sm">
            {[
              `by ${item.contributor}`,
              item.request.title ?? 'no request',
              typeof item.file?.rows === 'number' ? countText(item.file.rows, 'row') : null,
              item.file?.format?.toUpperCase(),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Text c="dimmed" size="sm" data-testid="contributor-record">
            {recordText(item.contributorRecord)}
          </Text>
        </Stack>
        <StateBadge state={item.state} />
      </Group>
      <DecisionPanel item={item} />
      {item.previous && <PreviousVersion previous={item.previous} manifest={item.manifest} />}
      {item.report && (
        <Card withBorder>
          <ReportView
            report={item.report}
            manifest={item.manifest}
            minScore={item.request.minQualityScore}
            findingAction={(finding, index) => (
              <FindingRows versionId={item.versionId} finding={finding} index={index} reader="reviewer" />
            )}
          />
        </Card>
      )}
      {item.sample && (
        <Card withBorder>
          <Title order={4}>Sample rows</Title>
          <Text size="sm" c="dimmed" mb="xs" data-testid="sample-caption">
            {sampleCaption(item.sample.numbers, item.file?.rows ?? null)}
          </Text>
          <RowsTable
            columns={item.sample.columns}
            rows={item.sample.rows}
            numbers={item.sample.numbers}
            unreadable={item.sample.unreadable}
            testId="sample-rows"
          />
        </Card>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder data-testid="manifest">
          <Title order={4}>Datasheet</Title>
          <Text size="sm" mt="xs" data-testid="manifest-description">
            {item.manifest.description || <i>No description</i>}
          </Text>
          <dl style={{ fontSize: 14 }}>
            {[
              ['Task', labelOf(TASK_LABELS, item.manifest.task)],
              ['Collection', context?.collectionMethod],
              [
                'Period',
                context?.timeframe
                  ? `${context.timeframe.start ?? '?'} – ${context.timeframe.end ?? '?'}`
                  : null,
              ],
              ['Population', context?.population],
              ['Geography', context?.geography],
              ['Intended use', context?.intendedUse],
              ['Limitations', context?.limitations],
              ['Annotation', context?.annotationProtocol],
            ].map(([label, value]) => (
              <div key={label}>
                <dt style={{ fontWeight: 600 }}>{label}</dt>
                <dd style={{ margin: '0 0 6px 0' }}>{value || '—'}</dd>
              </div>
            ))}
          </dl>
          {item.manifest.label && item.manifest.task === 'regression' && (
            <Text fw={600} size="sm" data-testid="label-target">
              Target: {item.manifest.label.column}
            </Text>
          )}
          {item.manifest.label && item.manifest.task !== 'regression' && (
            <>
              <Text fw={600} size="sm">
                Labels ({item.manifest.label.column})
              </Text>
              {(item.manifest.label.classes ?? []).map((labelClass) => (
                <Text key={labelClass.name} size="sm" data-testid="label-class">
                  <Code>{labelClass.name}</Code> {labelClass.definition ?? '—'}
                </Text>
              ))}
            </>
          )}
        </Card>
        <Card withBorder>
          <Title order={4}>Provenance</Title>
          <dl style={{ fontSize: 14 }}>
            {[
              ['Source', labelOf(SOURCE_TYPE_LABELS, provenance?.sourceType)],
              ['Source URL', provenance?.sourceUrl],
              ['Licence', provenance?.license],
              ['Consent basis', labelOf(CONSENT_BASIS_LABELS, provenance?.consentBasis)],
              [
                'Personal data',
                provenance?.containsPersonalData === null || provenance?.containsPersonalData === undefined
                  ? null
                  : provenance.containsPersonalData
                    ? 'Yes'
                    : 'No',
              ],
              [
                'Attested by',
                provenance?.attestation?.signedBy
                  ? [provenance.attestation.signedBy, signedAtText(provenance.attestation.signedAt)]
                      .filter(Boolean)
                      .join(', ')
                  : null,
              ],
              ['SHA-256', item.file?.sha256],
            ].map(([label, value]) => (
              <div key={label}>
                <dt style={{ fontWeight: 600 }}>{label}</dt>
                <dd style={{ margin: '0 0 6px 0', overflowWrap: 'anywhere' }}>{value || '—'}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

/** When the attestation was signed, as the reader's locale writes a date and time; text that is no date as written. */
export function signedAtText(signedAt: string | null | undefined): string {
  if (!signedAt) return '';
  const time = new Date(signedAt);
  return Number.isNaN(time.getTime()) ? signedAt : time.toLocaleString();
}

function DecisionPanel({ item }: { item: Item }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const openedAt = useRef(Date.now());
  const [decision, setDecision] = useState<Decision>('accept');
  const [reasons, setReasons] = useState<ReasonCode[]>([]);
  const [comment, setComment] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  /** Set when another reviewer decided while this one had the page open: theirs is shown, and why. */
  const [isOvertaken, setIsOvertaken] = useState(false);
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  const decide = useMutation(
    trpc.review.decide.mutationOptions({
      onSuccess: async (_result, sent) => {
        await queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() });
        await goToNext(sent.decision);
      },
      onError: async (error, sent) => {
        // The version left review meanwhile (a colleague decided, the contributor withdrew): the page is
        // read again, so that it shows what happened instead of a form that can no longer be sent.
        if (errorCodeOf(error) !== 'CONFLICT') return;
        const fresh = await queryClient
          .fetchQuery({ ...trpc.review.byId.queryOptions({ versionId: sent.versionId }), staleTime: 0 })
          .catch(() => null);
        // Unless the decision there is this one, sent before and recorded, its answer lost on the way
        // ("No connection", then the reviewer sent it again): then it went through, and the page moves on.
        if (fresh?.review && isSameDecision(fresh.review, sent)) {
          await queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() });
          await goToNext(sent.decision);
          return;
        }
        setIsOvertaken(true);
        await queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() });
      },
    }),
  );
  const input = {
    versionId: item.versionId,
    decision,
    reasonCodes: reasons,
    comment,
    timeSpentMs: reviewTimeSpentMs(openedAt.current, Date.now()),
  };
  const validation = ReviewInputSchema.safeParse(input);
  const serverErrors = fieldErrorsOf(decide.error);
  const unshownIssues =
    showErrors && !validation.success
      ? validation.error.issues.filter((i) => i.path[0] !== 'reasonCodes' && i.path[0] !== 'comment')
      : [];
  const issue = (field: string) =>
    (showErrors && !validation.success
      ? validation.error.issues.find((i) => i.path[0] === field)?.message
      : undefined) ?? serverErrors[field]?.[0];

  /**
   * Opens the next version of the queue the review came from (the first, in its order), saying what was
   * decided; the queue itself when nothing else waits, or when the next cannot be read.
   */
  const goToNext = async (sent: Decision) => {
    const queue = (location.state as ReviewLocationState | null)?.queue ?? DEFAULT_QUEUE_FILTER;
    const decided = { decision: sent, title: item.manifest.title || 'Untitled', number: item.number };
    const next = await queryClient
      .fetchQuery(trpc.review.queue.queryOptions(queueInputOf(queue, 1)))
      .catch(() => null);
    const first = next?.items[0];
    const state: ReviewLocationState = { queue, decided: { ...decided, waiting: next?.total ?? null } };
    await navigate(first ? `/review/versions/${first.versionId}` : queuePath(queue), { state });
  };
  const choose = (next: Decision) => {
    setDecision(next);
    setReasons((current) => current.filter((code) => reasonsFor(next).includes(code)));
  };
  const send = () => {
    setShowErrors(true);
    if (validation.success) decide.mutate(validation.data);
  };
  useShortcuts([
    ['a', () => choose('accept')],
    ['r', () => choose('reject')],
    ['c', () => choose('request_changes')],
    ['m', () => commentRef.current?.focus()],
    ['mod+Enter', send],
  ]);

  if (item.review) {
    return (
      <Alert
        color="blue"
        title={DECIDED_TITLES[item.review.decision as Decision]}
        // Overtaken, it answers the reviewer's own click: their decision was not sent. Else it is the page.
        role={isOvertaken ? 'alert' : undefined}
        data-testid="decided"
      >
        {isOvertaken && (
          <Text size="sm" fw={600} mb={4} data-testid="overtaken">
            {item.review.isByYou
              ? 'You had decided this version already (in another tab, or by a click whose answer did not arrive); this decision was not sent.'
              : 'Another reviewer decided this version while you had it open; your decision was not sent.'}
            {comment.trim() !== '' && ` Your comment was: “${comment.trim()}”`}
          </Text>
        )}
        {item.review.reasonCodes.map((code) => REASON_CODES[code].label).join(', ')} — {item.review.comment}
        {item.state === 'accepted' && (
          <Group gap="md" mt="xs">
            <Anchor href={versionDataUrl(item.versionId)} download>
              Download the data
            </Anchor>
            <Anchor href={versionCroissantUrl(item.versionId)} download>
              Download its Croissant metadata
            </Anchor>
          </Group>
        )}
      </Alert>
    );
  }
  if (item.state !== 'in_review' && item.state !== 'scored') {
    return isOvertaken ? (
      <Alert color="blue" title="This version is no longer in review" role="alert" data-testid="overtaken">
        It left review while you had it open (the contributor may have withdrawn it); your decision was not
        sent.
      </Alert>
    ) : null;
  }

  return (
    <Card withBorder data-testid="decision-panel">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>Decision</Title>
          {/* Keys are for a keyboard: a phone has no room, nor use, for them. */}
          <Text size="xs" c="dimmed" visibleFrom="sm">
            <Kbd>a</Kbd> accept · <Kbd>r</Kbd> reject · <Kbd>c</Kbd> changes · <Kbd>m</Kbd> comment ·{' '}
            <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd> send
          </Text>
        </Group>
        {acceptancesLeft(item.request) === 0 && (
          <Alert color="orange" data-testid="budget-spent">
            {item.request.budgetLeftCents > 0
              ? `This request has ${formatEuros(item.request.budgetLeftCents)} left, less than its reward of ${formatEuros(item.request.rewardCents)}: an acceptance would be refused.`
              : "This request's budget is spent: an acceptance would be refused."}{' '}
            <Anchor
              component={Link}
              to={`/review/requests/${item.request.id}?version=${item.versionId}`}
              state={
                { queue: (location.state as ReviewLocationState | null)?.queue } satisfies ReviewLocationState
              }
              size="sm"
              underline="always"
            >
              Raise the budget
            </Anchor>{' '}
            first, or reject or ask for changes.
          </Alert>
        )}
        {item.sameFileAccepted && (
          <Alert color="red" data-testid="same-file-accepted">
            This request already accepted this exact data file
            {item.sameFileAccepted.decidedAt &&
              ` on ${new Date(item.sameFileAccepted.decidedAt).toLocaleDateString()}`}
            : accepting it again would pay twice for the same data, and is refused. Reject it (“
            {REASON_CODES['provenance.copied'].label}”).
          </Alert>
        )}
        <SegmentedControl
          aria-label="Decision"
          // Three choices with their keys do not fit a phone's width in a row: there they stack.
          orientation={isPhone ? 'vertical' : 'horizontal'}
          fullWidth={isPhone}
          value={decision}
          onChange={(value) => choose(value as Decision)}
          data={DECISIONS.map((d) => ({
            value: d.value,
            label: isPhone ? d.label : `${d.label} (${d.key})`,
          }))}
          color={decision === 'accept' ? 'green' : decision === 'reject' ? 'red' : 'orange'}
        />
        <Checkbox.Group
          label="Reasons"
          value={reasons}
          onChange={(value) => setReasons(value as ReasonCode[])}
          error={issue('reasonCodes')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
            {reasonsFor(decision).map((code) => (
              <Checkbox key={code} value={code} label={REASON_CODES[code].label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Textarea
          ref={commentRef}
          label="Comment to the contributor"
          // Every decision needs one (ReviewInputSchema): said before the click, not only by its error.
          description="Required for every decision: say what to fix or why it fits"
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          error={issue('comment')}
          autosize
          minRows={2}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send();
            event.stopPropagation();
          }}
        />
        {unshownIssues.length > 0 && (
          // Issues of what the form does not show as a field (none are expected): said, not swallowed.
          <Alert color="red" role="alert" data-testid="decision-issues">
            {unshownIssues.map((i) => i.message).join('; ')}
          </Alert>
        )}
        {decide.error && !serverErrors.reasonCodes && !serverErrors.comment && (
          <QueryError error={decide.error} onRetry={send} />
        )}
        <Group>
          <Button
            onClick={send}
            loading={decide.isPending}
            color={decision === 'accept' ? 'green' : decision === 'reject' ? 'red' : 'orange'}
          >
            {DECISIONS.find((d) => d.value === decision)?.label}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
