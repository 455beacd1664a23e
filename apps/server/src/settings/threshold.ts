import type { ThresholdChange, ThresholdSettings } from '@assay/schema';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendEvent } from '../events/append-event.ts';

const THRESHOLD = 'enterprise_grade_threshold';

/**
 * The enterprise-grade threshold reports are graded with now: the one an operator last set, or the
 * server's ENTERPRISE_GRADE_THRESHOLD (`defaultThreshold`) until one does.
 */
export async function readThreshold(
  db: Kysely<Database> | Transaction<Database>,
  defaultThreshold: number,
): Promise<ThresholdSettings> {
  const row = await db
    .selectFrom('setting as s')
    .innerJoin('user as u', 'u.id', 's.updated_by')
    .select(['s.value', 's.updated_at', 'u.name'])
    .where('s.name', '=', THRESHOLD)
    .executeTakeFirst();
  if (!row) return { threshold: defaultThreshold, defaultThreshold, setBy: null, setAt: null };
  return {
    threshold: JSON.parse(row.value) as number,
    defaultThreshold,
    setBy: row.name,
    setAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

/** The last `limit` changes of the threshold, newest first, from the event log. */
export async function listThresholdChanges(db: Kysely<Database>, limit: number): Promise<ThresholdChange[]> {
  const rows = await db
    .selectFrom('event as e')
    .innerJoin('user as u', 'u.id', 'e.actor_id')
    .select(['e.props', 'e.at', 'u.name'])
    .where('e.type', '=', 'settings.threshold_changed')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const { from, to } = JSON.parse(row.props) as { from: number; to: number };
    return { from, to, by: row.name, at: new Date(Number(row.at)).toISOString() };
  });
}

/**
 * Sets the threshold for reports scored from now on; reports already scored keep the verdict they were
 * given. The change and the value it replaced go to the event log in the same transaction.
 */
export async function setThreshold(
  db: Kysely<Database>,
  operatorId: string,
  threshold: number,
  defaultThreshold: number,
): Promise<ThresholdSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await readThreshold(trx, defaultThreshold);
    const now = Date.now();
    await trx
      .insertInto('setting')
      .values({ name: THRESHOLD, value: JSON.stringify(threshold), updated_by: operatorId, updated_at: now })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ value: JSON.stringify(threshold), updated_by: operatorId, updated_at: now }),
      )
      .execute();
    await appendEvent(trx, {
      type: 'settings.threshold_changed',
      actorId: operatorId,
      props: { from: before.threshold, to: threshold },
      at: now,
    });
    return readThreshold(trx, defaultThreshold);
  });
}
