import type { ClientEvent } from '@assay/schema';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { appendEvents } from './append-event.ts';

/** How far back a client's own clock may place an event (offline batches); older times are clamped. */
export const MAX_CLIENT_LAG_MS = 24 * 3_600_000;

/**
 * Appends a batch of the caller's friction telemetry to the event log, all or nothing. Every event that names
 * a submission must name one of the caller's own (else NOT_FOUND, and nothing is written); the event takes the
 * submission's request. The time is the client's, clamped to [arrival − 24 h, arrival]: client clocks drift
 * and could be forged, so an event can neither claim the future nor rewrite more than a day of history.
 */
export async function recordClientEvents(
  db: Kysely<Database>,
  input: { userId: string; events: ClientEvent[]; receivedAt?: number },
): Promise<{ recorded: number }> {
  const receivedAt = input.receivedAt ?? Date.now();
  const submissionIds = [...new Set(input.events.flatMap((e) => (e.submissionId ? [e.submissionId] : [])))];
  const owned = new Map<string, string | null>();
  if (submissionIds.length > 0) {
    const rows = await db
      .selectFrom('submission')
      .select(['id', 'request_id'])
      .where('id', 'in', submissionIds)
      .where('contributor_id', '=', input.userId)
      .execute();
    for (const row of rows) owned.set(row.id, row.request_id);
  }
  const missing = submissionIds.find((id) => !owned.has(id));
  if (missing) throw notFound('submission', missing);

  await appendEvents(
    db,
    input.events.map((event) => {
      const clientAt = Date.parse(event.at);
      return {
        type: event.type,
        actorId: input.userId,
        submissionId: event.submissionId ?? null,
        requestId: event.submissionId ? (owned.get(event.submissionId) ?? null) : null,
        props: event.props,
        at: Math.min(receivedAt, Math.max(receivedAt - MAX_CLIENT_LAG_MS, clientAt)),
      };
    }),
  );
  return { recorded: input.events.length };
}

/**
 * A token bucket per key, in this process's memory: `capacity` requests at once, refilled continuously at
 * capacity per `windowMs`. Good enough for telemetry (a replica restart forgives a burst).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key`; false when none is left. */
  tryTake(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updatedAt: now };
    bucket.tokens = Math.min(
      this.capacity,
      bucket.tokens + ((now - bucket.updatedAt) * this.capacity) / this.windowMs,
    );
    bucket.updatedAt = now;
    if (this.buckets.size > 100_000) this.forgetFull(now);
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return true;
  }

  /** Drops buckets that have refilled completely: they hold no information. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) * this.capacity) / this.windowMs >= this.capacity) {
        this.buckets.delete(key);
      }
    }
  }
}
