import type { EventListInput, EventType } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { iso } from '../submission/map-version.ts';

/**
 * The event log for operators, newest first, a page at a time (by id, so a page does not shift as events
 * arrive). Each event says who acted (their e-mail and role, for events a person caused) and which data
 * request it concerns, by title.
 */
export async function listEvents(db: Kysely<Database>, input: EventListInput) {
  let query = db
    .selectFrom('event as e')
    .leftJoin('user as u', 'u.id', 'e.actor_id')
    .leftJoin('data_request as r', 'r.id', 'e.request_id')
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
    ])
    .orderBy('e.id', 'desc')
    .limit(input.limit);
  if (input.type) query = query.where('e.type', '=', input.type);
  if (input.requestId) query = query.where('e.request_id', '=', input.requestId);
  if (input.beforeId) query = query.where('e.id', '<', input.beforeId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: Number(row.id),
    type: row.type as EventType,
    at: iso(Number(row.at)),
    actor: row.actor_email === null ? null : { email: row.actor_email, role: row.actor_role },
    submissionId: row.submission_id,
    versionId: row.version_id,
    request: row.request_id === null ? null : { id: row.request_id, title: row.request_title },
    props: JSON.parse(row.props) as Record<string, unknown>,
  }));
}
