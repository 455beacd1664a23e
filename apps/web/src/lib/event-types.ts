import { CLIENT_EVENT_TYPES, type EventType, SERVER_EVENT_TYPES } from '@assay/schema';
import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';

/**
 * The event log's types in words, for the operators' Activity page. The codes stay what the log, the API
 * and the analytics use; the page shows them beside the words, and its filter finds either.
 */
export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  'draft.started': 'Draft started',
  'file.attached': 'File attached (chosen or uploaded)',
  'manifest.completed': 'Datasheet completed',
  'field.edited': 'Field edited',
  'prescore.seen': 'Pre-score seen',
  'finding.shown': 'Finding shown',
  'submit.attempted': 'Submit attempted',
  'validation.failed': 'Submit refused (validation)',
  'draft.abandoned': 'Draft abandoned',
  'submission.created': 'Submission created',
  'version.submitted': 'Version submitted',
  'version.scoring': 'Scoring started',
  'version.scoring_failed': 'Scoring failed',
  'version.scored': 'Version scored',
  'version.in_review': 'Sent to review',
  'version.created': 'New version started',
  'version.withdrawn': 'Version withdrawn',
  'version.decided': 'Decided',
  'ledger.paid': 'Contributor credited',
  'request.created': 'Request posted',
  'request.updated': 'Request edited',
  'request.closed': 'Request closed',
  'submission.request_closed': 'Request closed on an open submission',
  'submission.deadline_soon': 'Draft near its deadline',
  'submission.deadline_passed': 'Draft past its deadline',
  'settings.threshold_changed': 'Enterprise-grade threshold changed',
  'user.suspended': 'User suspended',
  'user.reinstated': 'User reinstated',
  'organisation.created': 'Organisation created',
  'member.invited': 'Member invited',
  'invitation.revoked': 'Invitation revoked',
  'member.joined': 'Member joined',
  'member.role_changed': 'Member role changed',
  'member.removed': 'Member removed',
};

/**
 * One event's type in words. `file.attached` is logged twice for one file, in words of its own each time: when
 * the browser takes the file (friction: the moment of choosing it) and when the server has stored it, hashed.
 */
export function eventLabel(event: { type: EventType; props: Record<string, unknown> }): string {
  if (event.type === 'file.attached') {
    return event.props.source === 'server' ? 'File uploaded' : 'File chosen';
  }
  // A draft withdrawn was discarded ("Discard the draft"); events logged before `fromState` read as withdrawn.
  if (event.type === 'version.withdrawn' && event.props.fromState === 'draft') return 'Draft discarded';
  return EVENT_TYPE_LABELS[event.type];
}

/** The Activity filter's choices: what contributors' browsers report (friction), then what the server logs. */
export const EVENT_TYPE_GROUPS = [
  {
    group: "In contributors' browsers",
    items: CLIENT_EVENT_TYPES.map((value) => ({ value, label: EVENT_TYPE_LABELS[value] })),
  },
  {
    group: 'On the server',
    items: SERVER_EVENT_TYPES.map((value) => ({ value, label: EVENT_TYPE_LABELS[value] })),
  },
];

/** Whether a choice matches what was typed in the filter: by its words or its code. */
export function matchesEventType(option: { value: string; label: string }, search: string): boolean {
  const query = search.trim().toLowerCase();
  return option.label.toLowerCase().includes(query) || option.value.includes(query);
}

/** The Activity filter's search: the groups kept, each with the choices matching by words or code. */
export const filterEventTypes: OptionsFilter<EventType> = ({ options, search }) =>
  options.flatMap((item): ComboboxParsedItem<EventType>[] => {
    if ('group' in item)
      return [{ ...item, items: item.items.filter((option) => matchesEventType(option, search)) }];
    return matchesEventType(item, search) ? [item] : [];
  });
