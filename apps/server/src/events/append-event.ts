import type { EventType } from '@assay/schema';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

export interface NewEvent {
  type: EventType;
  actorId?: string | null;
  submissionId?: string | null;
  versionId?: string | null;
  requestId?: string | null;
  props?: Record<string, unknown>;
  /** Epoch ms; defaults to now. */
  at?: number;
}

/**
 * Appends to the event log. The log is append-only: nothing in Assay updates or deletes an event, and
 * metrics are computed from it.
 */
export async function appendEvents(
  db: Kysely<Database> | Transaction<Database>,
  events: NewEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const now = Date.now();
  await db
    .insertInto('event')
    .values(
      events.map((event) => ({
        type: event.type,
        actor_id: event.actorId ?? null,
        submission_id: event.submissionId ?? null,
        version_id: event.versionId ?? null,
        request_id: event.requestId ?? null,
        props: JSON.stringify(event.props ?? {}),
        at: event.at ?? now,
      })),
    )
    .execute();
}

export const appendEvent = (db: Kysely<Database> | Transaction<Database>, event: NewEvent) =>
  appendEvents(db, [event]);
