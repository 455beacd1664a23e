import { type DecisionSchema, type EventType, EventTypeSchema, REASON_CODES } from '@assay/schema';
import { Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { CellText } from '../components/CellText.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { EVENT_TYPE_GROUPS, eventLabel, filterEventTypes } from '../lib/event-types.ts';
import { fieldLabel } from '../lib/field-labels.ts';
import { formatFileSize } from '../lib/file-size.ts';
import { formatMoney } from '../lib/money.ts';
import { requestFieldLabel } from '../lib/request-fields.ts';
import { scoreText } from '../lib/score-text.ts';
import { useTRPC } from '../lib/trpc.ts';
import { STEPS } from '../lib/wizard-steps.ts';
import { RequestSelect } from './RequestSelect.tsx';

/** Events a page holds; "Older" shows when a page is full. */
const PAGE = 50;

/** A property holding money: an integer number of cents, by Assay's naming (`refundedCents`). */
const MONEY_KEY = /^(.+)Cents$/;
/** A property holding a duration in milliseconds (`timeSpentMs`). */
const DURATION_KEY = /^(.+)Ms$/;
/** A timestamp as the server writes one (`deadline`): shown as the reader's locale writes a time. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** A review's decisions as the reviewer's page words them. */
const DECISION_WORDS: Record<string, string> = {
  accept: 'accept',
  reject: 'reject',
  request_changes: 'ask for changes',
} satisfies Record<(typeof DecisionSchema.options)[number], string>;

/** Properties holding a 0–100 score: shown whole, as the rest of the app shows scores. */
const SCORE_KEYS = new Set(['score', 'overall', 'structure', 'context', 'provenance']);

/** A duration as a person says it: `45 s`, `3 min 20 s`, `2 h 5 min`. */
export function durationText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** A property's name in words: `enterpriseGrade` → `enterprise grade`. */
function keyText(key: string): string {
  return key.replace(/(?<=[a-z0-9])([A-Z])/g, ' $1').toLowerCase();
}

/** A property's value as text: lists joined, nested objects as their own `key: value` pairs, times local. */
function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object' && value !== null) return `(${propsText(value as Record<string, unknown>)})`;
  if (typeof value === 'string' && ISO_TIME.test(value)) return new Date(value).toLocaleString();
  return String(value);
}

/**
 * One property, its name in words: money (`…Cents`) as an amount under its name without "Cents", a change
 * signed; a duration (`…Ms`) in seconds, minutes or hours; a decision and reason codes in the reviewer's
 * words; yes or no; a datasheet field by its name on the form; a request's changed fields as its editor
 * names them.
 */
function propText(key: string, value: unknown): string {
  const money = MONEY_KEY.exec(key);
  if (money && typeof value === 'number') {
    const amount = formatMoney(value);
    return `${keyText(money[1]!)}: ${value > 0 && /Change$/.test(money[1]!) ? `+${amount}` : amount}`;
  }
  const duration = DURATION_KEY.exec(key);
  if (duration && typeof value === 'number' && value >= 0) {
    return `${keyText(duration[1]!)}: ${durationText(value)}`;
  }
  if (key === 'fields' && typeof value === 'string') {
    return `fields: ${value.split(', ').map(requestFieldLabel).join(', ')}`;
  }
  if (key === 'decision' && typeof value === 'string' && value in DECISION_WORDS) {
    return `decision: ${DECISION_WORDS[value]}`;
  }
  if (SCORE_KEYS.has(key) && typeof value === 'number') return `${key}: ${scoreText(value)}`;
  // A file's size (`file.attached`'s `size` from the server, `bytes` from the browser): "71.4 MB", not digits.
  if ((key === 'size' || key === 'bytes') && typeof value === 'number')
    return `${key}: ${formatFileSize(value)}`;
  if (typeof value === 'boolean') return `${keyText(key)}: ${value ? 'yes' : 'no'}`;
  // A datasheet field the contributor edited (or saw a finding about), as the form names it.
  if (key === 'field' && typeof value === 'string') return `${key}: ${fieldLabel(value)}`;
  // The wizard records a step's index; the wizard shows it numbered from 1, with its name.
  if (key === 'step' && typeof value === 'number' && STEPS[value]) {
    return `step: ${value + 1} (${STEPS[value].label})`;
  }
  if (key === 'reasonCodes' && Array.isArray(value)) {
    const labels = value.map((code) =>
      typeof code === 'string' && Object.hasOwn(REASON_CODES, code)
        ? REASON_CODES[code as keyof typeof REASON_CODES].label
        : valueText(code),
    );
    return `reasons: ${labels.join('; ')}`;
  }
  return `${keyText(key)}: ${valueText(value)}`;
}

/** An event's properties as one line: `decision: accept · score: 82 · refunded: €10.00`. */
export function propsText(props: Record<string, unknown>): string {
  return Object.entries(props)
    .map(([key, value]) => propText(key, value))
    .join(' · ');
}

/** The version a submission was offered from, as `event.list` names it. */
interface OfferedFrom {
  number: number;
  title: string | null;
}

/** A version by its dataset's title and number, as details name it. */
const versionText = ({ title, number }: OfferedFrom) =>
  `${title === null ? 'an untitled dataset' : `“${title}”`}, version ${number}`;

/**
 * An event's details: the version it is about (by its dataset's title and number), the organisation and
 * invitation of a membership event, the account it is about, when it is about one (a suspension names it
 * by its e-mail and role rather than its id), or the version a submission was offered from, then its
 * other properties.
 */
export function detailsText(event: {
  subject: { email: string; role: string } | null;
  organisation?: { name: string } | null;
  invitation?: { email: string; role: string } | null;
  version?: OfferedFrom | null;
  offeredFrom?: OfferedFrom | null;
  request?: { id: string } | null;
  props: Record<string, unknown>;
}): string {
  const { userId, contributorId, offeredFrom, requestId, ...rest } = event.props;
  // The Request column names it already; an id it does not name stays, readably.
  if (requestId != null && requestId !== event.request?.id) rest.requestId = requestId;
  const parts: string[] = [];
  if (event.version) parts.push(versionText(event.version));
  // A membership event's organisation by its name as it is now, and its invitation by whom it was for,
  // instead of their ids.
  if (event.organisation) {
    parts.push(`organisation: ${event.organisation.name}`);
    delete rest.organisationId;
    delete rest.organisationName;
  }
  if (event.invitation) {
    // Said only where nothing else names whom it was for (a revocation's record holds ids alone).
    if (rest.email === undefined && !event.subject) {
      parts.push(`invitation: ${event.invitation.email} (${event.invitation.role})`);
    }
    delete rest.invitationId;
  }
  // The account is named instead of its id (`userId`, or a payment's `contributorId`).
  if (event.subject) parts.push(`account: ${event.subject.email} (${event.subject.role})`);
  else {
    if (userId !== undefined) rest.userId = userId;
    if (contributorId !== undefined) rest.contributorId = contributorId;
  }
  if (event.offeredFrom) {
    parts.push(`offered from: ${versionText(event.offeredFrom)}`);
  } else if (offeredFrom !== undefined) rest.offeredFrom = offeredFrom;
  parts.push(propsText(rest));
  return parts.filter((part) => part !== '').join(' · ');
}

/**
 * The event log, newest first, for operators: what happened, when, who did it and to which request —
 * the record the dashboard's measures are computed from, one event at a time. Filtered by type and
 * request, in the URL (`?type=version.decided&request=<id>`), so a filtered log can be reloaded and shared;
 * paged by event id, so a page does not shift while new events arrive.
 */
export function ActivityPage() {
  const trpc = useTRPC();
  const [searchParams, setSearchParams] = useSearchParams();
  const parsedType = EventTypeSchema.safeParse(searchParams.get('type'));
  const type: EventType | null = parsedType.success ? parsedType.data : null;
  const requestId = searchParams.get('request') || null;
  /** The `beforeId` of each page shown so far: the last is the current page's. */
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const beforeId = cursors.at(-1);
  const events = useQuery({
    ...trpc.event.list.queryOptions({
      limit: PAGE,
      ...(type ? { type } : {}),
      ...(requestId ? { requestId } : {}),
      ...(beforeId ? { beforeId } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const rows = events.data ?? [];
  const restart = () => setCursors([undefined]);
  // From the address bar as it is now, not this render's params, so two quick changes do not undo each other.
  const filterBy = (name: 'type' | 'request', value: string | null) => {
    const params = new URLSearchParams(window.location.search);
    if (value) params.set(name, value);
    else params.delete(name);
    setSearchParams(params, { replace: true });
    restart();
  };

  return (
    <Stack>
      <Title order={2}>Activity</Title>
      <Group align="start" wrap="wrap">
        <Select
          label="Event"
          placeholder="All events"
          clearable
          searchable
          data={EVENT_TYPE_GROUPS}
          filter={filterEventTypes}
          nothingFoundMessage="No event type matches"
          renderOption={({ option }) => (
            <Stack gap={0}>
              <Text size="sm">{option.label}</Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {option.value}
              </Text>
            </Stack>
          )}
          value={type}
          onChange={(value) => filterBy('type', value)}
          w={240}
        />
        <RequestSelect value={requestId} onChange={(value) => filterBy('request', value)} />
      </Group>
      {events.error && <QueryError error={events.error} onRetry={() => void events.refetch()} />}
      {events.data?.length === 0 && <Text c="dimmed">No events{type || requestId ? ' match' : ' yet'}.</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="events">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Request</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{new Date(event.at).toLocaleString()}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{eventLabel(event)}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {event.type}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <CellText>
                      {event.actor ? `${event.actor.email} (${event.actor.role})` : 'Assay'}
                    </CellText>
                  </Table.Td>
                  <Table.Td>
                    <CellText>{event.request ? (event.request.title ?? event.request.id) : '—'}</CellText>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{detailsText(event) || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {(cursors.length > 1 || rows.length === PAGE) && (
        <Group>
          <Button
            variant="default"
            disabled={cursors.length === 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            Newer
          </Button>
          <Button
            variant="default"
            disabled={rows.length < PAGE}
            onClick={() => setCursors([...cursors, rows.at(-1)!.id])}
          >
            Older
          </Button>
        </Group>
      )}
    </Stack>
  );
}
