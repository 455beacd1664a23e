import type { Kysely } from 'kysely';

// Frozen in time: this migration takes Kysely<any> and imports no application code. `nameKey` below is
// therefore a copy of `organisationNameKey` (src/admin/organisation-name.ts) as it was when this was written.
//
// Organisation names are unique as a person reads them: "Acme", "acme" and "ACME " are one name. The code
// checked this before inserting, but two creates at the same moment could both pass the check, and SQL's
// lower() differs between the dialects (SQLite lowers ASCII only). So the key is computed in JavaScript,
// stored, and made unique by the database.
//
// Names that already collide (made before the check) keep the oldest as it is; the others get " (2)",
// " (3)"… appended, the least surprising rename that leaves every organisation and its members in place.

const nameKey = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organisation')
    .addColumn('name_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  const rows: { id: string; name: string }[] = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const taken = new Set(rows.map((row) => nameKey(row.name)));
  const kept = new Set<string>();
  for (const row of rows) {
    let name = row.name;
    let key = nameKey(name);
    if (kept.has(key)) {
      for (let n = 2; kept.has(key) || taken.has(key); n++) {
        name = `${row.name} (${n})`;
        key = nameKey(name);
      }
    }
    kept.add(key);
    await db.updateTable('organisation').set({ name, name_key: key }).where('id', '=', row.id).execute();
  }

  await db.schema
    .createIndex('organisation_name_key_idx')
    .unique()
    .on('organisation')
    .column('name_key')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('organisation_name_key_idx').execute();
  await db.schema.alterTable('organisation').dropColumn('name_key').execute();
}
