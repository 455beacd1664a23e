import { type EventListInput, type EventType, MEMBERSHIP_EVENT_TYPES } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { iso } from '../submission/map-version.ts';

/**
 * Events about an account, by the property that holds its id: the log names that account as their subject
 * (a payment named its contributor by id alone).
 */
const ACCOUNT_EVENTS = new Map<string, string>([
  ['user.suspended', 'userId'],
  ['user.reinstated', 'userId'],
  ['member.joined', 'userId'],
  ['member.role_changed', 'userId'],
  ['member.removed', 'userId'],
  ['ledger.paid', 'contributorId'],
]);

/** Membership events name their organisation (`props.organisationId`), as it is now. */
const MEMBERSHIP_EVENTS: ReadonlySet<string> = new Set(MEMBERSHIP_EVENT_TYPES);

/** The version a submission was offered from, as `submission.created` records it (`offer-version.ts`). */
function offeredVersionOf(type: string, props: Record<string, unknown>): string | null {
  if (type !== 'submission.created') return null;
  const from = props.offeredFrom;
  if (typeof from !== 'object' || from === null) return null;
  const versionId = (from as { versionId?: unknown }).versionId;
  return typeof versionId === 'string' ? versionId : null;
}

/** A dataset's title from a stored manifest (JSON), or null when it has none yet. */
function titleOf(manifest: string): string | null {
  try {
    const title = (JSON.parse(manifest) as { title?: unknown }).title;
    return typeof title === 'string' && title !== '' ? title : null;
  } catch {
    return null;
  }
}

/**
 * The event log for operators, newest first, a page at a time (by id, so a page does not shift as events
 * arrive). Each event says who acted (their e-mail and role, for events a person caused) and which data
 * request it concerns, by title; an event about an account (`props.userId`, as a suspension) names it too,
 * as it is now: the log keeps the id, not a copy of the e-mail; a membership event names its organisation
 * and invitation the same way. An event about a version names it by its
 * number and its dataset's title, and so does a submission offered from another one's version
 * (`props.offeredFrom`).
 */
export async function listEvents(db: Kysely<Database>, input: EventListInput) {
  let query = db
    .selectFrom('event as e')
    .leftJoin('user as u', 'u.id', 'e.actor_id')
    .leftJoin('data_request as r', 'r.id', 'e.request_id')
    .leftJoin('submission_version as v', 'v.id', 'e.version_id')
    .select([
      'e.id',
      'e.type',
      'e.at',
      'e.props',
      'e.submission_id',
      'e.version_id',
      'e.request_id',
      'u.email as actor_email',
      'u.role as actor_role',
      'r.title as request_title',
      'v.number as version_number',
      'v.manifest as version_manifest',
    ])
    .orderBy('e.id', 'desc')
    .limit(input.limit);
  if (input.type) query = query.where('e.type', '=', input.type);
  if (input.requestId) query = query.where('e.request_id', '=', input.requestId);
  if (input.beforeId) query = query.where('e.id', '<', input.beforeId);
  const rows = (await query.execute()).map((row) => ({
    ...row,
    props: JSON.parse(row.props) as Record<string, unknown>,
  }));
  // Only the server's own account events name an account: a client's telemetry props are its own to
  // write, and must not make the log show another account as its subject.
  const subjectOf = (row: (typeof rows)[number]) => {
    const key = ACCOUNT_EVENTS.get(row.type);
    const id = key === undefined ? undefined : row.props[key];
    return typeof id === 'string' ? id : null;
  };
  const subjectIds = [...new Set(rows.map(subjectOf).filter((id) => id !== null))];
  const subjects =
    subjectIds.length === 0
      ? []
      : await db.selectFrom('user').select(['id', 'email', 'role']).where('id', 'in', subjectIds).execute();
  // A membership event's organisation and invitation, by the ids its props hold.
  const membershipId = (row: (typeof rows)[number], key: 'organisationId' | 'invitationId') => {
    const id = MEMBERSHIP_EVENTS.has(row.type) ? row.props[key] : undefined;
    return typeof id === 'string' ? id : null;
  };
  const membershipIds = (key: 'organisationId' | 'invitationId') => [
    ...new Set(rows.map((row) => membershipId(row, key)).filter((id) => id !== null)),
  ];
  const organisationIds = membershipIds('organisationId');
  const organisations =
    organisationIds.length === 0
      ? []
      : await db
          .selectFrom('organisation')
          .select(['id', 'name'])
          .where('id', 'in', organisationIds)
          .execute();
  const invitationIds = membershipIds('invitationId');
  const invitations =
    invitationIds.length === 0
      ? []
      : await db
          .selectFrom('invitation')
          .select(['id', 'email', 'role'])
          .where('id', 'in', invitationIds)
          .execute();
  const offeredIds = [...new Set(rows.map((row) => offeredVersionOf(row.type, row.props)))].filter(
    (id) => id !== null,
  );
  const offered =
    offeredIds.length === 0
      ? []
      : await db
          .selectFrom('submission_version')
          .select(['id', 'submission_id', 'number', 'manifest'])
          .where('id', 'in', offeredIds)
          .execute();
  const offeredFromOf = (row: (typeof rows)[number]) => {
    const version = offered.find((v) => v.id === offeredVersionOf(row.type, row.props));
    return version
      ? {
          submissionId: version.submission_id,
          versionId: version.id,
          number: Number(version.number),
          title: titleOf(version.manifest),
        }
      : null;
  };
  return rows.map((row) => ({
    id: Number(row.id),
    type: row.type as EventType,
    at: iso(Number(row.at)),
    actor: row.actor_email === null ? null : { email: row.actor_email, role: row.actor_role },
    submissionId: row.submission_id,
    versionId: row.version_id,
    // Which dataset, by title and version number: a withdrawal or a score said nothing of what it was about.
    version:
      row.version_number === null
        ? null
        : { number: Number(row.version_number), title: titleOf(row.version_manifest ?? '{}') },
    request: row.request_id === null ? null : { id: row.request_id, title: row.request_title },
    subject: subjects.find((user) => user.id === subjectOf(row)) ?? null,
    organisation:
      organisations.find((organisation) => organisation.id === membershipId(row, 'organisationId')) ?? null,
    // A revocation's record holds the invitation's id alone: whom it was for is said from the invitation.
    invitation: invitations.find((invitation) => invitation.id === membershipId(row, 'invitationId')) ?? null,
    offeredFrom: offeredFromOf(row),
    props: row.props,
  }));
}
