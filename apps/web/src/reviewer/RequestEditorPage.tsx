import {
  type DataRequestInput,
  DataRequestInputSchema,
  pastDeadlineMessage,
  rewardWithinBudgetMessage,
  TaskSchema,
} from '@assay/schema';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Fieldset,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ConfirmAction } from '../components/ConfirmAction.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { filterLicenses, loadSpdx } from '../contributor/LicensePicker.tsx';
import { useSingleFlight } from '../hooks/use-single-flight.ts';
import { fieldErrorsOf } from '../lib/errors.ts';
import { formatMoney } from '../lib/money.ts';
import { CONSENT_BASIS_LABELS, optionsOf, TASK_LABELS } from '../lib/option-labels.ts';
import { pendingText } from '../lib/pending-text.ts';
import { type RouterOutputs, useTRPC } from '../lib/trpc.ts';
import type { ReviewLocationState } from './DecidedNotice.tsx';

type DataRequest = RouterOutputs['request']['byId'];
type FormState = DataRequestInput;

/**
 * A new request's form. The title starts empty (its placeholder shows an example): a default title let
 * one click on "Post the request" publish an untitled, empty request to every contributor.
 */
const EMPTY: FormState = {
  ...DataRequestInputSchema.parse({
    title: 'placeholder',
    task: 'classification',
    rewardCents: 1000,
    budgetCents: 10000,
  }),
  title: '',
};

/**
 * The form's fields from a request as read back. Not parsed: a request posted before today's limits (a
 * reward over its budget, say) must still open, with the limit named at its field.
 */
function toFormState(request: DataRequest): FormState {
  const { title, description, task, requiredColumns, labelSet, minRows, acceptedLicenses } = request;
  const { requiredConsentBasis, requiresCommercialUse, minQualityScore, rewardCents, budgetCents } = request;
  return {
    title,
    description,
    task,
    requiredColumns,
    labelSet,
    minRows,
    acceptedLicenses,
    requiredConsentBasis,
    requiresCommercialUse,
    minQualityScore,
    rewardCents,
    budgetCents,
    deadline: request.deadline ?? null,
  };
}

/** What a number input holds, as typed: a number, '' when empty, or text that is not one yet ("-"). */
type Typed = number | string;
interface TypedNumbers {
  minRows: Typed;
  minQualityScore: Typed;
  /** In euros, as the inputs show money. */
  reward: Typed;
  budget: Typed;
}

/**
 * The number typed; '' is `empty`. Text that is not a number is NaN, which the schema refuses with its
 * own message: never silently another number.
 */
function numberOf(value: Typed, empty: number): number {
  if (value === '') return empty;
  return typeof value === 'number' ? value : Number(value);
}
// An empty amount is not €0: the schema asks for one ("Enter the budget in euros").
const centsOf = (euros: Typed) => Math.round(numberOf(euros, Number.NaN) * 100);

/**
 * Under an existing request's budget: what is paid already and what the typed budget leaves, since the
 * budget is the total, paid rewards included. A reviewer raising it to accept one more needs both.
 */
export function budgetDescription(paidCents: number, budgetCents: number): string {
  const paid = `${formatMoney(paidCents)} paid so far`;
  if (!Number.isFinite(budgetCents)) return `${paid}; the budget is the total, that included.`;
  if (budgetCents < paidCents) return `${paid}: the budget cannot be less than that.`;
  return `${paid}: this budget leaves ${formatMoney(budgetCents - paidCents)} for rewards.`;
}

/**
 * What the deadline field shows: the day of a deadline held as a date and time (as stored, or a day typed
 * and given its end), else the text as typed. It showed the first 10 characters of anything, so typing
 * "31 December 2027" left "31 Decembe" in the field, beside a message asking for YYYY-MM-DD.
 */
export function deadlineFieldText(deadline: string | null | undefined): string {
  if (!deadline) return '';
  const isDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(deadline);
  return isDateTime ? deadline.slice(0, 10) : deadline;
}

/** "name:type" tags for required columns, the way a reviewer types them. */
function columnsToTags(columns: FormState['requiredColumns']): string[] {
  return columns.map((column) => `${column.name}:${column.type}`);
}
function tagsToColumns(tags: string[]): unknown[] {
  return tags.map((tag) => {
    const [name = '', type = 'string'] = tag.split(':').map((part) => part.trim());
    return { name, type };
  });
}

/**
 * Where the editor goes back to once saved or cancelled: the version whose review page opened it ("Raise
 * the budget" adds `?version=<id>`), or the list of requests. Only a version's review page: the parameter
 * is an id, never a path, so a link cannot send the reviewer elsewhere.
 */
export function editorReturnPath(search: URLSearchParams): string {
  const versionId = search.get('version');
  return versionId ? `/review/versions/${encodeURIComponent(versionId)}` : '/review/requests';
}

/** Creates or edits a data request; validates with the server's own schema. */
export function RequestEditorPage() {
  const { requestId } = useParams();
  const trpc = useTRPC();
  const existing = useQuery({
    ...trpc.request.byId.queryOptions({ id: requestId ?? '' }),
    enabled: Boolean(requestId),
  });
  if (requestId && existing.error && !existing.data)
    return <QueryError error={existing.error} onRetry={() => void existing.refetch()} />;
  if (requestId && !existing.data)
    return (
      <Center p="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  return <RequestForm key={requestId ?? 'new'} existing={existing.data ?? null} />;
}

function RequestForm({ existing }: { existing: DataRequest | null }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const returnPath = editorReturnPath(search);
  // The review page's queue (whose next version follows a decision) goes there and back with the link.
  const { queue } = (useLocation().state ?? {}) as ReviewLocationState;
  const returnState = queue ? ({ queue } satisfies ReviewLocationState) : undefined;
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FormState>(() => (existing ? toFormState(existing) : EMPTY));
  const [numbers, setNumbers] = useState<TypedNumbers>(() => ({
    minRows: form.minRows,
    minQualityScore: form.minQualityScore,
    reward: form.rewardCents / 100,
    budget: form.budgetCents / 100,
  }));
  const [columnTags, setColumnTags] = useState(() => columnsToTags(form.requiredColumns));
  const [showErrors, setShowErrors] = useState(false);
  const done = async () => {
    // A version's review page carries its request's budget (the "budget is spent" warning): a raise made
    // from its link must not leave the page, opened again, saying so from the cache.
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.request.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() }),
    ]);
    void navigate(returnPath, { state: returnState });
  };
  const create = useMutation(trpc.request.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.request.update.mutationOptions({ onSuccess: done }));
  const close = useMutation(trpc.request.close.mutationOptions({ onSuccess: done }));
  // Closing waits for every submission's decision (the server refuses otherwise): say so before the click.
  const isOpen = existing?.status === 'open';
  // A closed request is shown as it was, unchangeable (saving was refused only after the click), with what
  // it paid and what went back from the ledger: its budget left is 0 once closed, so "paid" counted the refund.
  const isClosed = existing?.status === 'closed';
  const books = useQuery({
    ...trpc.ledger.requestBudget.queryOptions({ requestId: existing?.id ?? '' }),
    enabled: isClosed,
  });
  const pending = useQuery({
    ...trpc.request.pending.queryOptions({ id: existing?.id ?? '' }),
    enabled: isOpen,
    // Versions being scored reach the queue by themselves: look again until none is left.
    refetchInterval: (query) => ((query.state.data?.beingScored ?? 0) > 0 ? 5_000 : false),
  });
  const pendingSentence = pending.data ? pendingText(pending.data) : null;
  const mutation = existing ? update : create;
  const send = useSingleFlight<{ id?: string } & DataRequestInput>({
    mutateAsync: ({ id, ...input }) =>
      id ? update.mutateAsync({ id, ...input }) : create.mutateAsync(input),
  });
  // The server's refusal is about what was sent: any change to the form answers it, so it goes.
  const edited = () => {
    if (mutation.error) mutation.reset();
  };
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    edited();
    setForm((current) => ({ ...current, [key]: value }));
  };
  const setNumber = (key: keyof TypedNumbers, value: Typed) => {
    edited();
    setNumbers((current) => ({ ...current, [key]: value }));
  };

  const candidate = {
    ...form,
    requiredColumns: tagsToColumns(columnTags),
    minRows: numberOf(numbers.minRows, 0),
    minQualityScore: numberOf(numbers.minQualityScore, 0),
    rewardCents: centsOf(numbers.reward),
    budgetCents: centsOf(numbers.budget),
  };
  const parsed = DataRequestInputSchema.safeParse(candidate);
  // A deadline kept as it was is not sent again, so a request past its deadline can still be edited.
  const isDeadlineChanged = !existing || (form.deadline ?? null) !== (existing.deadline ?? null);
  const pastDeadline = isDeadlineChanged ? pastDeadlineMessage(candidate.deadline, Date.now()) : null;
  const spdx = useSpdx();
  // An id SPDX does not know: no contributor could offer it (the server refuses it too).
  const unknownLicense = spdx?.unknownLicenseMessage(form.acceptedLicenses) ?? null;
  const serverErrors = fieldErrorsOf(mutation.error);
  const error = (field: keyof FormState) =>
    (showErrors && !parsed.success
      ? parsed.error.issues.find((issue) => issue.path[0] === field)?.message
      : undefined) ??
    (showErrors && field === 'deadline' ? (pastDeadline ?? undefined) : undefined) ??
    (showErrors && field === 'rewardCents'
      ? (rewardWithinBudgetMessage(candidate) ?? undefined)
      : undefined) ??
    (showErrors && field === 'acceptedLicenses' ? (unknownLicense ?? undefined) : undefined) ??
    serverErrors[field]?.[0];

  function save(event: React.FormEvent) {
    event.preventDefault();
    setShowErrors(true);
    if (!parsed.success || pastDeadline || unknownLicense) return;
    if (!existing) return send(parsed.data);
    const { deadline, ...rest } = parsed.data;
    send({ id: existing.id, ...rest, ...(isDeadlineChanged ? { deadline } : {}) });
  }

  return (
    <Stack>
      <Title order={2}>{existing ? `Edit “${existing.title}”` : 'New data request'}</Title>
      {isClosed && (
        <Alert color="gray" title="This request is closed" data-testid="request-closed">
          It takes no more submissions and can no longer be changed.{' '}
          {books.data &&
            `It paid ${formatMoney(books.data.paidCents)} in rewards; ${formatMoney(books.data.returnedCents)} of its budget went back to the organisation.`}
        </Alert>
      )}
      <Card withBorder component="form" onSubmit={save}>
        <Stack>
          <Fieldset variant="unstyled" disabled={isClosed}>
            <TextInput
              label="Title"
              placeholder="e.g. Support tickets labeled by urgency"
              value={form.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={error('title')}
            />
            <Textarea
              label="Description"
              description="What the data is for and what one row should be"
              value={form.description}
              onChange={(e) => set('description', e.currentTarget.value)}
              error={error('description')}
              autosize
              minRows={3}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Task"
                data={TaskSchema.options.map((value) => ({ value, label: TASK_LABELS[value] }))}
                value={form.task}
                onChange={(v) => v && set('task', v as FormState['task'])}
                error={error('task')}
              />
              <NumberInput
                label="Minimum rows"
                description="Empty: no minimum"
                min={0}
                clampBehavior="none"
                value={numbers.minRows}
                onChange={(v) => setNumber('minRows', v)}
                error={error('minRows')}
              />
              <TagsInput
                label="Required columns"
                // A repeat is kept, so that the form can say so at the field (it was dropped without a word).
                allowDuplicates
                description="Type name:type and press Enter, e.g. text:string"
                value={columnTags}
                onChange={(tags) => {
                  edited();
                  setColumnTags(tags);
                }}
                error={error('requiredColumns')}
              />
              <TagsInput
                label="Label set"
                allowDuplicates
                description="The classes you expect"
                value={form.labelSet}
                onChange={(v) => set('labelSet', v)}
                error={error('labelSet')}
              />
              <TagsInput
                label="Accepted licences (SPDX ids)"
                allowDuplicates
                description="Empty: any licence that permits your use"
                data={spdx?.SPDX_LICENSES.map((license) => license.id) ?? []}
                // Ranked as the wizard's picker ranks them: "mit" lists MIT first, not FSL-1.1-MIT.
                filter={filterLicenses}
                limit={20}
                value={form.acceptedLicenses}
                onChange={(v) => set('acceptedLicenses', v)}
                error={error('acceptedLicenses')}
              />
              <MultiSelect
                label="Accepted consent bases"
                description="Empty: any"
                data={optionsOf(CONSENT_BASIS_LABELS)}
                value={form.requiredConsentBasis}
                onChange={(v) => set('requiredConsentBasis', v as FormState['requiredConsentBasis'])}
                error={error('requiredConsentBasis')}
              />
              <NumberInput
                label="Minimum quality score"
                description="Empty: no minimum"
                min={0}
                max={100}
                clampBehavior="none"
                value={numbers.minQualityScore}
                onChange={(v) => setNumber('minQualityScore', v)}
                error={error('minQualityScore')}
              />
              <TextInput
                label="Deadline (YYYY-MM-DD)"
                value={deadlineFieldText(form.deadline)}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  set('deadline', /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59Z` : value || null);
                }}
                error={error('deadline')}
              />
              <NumberInput
                label="Reward per accepted submission (€)"
                min={0}
                decimalScale={2}
                clampBehavior="none"
                value={numbers.reward}
                onChange={(v) => setNumber('reward', v)}
                error={error('rewardCents')}
              />
              <NumberInput
                label="Budget (€)"
                min={0}
                decimalScale={2}
                clampBehavior="none"
                description={
                  existing && !isClosed
                    ? budgetDescription(
                        existing.budgetCents - existing.budgetLeftCents,
                        centsOf(numbers.budget),
                      )
                    : undefined
                }
                value={numbers.budget}
                onChange={(v) => setNumber('budget', v)}
                error={error('budgetCents')}
              />
            </SimpleGrid>
            <Switch
              label="The licence must permit commercial use"
              checked={form.requiresCommercialUse}
              onChange={(e) => set('requiresCommercialUse', e.currentTarget.checked)}
            />
          </Fieldset>
          {mutation.error && Object.keys(serverErrors).length === 0 && <QueryError error={mutation.error} />}
          {close.error && existing && (
            <QueryError error={close.error} onRetry={() => close.mutate({ id: existing.id })} />
          )}
          <Group justify="space-between">
            <Group>
              {!isClosed && (
                <Button type="submit" loading={mutation.isPending}>
                  {existing ? 'Save changes' : 'Post the request'}
                </Button>
              )}
              <Button component={Link} to={returnPath} state={returnState} variant="default">
                {isClosed ? 'Back' : 'Cancel'}
              </Button>
            </Group>
            {isOpen && (
              <ConfirmAction
                label="Close the request"
                question="Close it? It takes no more submissions, and what is left of its budget goes back to the organisation."
                confirmLabel="Close it"
                onConfirm={() => close.mutate({ id: existing.id })}
                loading={close.isPending}
                disabled={pendingSentence !== null}
              />
            )}
          </Group>
          {isOpen && pendingSentence && (
            <Text size="sm" c="dimmed" ta="right" data-testid="close-pending">
              {pendingSentence}{' '}
              {pending.data!.awaitingDecision > 0 && (
                <Anchor component={Link} to={`/review?request=${existing.id}`}>
                  Open the queue
                </Anchor>
              )}
            </Text>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}

/** The SPDX list and its check, once loaded (null before). */
function useSpdx() {
  const [spdx, setSpdx] = useState<Awaited<ReturnType<typeof loadSpdx>> | null>(null);
  useEffect(() => {
    let live = true;
    void loadSpdx().then((loaded) => live && setSpdx(loaded));
    return () => {
      live = false;
    };
  }, []);
  return spdx;
}
