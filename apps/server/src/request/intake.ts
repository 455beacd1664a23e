import { intakeOf } from '@assay/schema';
import { type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Refuses a submission to a request that no longer takes them: a closed one (its budget went back to the
 * organisation and its queue is gone) or one past its deadline. A follow-up — a later version of a
 * submission that came in on time, answering a reviewer — is still taken after the deadline, not after
 * closing. Said with the request's title and the time, so the contributor knows which request and since when.
 */
export async function assertTakesSubmissions(
  db: Db,
  requestId: string,
  now: number,
  { isFollowUp = false } = {},
): Promise<void> {
  let query = db
    .selectFrom('data_request')
    .select(['title', 'status', 'deadline_at'])
    .where('id', '=', requestId);
  // Shared with other drafts and submits, exclusive of a close (which locks the row for update): a draft
  // made while its request closes is in before the close, which then tells its contributor, or refused.
  if (db.getExecutor().adapter instanceof PostgresAdapter) query = query.forShare();
  const request = await query.executeTakeFirst();
  if (!request) throw notFound('data request', requestId);
  const deadline = request.deadline_at === null ? null : new Date(Number(request.deadline_at)).toISOString();
  const intake = intakeOf({ status: request.status as 'open' | 'closed', deadline }, { isFollowUp }, now);
  if (intake === 'closed') {
    throw new AppError(
      'invalid_state',
      `The data request “${request.title}” is closed: it takes no submissions`,
    );
  }
  if (intake === 'past_deadline') {
    throw new AppError(
      'invalid_state',
      `The data request “${request.title}” stopped taking submissions at its deadline, ${deadline}`,
    );
  }
}
