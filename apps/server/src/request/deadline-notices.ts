import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendEvents } from '../events/append-event.ts';
import type { Logger } from '../logger.ts';
import { startPeriodicSweep } from '../periodic-sweep.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** How long before a request's deadline a contributor with a draft for it is reminded. */
export const DEADLINE_SOON_MS = 24 * 60 * 60 * 1000;
/**
 * How long after a deadline its passing is still told. A draft whose deadline passed longer ago (before
 * this notice existed, or while no process swept) gets no news that is no longer news.
 */
export const DEADLINE_PASSED_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** Serialises sweeps of several processes on one PostgreSQL database ("ASSY" and 1). */
const SWEEP_LOCK_KEY = 0x4153_5359_01;

/**
 * Tells contributors of a deadline nothing else logs: a day before a request stops taking first
 * submissions, and as it does, each draft for it that was never submitted gets one event
 * (`submission.deadline_soon`, then `submission.deadline_passed`), read as a notification. Each is logged
 * once per deadline: a deadline moved later is told again, as its own. A follow-up to a reviewer's request
 * for changes is not told, since the deadline does not stop it (see `intakeOf`). Safe to run from any
 * number of processes at once: on PostgreSQL the sweeps take turns under an advisory lock, and each
 * logs only what is not logged yet.
 */
export async function logDeadlineNotices(
  db: Kysely<Database>,
  now: number,
): Promise<{ soon: number; passed: number }> {
  return db.transaction().execute(async (trx) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`select pg_advisory_xact_lock(${SWEEP_LOCK_KEY})`.execute(trx);
    }
    const soon = await untoldDrafts(trx, 'submission.deadline_soon', {
      after: now,
      atOrBefore: now + DEADLINE_SOON_MS,
      toldSince: -DEADLINE_SOON_MS,
    });
    const passed = await untoldDrafts(trx, 'submission.deadline_passed', {
      after: now - DEADLINE_PASSED_WINDOW_MS,
      atOrBefore: now,
      toldSince: 0,
    });
    await appendEvents(
      trx,
      [...soon, ...passed].map((draft) => ({
        type: draft.type,
        submissionId: draft.submissionId,
        versionId: draft.versionId,
        requestId: draft.requestId,
        at: now,
        props: { deadline: new Date(Number(draft.deadlineAt)).toISOString() },
      })),
    );
    return { soon: soon.length, passed: passed.length };
  });
}

/**
 * Drafts never submitted, for open requests whose deadline is in (`after`, `atOrBefore`], that have no
 * `type` event logged since `toldSince` ms from their deadline: told already of this deadline.
 */
async function untoldDrafts(
  db: Db,
  type: 'submission.deadline_soon' | 'submission.deadline_passed',
  window: { after: number; atOrBefore: number; toldSince: number },
) {
  const rows = await db
    .selectFrom('submission as s')
    .innerJoin('data_request as r', 'r.id', 's.request_id')
    .innerJoin('submission_version as v', (join) =>
      join.onRef('v.submission_id', '=', 's.id').onRef('v.number', '=', 's.latest_version'),
    )
    .select(['s.id as submissionId', 'v.id as versionId', 'r.id as requestId', 'r.deadline_at as deadlineAt'])
    .where('r.status', '=', 'open')
    .where('r.deadline_at', '>', window.after)
    .where('r.deadline_at', '<=', window.atOrBefore)
    .where('v.state', '=', 'draft')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('submission_version as earlier')
            .select('earlier.id')
            .whereRef('earlier.submission_id', '=', 's.id')
            .where('earlier.submitted_at', 'is not', null),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('event as told')
            .select('told.id')
            .where('told.type', '=', type)
            .whereRef('told.submission_id', '=', 's.id')
            .whereRef('told.request_id', '=', 'r.id')
            .where('told.at', '>=', eb('r.deadline_at', '+', window.toldSince)),
        ),
      ),
    )
    .orderBy('s.id')
    .execute();
  return rows.map((row) => ({ ...row, type }));
}

/**
 * Sweeps for deadline notices every `everyMs` (and once at once), in a process that stays up: the server,
 * a scoring worker. A failed sweep is logged and the next one tries again; nothing is lost, since a sweep
 * logs whatever is not logged yet. Returns the function that stops it, once a sweep under way is done.
 */
export function startDeadlineNotices(
  db: Kysely<Database>,
  logger: Logger,
  everyMs: number,
): () => Promise<void> {
  const sweep = () =>
    logDeadlineNotices(db, Date.now())
      .then(({ soon, passed }) => {
        if (soon + passed > 0) logger.info({ soon, passed }, 'deadline notices logged');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'deadline notice sweep failed'));
  return startPeriodicSweep(sweep, everyMs, { isImmediate: true });
}
