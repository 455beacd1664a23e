// Bulk loading of benchmark data, shared by the benchmark and the profiling aid.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/connect.ts';
import type { BenchBatch } from './generate.ts';

/** Bulk insert: multi-row inserts in one transaction on SQLite, `unnest` of column arrays on PostgreSQL. */
export async function insertRows(handle: DatabaseHandle, table: string, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  if (handle.dialect === 'postgres') {
    const described = await sql<{
      column_name: string;
      udt_name: string;
    }>`select column_name, udt_name from information_schema.columns where table_name = ${table}`.execute(
      handle.db,
    );
    const typeOf = new Map(described.rows.map((r) => [r.column_name, r.udt_name]));
    for (let i = 0; i < rows.length; i += 20_000) {
      const chunk = rows.slice(i, i + 20_000);
      const arrays = columns.map(
        (c) => sql`${chunk.map((r) => r[c] ?? null)}::${sql.raw(typeOf.get(c) ?? 'text')}[]`,
      );
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(
        handle.db,
      );
    }
    return;
  }
  const perStatement = Math.floor(30_000 / columns.length);
  await handle.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += perStatement) {
      await trx
        .insertInto(table as never)
        .values(rows.slice(i, i + perStatement) as never)
        .execute();
    }
  });
}

/** Loads one generated slice, parents before children. */
export async function loadBatch(handle: DatabaseHandle, batch: BenchBatch) {
  await insertRows(handle, 'user', batch.users);
  await insertRows(handle, 'organisation', batch.organisations);
  await insertRows(handle, 'data_request', batch.requests);
  await insertRows(handle, 'submission', batch.submissions);
  await insertRows(handle, 'submission_version', batch.versions);
  await insertRows(handle, 'review', batch.reviews);
  await insertRows(handle, 'event', batch.events);
}
