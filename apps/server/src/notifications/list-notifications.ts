import type { Notification, NotificationListInput } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { iso, manifestTitle } from '../submission/map-version.ts';
import type { SessionUser } from '../trpc.ts';
import { notificationEvents, seenEventId } from './notification-events.ts';

const KIND_OF_TYPE: Record<string, Notification['kind']> = {
  'version.scored': 'scored',
  'version.scoring_failed': 'scoring_failed',
  'version.decided': 'decided',
  'version.in_review': 'arrived',
  'submission.request_closed': 'request_closed',
  'submission.deadline_soon': 'deadline_soon',
  'submission.deadline_passed': 'deadline_passed',
};

/**
 * A person's notifications, newest first, a page at a time, with how many are unread in all and the
 * cursor of the next page (null on the last).
 */
export async function listNotifications(
  db: Kysely<Database>,
  user: Pick<SessionUser, 'id' | 'role'>,
  input: NotificationListInput,
) {
  const seen = await seenEventId(db, user.id);
  let page = notificationEvents(db, user)
    .innerJoin('submission_version as v', 'v.id', 'e.version_id')
    .leftJoin('data_request as r', 'r.id', 'e.request_id')
    // What the acceptance paid, from the ledger's own event in the same transaction as the decision.
    .leftJoin('event as paid', (join) =>
      join
        .onRef('paid.version_id', '=', 'e.version_id')
        .on('paid.type', '=', 'ledger.paid')
        .on('e.type', '=', 'version.decided'),
    )
    .select([
      'e.id',
      'e.type',
      'e.at',
      'e.props',
      'e.submission_id',
      'e.version_id',
      'v.number as version_number',
      'v.state as version_state',
      'v.manifest',
      'v.score_overall',
      'r.id as request_id',
      'r.title as request_title',
      'paid.props as paid_props',
    ])
    .orderBy('e.id', 'desc')
    // One more than the page: whether there is a next page, without an empty one at the end.
    .limit(input.limit + 1);
  if (input.cursor) page = page.where('e.id', '<', input.cursor);

  const [fetched, unread] = await Promise.all([
    page.execute(),
    notificationEvents(db, user)
      .where('e.id', '>', seen)
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);

  const rows = fetched.slice(0, input.limit);
  const items = rows.map((row): Notification => {
    const id = Number(row.id);
    const kind = KIND_OF_TYPE[row.type]!;
    const props = JSON.parse(row.props) as Record<string, unknown>;
    const paid = row.paid_props === null ? null : (JSON.parse(row.paid_props) as { rewardCents?: number });
    return {
      id,
      kind,
      at: iso(Number(row.at)),
      isUnread: id > seen,
      submissionId: row.submission_id!,
      versionId: row.version_id!,
      versionNumber: row.version_number,
      versionState: row.version_state as Notification['versionState'],
      title: manifestTitle(row.manifest),
      request: row.request_id === null ? null : { id: row.request_id, title: row.request_title! },
      score:
        kind === 'scored'
          ? (props.overall as number)
          : kind === 'arrived'
            ? (row.score_overall ?? null)
            : null,
      isEnterpriseGrade: kind === 'scored' ? (props.enterpriseGrade as boolean) : null,
      decision: kind === 'decided' ? (props.decision as Notification['decision']) : null,
      rewardCents: kind === 'decided' ? (paid?.rewardCents ?? null) : null,
      deadline: typeof props.deadline === 'string' ? props.deadline : null,
    };
  });
  const nextCursor = fetched.length > input.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, unread: Number(unread.count), nextCursor };
}
