import type { Kysely } from 'kysely';
import type { Role } from '../auth.ts';
import type { Database } from '../db/database.ts';
import { listMembershipsOfUsers, listUsers as listUserRows } from './repository.ts';

/** Users with their organisations, for operators only (the one place emails are listed). */
export async function listUsers(
  db: Kysely<Database>,
  options: { role?: Role | undefined; sort: 'createdAt' | 'email' | 'name'; limit: number; offset: number },
) {
  const rows = await listUserRows(db, options);
  const memberships = await listMembershipsOfUsers(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    pseudonym: row.pseudonym,
    createdAt: new Date(row.createdAt).toISOString(),
    suspendedAt: row.suspendedAt === null ? null : new Date(Number(row.suspendedAt)).toISOString(),
    suspensionReason: row.suspensionReason,
    organisations: memberships
      .filter((m) => m.user_id === row.id)
      .map((m) => ({ id: m.organisation_id, name: m.name, role: m.role })),
  }));
}
